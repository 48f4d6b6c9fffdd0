// swift-tools-version: 6.1
import PackageDescription

let strictSwift6: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "petrel",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "PetrelDNS", targets: ["PetrelDNS"])
  ],
  dependencies: [],
  targets: [
    .target(
      name: "PetrelDNS",
      swiftSettings: strictSwift6
    ),
    .executableTarget(
      name: "PetrelDNSBenchmark",
      dependencies: ["PetrelDNS"],
      path: "Benchmarks/PetrelDNSBenchmark",
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelDNSTests",
      dependencies: ["PetrelDNS"],
      exclude: ["Fixtures"],
      swiftSettings: strictSwift6
    ),
  ]
)
