import Foundation
import HeteroImport
import HeteroSupport

/// The body of `hetero-plan benchmark import`: time to import each model, against protobuf decoding alone
/// (the baseline, measured in the same run so the ratio survives a noisy shared machine).
public struct ImportBenchmark {
    /// ONNX models to import (default: every .onnx file in Models/).
    public var models: [String] = []

    /// Timed repetitions per model; the median is reported.
    public var repetitions: Int = 15

    /// Directory for import-benchmark.json and .md.
    public var output: String = "Results"

    struct Row: Encodable {
        let model: String
        let onnxNodes: Int
        let operators: Int
        let importMS: Double
        let decodeOnlyMS: Double
        let ratioToDecode: Double

        enum CodingKeys: String, CodingKey {
            case model, operators
            case onnxNodes = "onnx_nodes"
            case importMS = "import_ms"
            case decodeOnlyMS = "decode_only_ms"
            case ratioToDecode = "import_to_decode_ratio"
        }
    }

    public init(models: [String] = [], repetitions: Int = 15, output: String = "Results") {
        self.models = models
        self.repetitions = repetitions
        self.output = output
    }

    public func run() throws {
        let paths = models.isEmpty ? try defaultModels() : models
        var rows: [Row] = []
        for path in paths {
            let bytes = try TextFile.read(path)
            var nodes = 0
            var operators = 0
            // Warm up once (page cache, lazy metadata), then time.
            nodes = try ONNXImporter.decodeOnly(bytes)
            operators = try ONNXImporter().importModel(bytes, file: path).operators.count
            let decode = try Stopwatch.median(repetitions: repetitions) { nodes = try ONNXImporter.decodeOnly(bytes) }
            let full = try Stopwatch.median(repetitions: repetitions) {
                operators = try ONNXImporter().importModel(bytes, file: path).operators.count
            }
            let row = Row(model: URL(fileURLWithPath: path).lastPathComponent, onnxNodes: nodes, operators: operators,
                          importMS: full * 1e3, decodeOnlyMS: decode * 1e3, ratioToDecode: full / max(decode, 1e-9))
            rows.append(row)
            print(row.model.padding(toLength: 28, withPad: " ", startingAt: 0)
                  + String(format: "%5d nodes  import %8.2f ms  decode only %7.2f ms  ratio %5.1f",
                           row.onnxNodes, row.importMS, row.decodeOnlyMS, row.ratioToDecode))
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(rows) + "\n", to: "\(output)/import-benchmark.json")
        var markdown = """
            # ONNX import benchmark

            `hetero-plan benchmark import` (release build), median of \(repetitions) runs per model. \
            "decode only" is swift-protobuf decoding of the same bytes, measured in the same run as the baseline.

            | model | ONNX nodes | operators | import (ms) | decode only (ms) | ratio |
            |---|---|---|---|---|---|

            """
        for row in rows {
            markdown += String(format: "| %@ | %d | %d | %.2f | %.2f | %.1f |\n",
                               row.model as NSString, row.onnxNodes, row.operators, row.importMS, row.decodeOnlyMS, row.ratioToDecode)
        }
        try TextFile.writeAtomically(markdown, to: "\(output)/import-benchmark.md")
        print("wrote \(output)/import-benchmark.json and .md")
    }

    private func defaultModels() throws -> [String] {
        let directory = "Models"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw InputError.unreadable(file: directory, reason: "no Models/ directory here; run from the repository root or name the models")
        }
        return names.filter { $0.hasSuffix(".onnx") }.sorted().map { "\(directory)/\($0)" }
    }
}
