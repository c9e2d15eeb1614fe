// swift-tools-version:6.0
import PackageDescription

/// One set of Swift settings for every target.
let swiftSettings: [SwiftSetting] = [
  // SE-0335: `any` spelled out for existential types.
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "Tether",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "tether", targets: ["tether"]),
    .library(name: "TetherEngine", targets: ["TetherEngine"]),
    .library(name: "TetherStudio", targets: ["TetherStudio"]),
    .library(name: "TetherServe", targets: ["TetherServe"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    // `tether serve`: the classroom web mode (HTTP, WebSocket, graceful shutdown).
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    // Tests only: property-based testing on Swift Testing.
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // libyaml (Debian's libyaml-dev): the scenario loader reads its parse events directly.
    .systemLibrary(name: "CLibYAML", providers: [.apt(["libyaml-dev"])]),
    // GNU readline (Debian's libreadline-dev, GPL-3): line editing, history and completion in `play`.
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
    .target(
      name: "TetherEngine",
      dependencies: ["CLibYAML"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "TetherStudio",
      dependencies: ["TetherEngine", .product(name: "Mustache", package: "swift-mustache")],
      swiftSettings: swiftSettings
    ),
    // The classroom web mode: a room actor (no HTTP types) and thin Hummingbird routes over it;
    // the pages, scripts and styles are compiled into the binary.
    .target(
      name: "TetherServe",
      dependencies: [
        "TetherStudio",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      resources: [
        .embedInCode("Web/trainee.html"), .embedInCode("Web/facilitator.html"), .embedInCode("Web/present.html"),
        .embedInCode("Web/tether.css"), .embedInCode("Web/common.js"), .embedInCode("Web/trainee.js"),
        .embedInCode("Web/facilitator.js"), .embedInCode("Web/present.js"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "tether",
      dependencies: [
        "TetherStudio",
        "TetherServe",
        "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    // Fuzzing (scripts/fuzz.sh): the invariants every input must keep, shared by the libFuzzer
    // targets and the seeded tests. A plain build makes the fuzz executables do nothing.
    .target(
      name: "FuzzProbes",
      dependencies: ["TetherStudio"],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzScenario",
      dependencies: ["FuzzProbes"],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "FuzzUserLine",
      dependencies: ["FuzzProbes"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "TetherEngineTests",
      dependencies: ["TetherEngine", .product(name: "PropertyBased", package: "swift-property-based")],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "TetherStudioTests",
      dependencies: ["TetherStudio", "FuzzProbes"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "TetherServeTests",
      dependencies: [
        "TetherServe",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "tetherTests",
      dependencies: ["TetherStudio", "FuzzProbes"],
      swiftSettings: swiftSettings
    ),
  ]
)
