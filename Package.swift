// swift-tools-version:6.0
import PackageDescription

/// Numeric kernels are compiled optimised even in debug builds: the gradient checks and
/// parity tests run thousands of forward passes, and unoptimised Swift loops are ~50× slower.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Thaw",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "thaw", targets: ["thaw"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Header only: OpenBLAS is loaded at run time with dlopen (see BLASLibrary.swift) so that
        // the kernel type can be chosen before the library's load-time constructor runs.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .target(name: "ThawTUI", swiftSettings: optimisedInDebug),
        .target(name: "ThawCurses", dependencies: ["ThawTUI", "CNCurses"]),
        // The workbench's pure core: state, update and render over value types only. It
        // must not depend on ThawTraining, so the compiler keeps tensors out of the UI.
        .target(name: "ThawWorkbench", dependencies: ["ThawTUI", "ThawTrainingAPI", "ThawMonitor"]),
        // Readers and followers for metric files written by other programs (JSONL, CSV,
        // TensorBoard event files): Foundation only, no terminal and no tensors.
        .target(name: "ThawMonitor", dependencies: ["ThawThreads"], swiftSettings: optimisedInDebug),
        // Named long-lived threads (trainer, watcher, background effects): Foundation only.
        .target(name: "ThawThreads"),
        .target(
            name: "ThawTensor",
            dependencies: ["COpenBLAS"],
            swiftSettings: optimisedInDebug
        ),
        .target(name: "ThawJSON", swiftSettings: optimisedInDebug),
        .target(name: "ThawSafeTensors", dependencies: ["ThawJSON"], swiftSettings: optimisedInDebug),
        .target(
            name: "ThawNN",
            dependencies: ["ThawTensor", "ThawSafeTensors"],
            swiftSettings: optimisedInDebug
        ),
        .target(
            name: "ThawModels",
            dependencies: ["ThawNN", "ThawJSON"],
            swiftSettings: optimisedInDebug
        ),
        .target(name: "ThawTrainingAPI", swiftSettings: optimisedInDebug),
        .target(
            name: "ThawTraining",
            dependencies: ["ThawModels", "ThawTrainingAPI", "ThawThreads", "CZlib", .product(name: "Yams", package: "Yams")],
            swiftSettings: optimisedInDebug
        ),
        .target(
            name: "ThawTestSupport",
            dependencies: ["ThawTensor", "ThawSafeTensors", "ThawNN", "ThawJSON"],
            path: "Tests/ThawTestSupport"
        ),
        .executableTarget(
            name: "thaw",
            dependencies: [
                "ThawTensor",
                "ThawModels",
                "ThawTraining",
                "ThawWorkbench",
                "ThawCurses",
                "ThawTUI",
                "ThawMonitor",
                "ThawThreads",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A small full-screen program on the real terminal stack, driven in tmux by the
        // terminal tests in ThawTUITests (they find it beside the test bundle). Not shipped.
        .executableTarget(name: "tui-demo", dependencies: ["ThawCurses", "ThawTUI", "ThawThreads"]),
        .testTarget(
            name: "ThawTensorTests",
            dependencies: ["ThawTensor", "ThawSafeTensors", "ThawTestSupport"]
        ),
        .testTarget(
            name: "ThawNNTests",
            dependencies: ["ThawNN", "ThawTestSupport"]
        ),
        .testTarget(
            name: "ThawModelsTests",
            dependencies: ["ThawModels", "ThawTestSupport"]
        ),
        .testTarget(
            name: "ThawTrainingAPITests",
            dependencies: ["ThawTrainingAPI"]
        ),
        .testTarget(
            name: "ThawTrainingTests",
            dependencies: ["ThawTraining", "ThawTestSupport"]
        ),
        .testTarget(
            name: "ThawCLITests",
            dependencies: ["thaw", "ThawModels", "ThawTrainingAPI", "ThawWorkbench", "ThawTestSupport"]
        ),
        .testTarget(
            name: "ThawTUITests",
            dependencies: ["ThawTUI", "ThawCurses", "ThawTestSupport"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "ThawWorkbenchTests",
            dependencies: ["ThawWorkbench", "ThawTUI", "ThawTrainingAPI", "ThawMonitor", "ThawTestSupport"],
            exclude: ["__Snapshots__", "Benchmarks"]
        ),
        .testTarget(
            name: "ThawMonitorTests",
            dependencies: ["ThawMonitor", "ThawTestSupport"]
        ),
        .testTarget(
            name: "ThawJSONTests",
            dependencies: ["ThawJSON"]
        ),
        .testTarget(
            name: "ThawSafeTensorsTests",
            dependencies: ["ThawSafeTensors", "ThawTestSupport"]
        ),
    ]
)
