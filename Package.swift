// swift-tools-version: 6.0
// The toolkit: benchmark datasets from recipes, one trusted evaluator, reference detectors.
// System libraries come from Debian's -dev packages (see README "Quick start");
// Swift packages come from the local mirror.
import PackageDescription

let package = Package(
    name: "toolkit",
    products: [
        .executable(name: "toolkit", targets: ["toolkit"]),
        .library(name: "Metrics", targets: ["Metrics"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "Generators", targets: ["Generators"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: C system libraries (module map + shim header each)
        .systemLibrary(name: "CArchive", path: "Sources/CArchive", providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CCSV", path: "Sources/CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CSVM", path: "Sources/CSVM", providers: [.apt(["libsvm-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CNettle", path: "Sources/CNettle", providers: [.apt(["nettle-dev"])]),

        // MARK: Libraries
        .target(name: "NativeLibraries", dependencies: ["CArchive", "CCSV", "CBLAS", "CSVM"]),
        .target(name: "DataIO", dependencies: [
            "CArchive", "CCSV", "CZlib", "CNettle",
        ]),
        .executableTarget(name: "recipe-embedder", path: "Sources/recipe-embedder"),
        .plugin(name: "EmbedRecipes", capability: .buildTool(), dependencies: ["recipe-embedder"],
                path: "Sources/EmbedRecipesPlugin"),
        .target(name: "Recipe", dependencies: ["DataIO", .product(name: "Yams", package: "Yams")],
                plugins: ["EmbedRecipes"]),
        .target(name: "Datasets", dependencies: ["DataIO", "Recipe"]),
        .target(name: "Generators", dependencies: ["Datasets", "Recipe", "DataIO", "Randomness"]),
        .target(name: "Randomness"),
        .target(name: "Metrics"),
        .target(name: "Evaluation", dependencies: ["Metrics", "Datasets", "Recipe", "DataIO", "Randomness"]),
        .target(name: "Tensor", dependencies: ["CBLAS", "Randomness"]),
        .target(name: "Detectors", dependencies: ["Tensor", "CBLAS", "CSVM", "Datasets", "DataIO", "Randomness"]),

        .target(name: "Bench", dependencies: [
            "DataIO", "Recipe", "Datasets", "Generators", "Detectors", "Evaluation", "Metrics", "Randomness",
            .product(name: "Yams", package: "Yams"),
        ]),

        // MARK: The executable: thin subcommands
        .executableTarget(name: "toolkit", dependencies: [
            "NativeLibraries", "DataIO", "Recipe", "Datasets", "Generators", "Metrics", "Evaluation", "Detectors", "Bench",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Benchmarks (run by hand; figures go to the README)
        .executableTarget(name: "perf", dependencies: [
            "DataIO", "Recipe", "Datasets", "Generators", "Metrics", "Evaluation", "Randomness", "Tensor", "Detectors",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Tests (one target per module; EndToEnd runs the built binary)
        .target(name: "TestSupport", dependencies: ["DataIO", "Datasets", "Recipe"], path: "Tests/TestSupport"),  // shared by test targets only
        .testTarget(name: "NativeLibrariesTests", dependencies: ["NativeLibraries"]),
        .testTarget(name: "DataIOTests", dependencies: ["TestSupport", "DataIO", "Randomness"]),
        .testTarget(name: "RecipeTests", dependencies: ["TestSupport", "Recipe", "DataIO"]),
        .testTarget(name: "DatasetsTests", dependencies: ["TestSupport", "Datasets", "DataIO", "Recipe"]),
        .testTarget(name: "GeneratorsTests", dependencies: ["TestSupport", "Generators", "Datasets", "Recipe", "DataIO", "Randomness", "Metrics"]),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
        .testTarget(name: "MetricsTests", dependencies: ["TestSupport", "Metrics", "Randomness"]),
        .testTarget(name: "EvaluationTests", dependencies: ["TestSupport", "Evaluation", "Recipe", "DataIO", "Metrics", "Randomness"]),
        .testTarget(name: "TensorTests", dependencies: ["TestSupport", "Tensor", "Randomness"]),
        // Float64 gradient checks (PyTorch's gradcheck runs in float64 too): `TensorFloat64` is
        // the Tensor module's own sources (Tests/TensorFloat64/Sources is a symlink to
        // Sources/Tensor) compiled a second time with `TENSOR_FLOAT64`, which makes its element
        // type `Scalar` Double (Sources/Tensor/Core/Scalar.swift), so the checks run the very code
        // the detectors run, without a generic Tensor and without touching the Float32 module.
        // Test-only: no product or other target depends on it.
        .target(name: "TensorFloat64", dependencies: ["CBLAS", "Randomness"], path: "Tests/TensorFloat64/Sources",
                swiftSettings: [.define("TENSOR_FLOAT64")]),
        .testTarget(name: "TensorFloat64Tests", dependencies: ["TensorFloat64", "Randomness"]),
        .testTarget(name: "DetectorsTests", dependencies: ["TestSupport", "Detectors", "Tensor", "Datasets", "DataIO", "Randomness", "Metrics", "CSVM"]),
        .testTarget(name: "BenchTests", dependencies: ["TestSupport", "Bench", "DataIO", "Detectors"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "toolkit", "DataIO", "Randomness"]),
    ],
    swiftLanguageModes: [.v6]
)
