import Foundation

/// The checkout the tests run from and the models and platforms bundled in it.
public enum Repository {
    /// The package root, three levels above this file (`Tests/TestSupport/Repository.swift`).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of `relative`, a path inside the repository.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A bundled model by file name (`light_resnet50.onnx`).
    public static func model(_ file: String) -> String { path("Models/" + file) }

    /// A shipped platform by its path under `Platforms/` (`onnc-cpu-dsp-dla.json`, `examples/classic-3unit.json`).
    public static func platform(_ file: String) -> String { path("Platforms/" + file) }

    /// The nine bundled ImageNet models (files `Models/<name>.onnx`), in alphabetical order.
    public static let modelNames = [
        "light_bvlc_alexnet", "light_densenet121", "light_inception_v1", "light_inception_v2", "light_resnet50",
        "light_shufflenet", "light_squeezenet", "light_vgg19", "light_zfnet512",
    ]

    /// The shipped chip platforms: every JSON file directly in `Platforms/` but the schema, sorted
    /// (the `examples/` folder is not listed).
    public static func chipPlatformFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path("Platforms"))
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
            .sorted()
    }
}
