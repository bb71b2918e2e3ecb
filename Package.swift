// swift-tools-version: 6.0
//
// Tolok — a plugin-based analytics and benchmarking workbench for efficiency studies.
//
// Layers (bottom up; each depends only on layers below it; docs/ARCHITECTURE.md):
//   CLapack (OpenBLAS + LAPACKE) → TolokNumerics (the only importer of CLapack)
//   TolokDomain (status vocabulary, civil dates: value types shared by models and core)
//   Models/<Family> (mathematics and domain rules: TolokNumerics + TolokDomain + Foundation only)
//   TolokCore (datasets, CSV, money, column roles, plugin protocol and registry, results, renderers)
//   Plugins/<Family> (thin adapters: typed options → model → report; Core + Models)
//   TolokBuiltins (the built-in plugin list) → tolok (host); Benchmarks → tolok-bench
import PackageDescription


let package = Package(
    name: "Tolok",
    products: [
        .executable(name: "tolok", targets: ["tolok"]),
        .executable(name: "tolok-bench", targets: ["tolok-bench"]),
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
        // Excel workbooks (TolokWorkbook only): the zip container and the workbook's small XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
    ],
    targets: [
        // MARK: Numeric foundation
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .target(name: "TolokNumerics", dependencies: ["CLapack"]),

        // MARK: Shared domain vocabulary (no dependencies)
        .target(name: "TolokDomain"),

        // MARK: Models: one target per family, mathematics and domain rules only
        .target(name: "TolokDEAModel", dependencies: ["TolokNumerics", "TolokDomain"], path: "Models/DEA"),
        .target(name: "TolokTwoStageDEAModel", dependencies: ["TolokDEAModel", "TolokNumerics", "TolokDomain"], path: "Models/TwoStageDEA"),
        .target(name: "TolokFrontierModel", dependencies: ["TolokNumerics"], path: "Models/StochasticFrontier"),
        .target(name: "TolokInsuranceModel", dependencies: ["TolokDomain"], path: "Models/Insurance"),

        // MARK: Core: data, plugin protocol, results, renderers
        .target(name: "TolokCore", dependencies: ["TolokDomain"]),

        // MARK: External plugin ABI (C header) and its Swift side (host loader + exporter)
        .target(name: "CTolokPluginABI"),
        .target(name: "TolokPluginKit", dependencies: ["TolokCore", "CTolokPluginABI"]),

        // MARK: Plugins: thin adapters, one target per family. Explicit paths: a top-level
        // Plugins/ folder would otherwise be taken for SwiftPM package plugins.
        .target(name: "TolokRatios", dependencies: ["TolokCore", "TolokPluginKit"], path: "Plugins/Ratios"),
        .target(name: "TolokDEA", dependencies: ["TolokCore", "TolokDEAModel"], path: "Plugins/DEA"),
        .target(name: "TolokTwoStageDEA", dependencies: ["TolokCore", "TolokDEAModel", "TolokTwoStageDEAModel"], path: "Plugins/TwoStageDEA"),
        .target(name: "TolokFrontier", dependencies: ["TolokCore", "TolokNumerics", "TolokFrontierModel"], path: "Plugins/Frontier"),
        .target(name: "TolokInsurance", dependencies: ["TolokCore", "TolokInsuranceModel"], path: "Plugins/Insurance"),
        .target(name: "TolokBranchComparison", dependencies: ["TolokCore", "TolokDEAModel", "TolokInsuranceModel"], path: "Plugins/BranchComparison"),
        .target(name: "TolokBuiltins", dependencies: [
            "TolokCore", "TolokDEA", "TolokTwoStageDEA", "TolokFrontier", "TolokInsurance", "TolokBranchComparison",
        ]),

        // MARK: Excel workbooks (.xlsx in: Dataset; out: one sheet per result table). Above Core,
        // beside TolokCheck: only the host links ZIPFoundation and XMLCoder.
        .target(name: "TolokWorkbook", dependencies: [
            "TolokCore", .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "XMLCoder", package: "XMLCoder"),
        ]),

        // MARK: Regression suites (`tolok check`): suite files, reference joins, tolerances, JUnit
        .target(name: "TolokCheck", dependencies: ["TolokCore", .product(name: "Yams", package: "Yams")]),

        // MARK: Host executable
        .executableTarget(
            name: "tolok",
            dependencies: [
                "TolokCore", "TolokPluginKit", "TolokBuiltins", "TolokCheck", "TolokWorkbook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Benchmarks (`tolok bench …` runs this executable from beside `tolok`)
        .executableTarget(
            name: "tolok-bench",
            dependencies: [
                "TolokCore", "TolokDEAModel", "TolokFrontierModel", "TolokNumerics",
                // `tolok bench e2e ratios` runs the Ratios plugin in process as its built-in peer.
                "TolokRatios",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks"
        ),

        // MARK: Tests
        .target(name: "TolokTestSupport", dependencies: ["TolokCore", "TolokBuiltins"], path: "Tests/TolokTestSupport"),
        .testTarget(name: "TolokNumericsTests", dependencies: ["TolokNumerics"], exclude: ["Fixtures"]),
        .testTarget(name: "TolokCoreTests", dependencies: ["TolokCore"]),
        .testTarget(name: "TolokEndToEndTests", dependencies: ["TolokCore"]),
        .testTarget(name: "TolokWorkbookTests", dependencies: ["TolokWorkbook", "TolokCore"], exclude: ["Fixtures"]),
        .testTarget(name: "TolokCheckTests", dependencies: ["TolokCheck", "TolokCore"]),
        .testTarget(name: "TolokDEATests", dependencies: ["TolokDEAModel", "TolokDEA", "TolokCore", "TolokTestSupport"]),
        .testTarget(name: "TolokInsuranceTests", dependencies: ["TolokInsuranceModel", "TolokInsurance", "TolokCore", "TolokTestSupport"]),
        .testTarget(name: "TolokFrontierTests", dependencies: ["TolokFrontierModel", "TolokFrontier", "TolokCore", "TolokNumerics", "TolokTestSupport"]),
        .testTarget(name: "TolokBranchComparisonTests", dependencies: ["TolokBranchComparison", "TolokDEAModel", "TolokInsuranceModel", "TolokCore", "TolokTestSupport"]),
        .testTarget(name: "TolokTwoStageDEATests", dependencies: ["TolokTwoStageDEAModel", "TolokTwoStageDEA", "TolokDEAModel", "TolokCore", "TolokNumerics", "TolokTestSupport"], exclude: ["Fixtures"]),
    ]
)
