import Foundation
import HeteroIR
import HeteroSupport

/// Loads a model file, choosing the reader from the file's content rather than its extension:
/// a document starting with `{` is JSON (its `format` key names the kind), anything else is ONNX.
public enum ModelLoader {
    /// The JSON graph formats, by their `format` header.
    public static let tensorGraphFormat = "hetero-plan/graph@1"
    public static let taskGraphFormat = "hetero-plan/taskgraph@1"

    /// `dimensionBounds` (`--max-dim`) apply to ONNX models only.
    public static func load(path: String, inputShapes: [String: [Int]] = [:],
                            dimensionBounds: [String: Int] = [:]) throws(ImportError) -> Graph {
        // Read by positioned reads, not mapped: an ONNX model's weights are skipped unread
        // (`ONNXWeightPayloads`), and a file truncated meanwhile is an error, not a SIGBUS.
        let file: InputFile
        var first: UInt8?
        do {
            file = try InputFile(path)
            var offset = 0
            while offset < file.size, first == nil {
                let byte = try file.byte(at: offset)
                if ![0x20, 0x09, 0x0A, 0x0D].contains(byte) { first = byte }
                offset += 1
            }
        } catch { throw .document(error) }
        guard let first else { throw .empty(file: path) }
        guard first == UInt8(ascii: "{") else {
            return try ONNXImporter(inputShapes: inputShapes, dimensionBounds: dimensionBounds).importModel(file: file)
        }
        let bytes: [UInt8]
        do { bytes = try file.readAll() } catch { throw .document(error) }
        if !dimensionBounds.isEmpty {
            throw .document(.option(name: "--max-dim", message: "applies to ONNX models; a JSON graph's shapes are all given"))
        }
        let document: JSONValue
        do { document = try JSONParser.parse(bytes) } catch { throw .document(.syntax(file: path, error)) }
        let format = document["format"]
        switch format {
        case .string(tensorGraphFormat):
            return try TensorGraphReader(file: path, inputShapes: inputShapes).read(document)
        case .string(taskGraphFormat):
            if !inputShapes.isEmpty {
                throw .document(.option(name: "--input-shape", message: "task graphs have no input shapes"))
            }
            return try TaskGraphReader(file: path).read(document)
        case .string(let other):
            throw .document(.invalid(file: path, what: "model", problems: [
                Problem(JSONPath.root.appending("format"), "unknown format \"\(other)\"; expected \"\(tensorGraphFormat)\" or \"\(taskGraphFormat)\""),
            ]))
        default:
            throw .document(.invalid(file: path, what: "model", problems: [
                Problem(JSONPath.root.appending("format"), "missing or not a string; a JSON model starts with \"format\": \"\(tensorGraphFormat)\" or \"\(taskGraphFormat)\""),
            ]))
        }
    }
}
