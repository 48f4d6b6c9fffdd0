// swift-tools-version: 6.1
import PackageDescription

let strictSwift6: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "petrel",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "PetrelDNS", targets: ["PetrelDNS"]),
    .library(name: "PetrelSystem", targets: ["PetrelSystem"]),
    .library(name: "PetrelResolver", targets: ["PetrelResolver"]),
    .library(name: "PetrelServer", targets: ["PetrelServer"]),
    .library(name: "PetrelControl", targets: ["PetrelControl"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // The DNS data model and its codecs; no I/O.
    .target(
      name: "PetrelDNS",
      swiftSettings: strictSwift6
    ),
    // Only what Swift cannot import: CMSG_* macros, raw syscall wrappers, kernel structs.
    .target(
      name: "CPetrelSystem"
    ),
    // Typed Swift over the Linux calls the daemon needs; knows nothing of DNS.
    .target(
      name: "PetrelSystem",
      dependencies: [
        "CPetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
    // Iterative resolution and the caches; upstream I/O only through UpstreamTransport.
    .target(
      name: "PetrelResolver",
      dependencies: [
        "PetrelDNS",
        "CPetrelSystem",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // The daemon assembled: configuration, listeners, query pipeline, packet cache, ACLs, start-up.
    .target(
      name: "PetrelServer",
      dependencies: [
        "PetrelDNS",
        "PetrelResolver",
        "PetrelSystem",
        "PetrelControl",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
    // Test-only: applies a PrivilegePlan and tries, one by one, what the sandbox must refuse.
    .executableTarget(
      name: "petrel-sandbox-probe",
      dependencies: [
        "PetrelSystem",
        "CPetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
    // Test support shared by test targets and scenario replay: the scripted upstream network.
    .target(
      name: "PetrelTestSupport",
      dependencies: [
        "PetrelDNS", "PetrelResolver", "PetrelControl", "PetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
    // Test-only: a small authoritative server with misbehaviour switches, for the integration lab.
    .executableTarget(
      name: "petrel-test-authority",
      dependencies: [
        "PetrelDNS",
        "PetrelTestSupport",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      swiftSettings: strictSwift6
    ),
    // Whole-system tests: a loopback DNS hierarchy of test authorities and the real petreld.
    .testTarget(
      name: "PetrelIntegrationTests",
      dependencies: ["PetrelDNS", "PetrelTestSupport", "petrel-test-authority"],
      exclude: ["Lab"],
      swiftSettings: strictSwift6
    ),
    .executableTarget(
      name: "PetrelDNSBenchmark",
      dependencies: ["PetrelDNS"],
      path: "Benchmarks/PetrelDNSBenchmark",
      swiftSettings: strictSwift6
    ),
    .executableTarget(
      name: "PetrelCacheBenchmark",
      dependencies: ["PetrelResolver", "PetrelDNS"],
      path: "Benchmarks/PetrelCacheBenchmark",
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelDNSTests",
      dependencies: ["PetrelDNS", "PetrelTestSupport"],
      exclude: ["Fixtures"],
      swiftSettings: strictSwift6
    ),
    // srv-net: the daemon's executable and the server's tests.
    .executableTarget(
      name: "petreld",
      dependencies: [
        "PetrelServer",
        "PetrelSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelServerTests",
      dependencies: [
        "PetrelTestSupport",
        "PetrelServer",
        "PetrelDNS",
        "PetrelResolver",
        "PetrelSystem",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "SystemPackage", package: "swift-system"),
      ],
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
    // The YAML configuration, the zone files it names, and answering from local zones.
    .testTarget(
      name: "PetrelServerConfigurationTests",
      dependencies: ["PetrelServer", "PetrelDNS", "PetrelResolver"],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelResolverTests",
      dependencies: ["PetrelResolver", "PetrelDNS"],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelIteratorTests",
      dependencies: [
        "PetrelDNS",
        "PetrelResolver",
        "PetrelTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // The SwiftNIO upstream transport against fake servers on loopback, and its throughput benchmark.
    .testTarget(
      name: "PetrelTransportTests",
      dependencies: [
        "PetrelResolver",
        "PetrelDNS",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      swiftSettings: strictSwift6
    ),
    .executableTarget(
      name: "PetrelTransportBenchmark",
      dependencies: [
        "PetrelResolver",
        "PetrelDNS",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      path: "Benchmarks/PetrelTransportBenchmark",
      swiftSettings: strictSwift6
    ),
    // The control channel: protocol, framing, ControlServer (daemon side) and ControlClient.
    .target(
      name: "PetrelControl",
      dependencies: [
        "PetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // The control client: argument parsing, opening output files, printing the daemon's answer.
    .executableTarget(
      name: "petrelctl",
      dependencies: [
        "PetrelControl",
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSwift6
    ),
    // Test-only: binds a control socket, applies the full privilege plan, serves until `quit`.
    .executableTarget(
      name: "petrel-control-probe",
      dependencies: [
        "PetrelControl",
        "PetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelControlTests",
      dependencies: [
        "PetrelControl",
        "PetrelTestSupport",
        "PetrelSystem",
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // Deckard scenario replay: .rpl files parsed, their fake servers scripted, the real resolver driven and checked.
    .target(
      name: "PetrelScenarioReplay",
      dependencies: [
        "PetrelDNS",
        "PetrelResolver",
        "PetrelTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // Runs scenarios from the command line and prints the pass/fail/skip table.
    .executableTarget(
      name: "petrel-replay",
      dependencies: [
        "PetrelScenarioReplay",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "PetrelScenarioTests",
      dependencies: [
        "PetrelScenarioReplay",
        "PetrelDNS",
        "PetrelResolver",
      ],
      swiftSettings: strictSwift6
    ),
    // daemon-control: petrelctl against the real petreld (dumps, traces, reload, refusals, leaks).
    .testTarget(
      name: "PetrelDaemonControlTests",
      dependencies: [
        "PetrelDNS",
        "PetrelTestSupport",
        "PetrelControl",
        "PetrelSystem",
        "PetrelServer",
        "PetrelResolver",
        "petreld",
        "petrelctl",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
    // daemon-priv: petreld's privilege drop as the kernel reports it, in both start modes, with socket
    // activation and systemd notification; plus the rules that build the plan.
    .testTarget(
      name: "PetrelPrivilegeTests",
      dependencies: [
        "PetrelTestSupport",
        "PetrelServer",
        "PetrelSystem",
        "PetrelDNS",
        "petreld",
        "petrel-test-authority",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
    // takeover: a new petreld takes the sockets and the cache of a running one (in-process and end to end).
    .testTarget(
      name: "PetrelTakeoverTests",
      dependencies: [
        "PetrelTestSupport",
        "petreld",
        "petrel-test-authority",
        "PetrelServer",
        "PetrelControl",
        "PetrelSystem",
        "PetrelResolver",
        "PetrelDNS",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: strictSwift6
    ),
  ]
)
