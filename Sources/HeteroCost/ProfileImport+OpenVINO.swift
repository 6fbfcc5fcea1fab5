import Foundation

extension ProfileImport {
    /// The header `benchmark_app` writes before each infer request's counters (OpenVINO
    /// `tools/benchmark_tool/openvino/tools/benchmark/utils/statistics_report.py`,
    /// `dump_performance_counters_request`; the C++ benchmark_app writes the same columns).
    static let openVINOHeader = ["layerName", "execStatus", "layerType", "execType", "realTime (ms)", "cpuTime (ms)"]

    /// The per-layer real times of an OpenVINO `benchmark_app -report_type detailed_counters` CSV.
    ///
    /// The file is `;`-separated blocks, one per infer request: the header line, one line per
    /// layer (`realTime (ms)` with three decimals), a `Total` line and a blank line. Layers whose
    /// status is not EXECUTED (`NOT_RUN`: fused into another layer or optimised out; `Status.`
    /// prefixed by the Python tool) are skipped, as are lines before the first header.
    ///
    /// - Throws: `ProfileImportError.badLine` naming the line of a layer row with a wrong number
    ///   of columns or a real time that is not a number >= 0; `.noTimings` when no header or no
    ///   executed layer is found.
    static func openVINOTimings(_ bytes: [UInt8], file: String) throws -> [Timings] {
        let text = String(decoding: bytes, as: UTF8.self)
        var timings: [Timings] = []
        var inBlock = false
        var sawHeader = false
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            var fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if fields.last == "" && fields.count == openVINOHeader.count + 1 { fields.removeLast() }  // trailing ';'
            if fields.map({ $0.trimmingCharacters(in: .whitespaces) }) == openVINOHeader {
                inBlock = true
                sawHeader = true
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
            guard status == "EXECUTED" else { continue }
            if fields[0].isEmpty {
                throw ProfileImportError.badLine(file: file, line: lineNumber, message: "a layer row needs its layerName")
            }
            timings.append(Timings(node: fields[0], latenciesUS: [milliseconds * 1000]))
        }
        guard sawHeader else {
            throw ProfileImportError.noTimings(file: file, expected: "a header line \"\(openVINOHeader.joined(separator: ";"))\" "
                                               + "(benchmark_app -report_type detailed_counters)")
        }
        guard !timings.isEmpty else { throw ProfileImportError.noTimings(file: file, expected: "layers with status EXECUTED") }
        return timings
    }
}
