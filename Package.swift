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
    .library(name: "PetrelDNS", targets: ["PetrelDNS"]),
    .library(name: "PetrelSystem", targets: ["PetrelSystem"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1")
  ],
  targets: [
    .target(
      name: "PetrelDNS",
      swiftSettings: strictSwift6
    ),
    .target(
      name: "CPetrelSystem"
    ),
    .target(
      name: "PetrelSystem",
      dependencies: [
        "CPetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
    // Test-only: applies a PrivilegePlan and tries what the sandbox must refuse.
    .executableTarget(
      name: "petrel-sandbox-probe",
      dependencies: [
        "PetrelSystem",
        "CPetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelDNSTests",
      dependencies: ["PetrelDNS"],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelSystemTests",
      dependencies: [
        "PetrelSystem",
        "CPetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
  ]
)
