import Foundation
import HeteroIR

extension ProfileImport {
    /// The header `benchmark_app` writes before each infer request's counters (OpenVINO
    /// `tools/benchmark_tool/openvino/tools/benchmark/utils/statistics_report.py`,
    /// `dump_performance_counters_request`; the C++ benchmark_app writes the same columns).
    static let openVINOHeader = ["layerName", "execStatus", "layerType", "execType", "realTime (ms)", "cpuTime (ms)"]

    /// Suffixes OpenVINO appends to an ONNX node's name for a layer that computes part of it:
    /// `/WithoutBiases` is the Convolution or MatMul of a Conv or Gemm whose bias Add it split off
    /// (ONNX frontend, `conv.cpp` and `gemm.cpp`: `set_friendly_name(onnx_name + "/WithoutBiases")`;
    /// the CPU plugin fuses the Add back, so the layer's time is the whole ONNX operator's), and
    /// `/fq_weights_N` the FakeQuantize NNCF puts on input N's weights of a quantized layer.
    static let openVINOSuffixes = ["/WithoutBiases", "/fq_weights_"]

    /// Layer types that are graph plumbing, not operators: not reported when they did not run.
    static let openVINOPlumbing: Set<String> = ["Parameter", "Result", "Const", "Constant"]

    /// One layer row of a counters block.
    struct OpenVINORow {
        var layer: String
        var layerType: String
        var executed: Bool
        var microseconds: Double
    }

    /// The per-operator times of an OpenVINO `benchmark_app -report_type detailed_counters` CSV.
    ///
    /// The file is `;`-separated blocks, one per infer request: the header line, one line per
    /// layer (`realTime (ms)` with three decimals), a `Total` line and a blank line. Lines before
    /// the first header are skipped. Each layer is matched to an operator of `graph`
    /// (`openVINOOperator`); within one request the times of the layers matched to one operator
    /// add up (one measurement of it). An operator whose layers all have status NOT_RUN (fused into
    /// the layer before it, such as a Relu into its Convolution, or optimised out, such as a
    /// Reshape) is measured at 0 µs: its time is inside the layer that ran. Executed layers that
    /// match no operator (the plugin's Reorder and Convert layers, which move data between layouts
    /// and precisions) are listed as unmatched.
    ///
    /// - Throws: `ProfileImportError.badLine` naming the line of a layer row with a wrong number
    ///   of columns, a real time that is not a number in 0...`maximumLatencyUS` µs, or no name;
    ///   `.noTimings` when no header or no executed layer is found.
    static func openVINOTimings(_ bytes: [UInt8], file: String, graph: Graph) throws -> OpenVINOMatch {
        let blocks = try openVINOBlocks(bytes, file: file)
        var match = OpenVINOMatch()
        var renamed: [String: String] = [:]
        var notRun = Set<String>()
        var ran = Set<String>()
        let producers = Dictionary(graph.tensors.indices.compactMap { index in graph.producer[index].map { (graph.tensors[index].name, $0) } },
                                   uniquingKeysWith: { first, _ in first })
        for block in blocks {
            var sums: [String: Double] = [:]
            var order: [String] = []
            var skipped = Set<String>()
            for row in block {
                guard let op = openVINOOperator(for: row.layer, graph: graph, producers: producers) else {
                    if row.executed { match.timings.append(Timings(node: row.layer, latenciesUS: [row.microseconds])) }
                    continue
                }
                if op != row.layer { renamed[row.layer] = op }
                if sums[op] == nil && !skipped.contains(op) { order.append(op) }
                if row.executed {
                    sums[op, default: 0] += row.microseconds
                } else {
                    skipped.insert(op)
                }
            }
            for op in order {
                if let sum = sums[op] {
                    match.timings.append(Timings(node: op, latenciesUS: [sum]))
                    ran.insert(op)
                } else {
                    match.timings.append(Timings(node: op, latenciesUS: [0]))
                    notRun.insert(op)
                }
            }
        }
        match.renamed = renamed
        match.notRun = graph.operators.map(\.name).filter { notRun.contains($0) && !ran.contains($0) }
        return match
    }

