import Foundation

/// The files the model-by-platform benchmarks run over: the ONNX models of a directory and the
/// platform files of another (its JSON files but the schema; subdirectories such as `examples/`
/// and `published/` are not read), each sorted by name.
enum BenchmarkInputs {
    static func modelFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".onnx") }.sorted()
    }

    static func platformFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") && $0 != "platform.schema.json" }.sorted()
    }
}
