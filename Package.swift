// swift-tools-version: 6.0
//
// Tolok — a plugin-based analytics and benchmarking workbench for efficiency studies.
//
// Layers (bottom up): CLapack (OpenBLAS + LAPACKE) → TolokNumerics (matrices, LAPACK
// wrappers, LP solver, optimiser) → TolokCore (datasets, plugin protocol and registry,
// results, renderers) → Plugins/<Family> (one target per plugin family) → tolok (host).
import PackageDescription

let package = Package(
    name: "Tolok",
    products: [
        .executable(name: "tolok", targets: ["tolok"]),
        .library(name: "TolokNumerics", targets: ["TolokNumerics"]),
        .library(name: "TolokCore", targets: ["TolokCore"]),
        .library(name: "TolokPluginKit", targets: ["TolokPluginKit"]),
        // An external plugin, built as a shared library and loaded at run time through the
        // C ABI (docs/PLUGINS.md). It sits beside the `tolok` executable after `swift build`.
        .library(name: "TolokRatios", type: .dynamic, targets: ["TolokRatios"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        // YAML suites for `tolok check` (TolokCheck only).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: Numeric foundation
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .target(name: "TolokNumerics", dependencies: ["CLapack"]),

        // MARK: Core: data, plugin protocol, results, renderers
        .target(name: "TolokCore", dependencies: ["TolokNumerics"]),

        // MARK: External plugin ABI (C header) and its Swift side (host loader + exporter)
        .target(name: "CTolokPluginABI"),
        .target(name: "TolokPluginKit", dependencies: ["TolokCore", "CTolokPluginABI"]),

        // MARK: Plugins (analysis families). Explicit paths: a top-level Plugins/ folder
        // would otherwise be taken for SwiftPM package plugins.
        .target(name: "TolokRatios", dependencies: ["TolokCore", "TolokPluginKit"], path: "Plugins/Ratios"),
        .target(name: "TolokDEA", dependencies: ["TolokCore", "TolokNumerics"], path: "Plugins/DEA"),
        .target(name: "TolokInsurance", dependencies: ["TolokCore"], path: "Plugins/Insurance"),
        .target(name: "TolokFrontier", dependencies: ["TolokCore", "TolokNumerics"], path: "Plugins/Frontier"),
        .target(name: "TolokBranchComparison", dependencies: ["TolokCore", "TolokDEA", "TolokInsurance"], path: "Plugins/BranchComparison"),
        .target(name: "TolokTwoStageDEA", dependencies: ["TolokCore", "TolokNumerics", "TolokDEA"], path: "Plugins/TwoStageDEA"),

        // MARK: Regression suites (`tolok check`): suite files, reference joins, tolerances, JUnit
        .target(name: "TolokCheck", dependencies: ["TolokCore", .product(name: "Yams", package: "Yams")]),

        // MARK: Host executable
        .executableTarget(
            name: "tolok",
            dependencies: [
                "TolokCore", "TolokNumerics", "TolokPluginKit",
                "TolokDEA",
                "TolokTwoStageDEA",
                "TolokFrontier",
                "TolokInsurance",
                "TolokBranchComparison",
                "TolokCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "TolokNumericsTests", dependencies: ["TolokNumerics"], exclude: ["Fixtures"]),
        .testTarget(name: "TolokCoreTests", dependencies: ["TolokCore"]),
        .testTarget(name: "TolokEndToEndTests", dependencies: ["TolokCore"]),
        .testTarget(name: "TolokCheckTests", dependencies: ["TolokCheck", "TolokCore"]),
        .testTarget(name: "TolokDEATests", dependencies: ["TolokDEA", "TolokCore"]),
        .testTarget(name: "TolokInsuranceTests", dependencies: ["TolokInsurance"]),
        .testTarget(name: "TolokFrontierTests", dependencies: ["TolokFrontier", "TolokCore", "TolokNumerics"]),
        .testTarget(name: "TolokBranchComparisonTests", dependencies: ["TolokBranchComparison", "TolokInsurance", "TolokDEA", "TolokCore"]),
        .testTarget(name: "TolokTwoStageDEATests", dependencies: ["TolokTwoStageDEA", "TolokDEA", "TolokCore", "TolokNumerics"], exclude: ["Fixtures"]),
    ]
)
