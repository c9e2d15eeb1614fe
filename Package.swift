// swift-tools-version:6.0
import PackageDescription

/// One set of Swift settings for every target.
let swiftSettings: [SwiftSetting] = [
  // SE-0335: `any` spelled out for existential types.
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "Tether",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "tether", targets: ["tether"]),
    .library(name: "TetherEngine", targets: ["TetherEngine"]),
    .library(name: "TetherStudio", targets: ["TetherStudio"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
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
    .executableTarget(
      name: "tether",
      dependencies: [
        "TetherStudio",
        "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "TetherEngineTests",
      dependencies: ["TetherEngine"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "TetherStudioTests",
      dependencies: ["TetherStudio"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "tetherTests",
      dependencies: ["TetherStudio"],
      swiftSettings: swiftSettings
    ),
  ]
)
