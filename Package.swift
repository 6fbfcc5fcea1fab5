// swift-tools-version: 6.0
import PackageDescription

// One library module per pipeline stage; dependencies point one way down the pipeline:
//   HeteroSupport -> HeteroIR -> HeteroImport
//   HeteroSupport -> HeteroPlatform
//   (HeteroIR, HeteroPlatform) -> HeteroCost -> HeteroPlan -> HeteroExplore -> HeteroCLI -> hetero-plan
//   HeteroCost -> HeteroSim (the simulator checks the planner, so it never imports it)
//   (HeteroIR, HeteroImport, HeteroRecords) -> HeteroExport -> HeteroCLI (plans cut into ONNX subgraphs)
//   HeteroSupport -> HeteroRecords (the one set of plan records: schedule, memory plan, the
//   plan@1 document and its reader, the simulator's statistics), used by HeteroPlan and HeteroSim
// The C boundary (GLPK) lives in CGLPK (system library) + CGLPKGuard (setjmp shim) and is touched
// only by the GLPKSolver wrapper.
let package = Package(
    name: "hetero-plan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hetero-plan", targets: ["hetero-plan"]),
        .library(name: "HeteroIR", targets: ["HeteroIR"]),
        .library(name: "HeteroImport", targets: ["HeteroImport"]),
        .library(name: "HeteroPlatform", targets: ["HeteroPlatform"]),
        .library(name: "GLPKSolver", targets: ["GLPKSolver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // MARK: C boundary
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(
            name: "CGLPKGuard",
            dependencies: ["CGLPK"]
        ),
        .target(
            name: "GLPKSolver",
            dependencies: ["CGLPK", "CGLPKGuard"]
        ),

        // MARK: Pipeline stages
        .target(
            name: "HeteroSupport",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(
            name: "HeteroIR",
            dependencies: ["HeteroSupport", .product(name: "HeapModule", package: "swift-collections")]
        ),
        .target(
            name: "HeteroImport",
            dependencies: [
                "HeteroIR", "HeteroSupport",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["ONNX/onnx.proto", "ONNX/REGENERATE.md"]
        ),
        .target(
            name: "HeteroPlatform",
            dependencies: ["HeteroSupport"]
        ),
        .target(
            name: "HeteroRecords",
            dependencies: ["HeteroSupport"]
        ),
        .target(
            name: "HeteroCost",
            dependencies: ["HeteroIR", "HeteroPlatform", "HeteroSupport"]
        ),
        .target(
            name: "HeteroPlan",
            dependencies: [
                "HeteroCost", "HeteroIR", "HeteroPlatform", "HeteroRecords", "HeteroSupport", "GLPKSolver",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "HeteroExplore",
            dependencies: [
                "HeteroCost", "HeteroIR", "HeteroImport", "HeteroPlan", "HeteroPlatform", "HeteroRecords", "HeteroSupport",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "HeteroSim",
            dependencies: [
                "HeteroCost", "HeteroIR", "HeteroPlatform", "HeteroRecords", "HeteroSupport",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // Plans cut into subgraphs a runtime can execute (ONNX written through HeteroImport's protobuf types).
        .target(
            name: "HeteroExport",
            dependencies: ["HeteroIR", "HeteroImport", "HeteroRecords", "HeteroSupport"]
        ),
        // Benchmark bodies and instance generators: outside the product library and the CLI, which
        // only parses their options and runs them.
        .target(
            name: "HeteroBench",
            dependencies: [
                "HeteroCost", "HeteroImport", "HeteroIR", "HeteroPlan", "HeteroPlatform", "HeteroRecords", "HeteroSim", "HeteroSupport",
            ]
        ),
        .target(
            name: "HeteroCLI",
            dependencies: [
                "HeteroBench",
                "HeteroIR", "HeteroImport", "HeteroPlatform", "HeteroSupport", "HeteroCost", "HeteroPlan", "HeteroRecords", "HeteroSim",
                "HeteroExplore", "HeteroExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "hetero-plan",
            dependencies: ["HeteroCLI"]
        ),

        // MARK: Tests
        // Shared by the test targets: repository paths, temporary directories, the CLI runner,
        // a seeded generator (Foundation and XCTest only).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GLPKSolverTests", dependencies: ["GLPKSolver", "TestSupport"]),
        .testTarget(name: "HeteroSupportTests", dependencies: ["HeteroSupport", "TestSupport"]),
        .testTarget(name: "HeteroIRTests", dependencies: ["HeteroIR"]),
        .testTarget(name: "HeteroImportTests", dependencies: ["HeteroImport", "HeteroIR", "HeteroSupport", "TestSupport"]),
        .testTarget(name: "HeteroPlatformTests", dependencies: ["HeteroPlatform", "TestSupport"]),
        .testTarget(name: "HeteroCostTests", dependencies: ["HeteroCost", "HeteroIR", "HeteroImport", "HeteroPlatform", "TestSupport"]),
        .testTarget(name: "HeteroPlanTests", dependencies: ["HeteroPlan", "HeteroBench", "HeteroRecords", "HeteroCost", "HeteroIR", "HeteroImport", "HeteroPlatform",
                                                            "TestSupport"]),
        .testTarget(name: "HeteroSimTests", dependencies: ["HeteroSim", "HeteroBench", "HeteroPlan", "HeteroRecords", "HeteroCost", "HeteroIR", "HeteroImport",
                                                           "HeteroPlatform", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["HeteroCLI", "HeteroPlan", "HeteroSupport", "TestSupport", "hetero-plan"]),
        .testTarget(name: "HeteroExploreTests", dependencies: ["HeteroExplore", "HeteroSupport", "TestSupport", "hetero-plan"]),
    ]
)