    /// What `openVINOTimings` found: per-operator measurements (and unmatched layers by their own
    /// names), the layers matched under another name, and the operators measured only as NOT_RUN.
    struct OpenVINOMatch {
        var timings: [Timings] = []
        var renamed: [String: String] = [:]
        var notRun: [String] = []
    }

    /// The operator of `graph` a layer measures: the operator of that name; else, with a known
    /// suffix removed (`openVINOSuffixes`), the operator of the remaining name; else the operator
    /// producing the tensor of that name (OpenVINO names a layer after its ONNX node's first output
    /// when the node has no name, and the layer feeding a model output after that output).
    static func openVINOOperator(for layer: String, graph: Graph, producers: [String: Int]) -> String? {
        func byName(_ name: String) -> String? {
            if graph.operatorIndex[name] != nil { return name }
            if let producer = producers[name] { return graph.operators[producer].name }
            return nil
        }
        if let op = byName(layer) { return op }
        for suffix in openVINOSuffixes {
            guard let range = layer.range(of: suffix, options: .backwards) else { continue }
            let rest = layer[range.upperBound...]
            let numbered = suffix == "/fq_weights_"  // followed by the input's number
            guard numbered ? !rest.isEmpty && rest.allSatisfy(\.isNumber) : rest.isEmpty else { continue }
            if let op = byName(String(layer[..<range.lowerBound])) { return op }
        }
        return nil
    }

    /// The layer rows of each infer request's block, with their lines checked.
    static func openVINOBlocks(_ bytes: [UInt8], file: String) throws -> [[OpenVINORow]] {
        let text = String(decoding: bytes, as: UTF8.self)
        var blocks: [[OpenVINORow]] = []
        var inBlock = false
        var sawHeader = false
        var executed = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            var fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if fields.last == "" && fields.count == openVINOHeader.count + 1 { fields.removeLast() }  // trailing ';'
            if fields.map({ $0.trimmingCharacters(in: .whitespaces) }) == openVINOHeader {
                inBlock = true
                sawHeader = true
                blocks.append([])
                continue
            }
            guard inBlock else { continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                inBlock = false
                continue
            }
            guard fields.count == openVINOHeader.count else {
                throw ProfileImportError.badLine(file: file, line: lineNumber, message: "expected \(openVINOHeader.count) "
                    + "';'-separated columns (\(openVINOHeader.joined(separator: ";"))), found \(fields.count)")
            }
            if fields[0] == "Total" { continue }
            let status = fields[1].split(separator: ".").last.map(String.init) ?? fields[1]
            guard let milliseconds = Double(fields[4].trimmingCharacters(in: .whitespaces)), milliseconds.isFinite,
                  milliseconds >= 0 else {
                throw ProfileImportError.badLine(file: file, line: lineNumber,
                                                 message: "layer \"\(fields[0])\": realTime (ms) must be a number >= 0, found \"\(fields[4])\"")
            }
            guard milliseconds * 1000 <= maximumLatencyUS else {
                throw ProfileImportError.badLine(file: file, line: lineNumber, message: "layer \"\(fields[0])\": realTime (ms) "
                    + "\(fields[4]) is more than the \(Int(maximumLatencyUS / 1000)) ms a measurement may take")
            }
            let layerType = fields[2].trimmingCharacters(in: .whitespaces)
            let ran = status == "EXECUTED"
            if !ran && (status != "NOT_RUN" || openVINOPlumbing.contains(layerType)) { continue }
            if fields[0].isEmpty {
                throw ProfileImportError.badLine(file: file, line: lineNumber, message: "a layer row needs its layerName")
            }
            if ran { executed += 1 }
            blocks[blocks.count - 1].append(OpenVINORow(layer: fields[0], layerType: layerType, executed: ran,
                                                        microseconds: milliseconds * 1000))
        }
        guard sawHeader else {
            throw ProfileImportError.noTimings(file: file, expected: "a header line \"\(openVINOHeader.joined(separator: ";"))\" "
                                               + "(benchmark_app -report_type detailed_counters)")
        }
        guard executed > 0 else { throw ProfileImportError.noTimings(file: file, expected: "layers with status EXECUTED") }
        return blocks
    }
}
