import Foundation
import HeteroPlan

/// Seeded mutations of a `;`-separated CSV file (an OpenVINO benchmark_app counters report):
/// fields replaced by extreme, malformed or empty values, columns added or dropped, lines deleted,
/// repeated or moved (a header inside a block, a row before any header), line endings changed,
/// invalid UTF-8, and the file truncated at a random byte. Used by `ReaderMutationTests`; the same
/// seed gives the same mutations on every machine.
struct CSVMutator {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    static let fieldValues = [
        "", "-1", "-0.000", "1e308", "1e309", "nan", "inf", "-inf", "0x1p3", "1e-400", "9223372036854775807", "0.018ms", " 0.5 ",
        "EXECUTED", "Status.EXECUTED", "NOT_RUN", "Status.OPTIMIZED_OUT", "Total", "conv1", "conv1/WithoutBiases", "y", "relu1",
        "layerName", String(repeating: "é", count: 300), "a;b", "\"quoted\"",
    ]

    /// Applies 1 to 3 mutations; returns the bytes and what was done.
    mutating func mutate(_ bytes: [UInt8]) -> (bytes: [UInt8], description: [String]) {
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var done: [String] = []
        var byteMutation: Int?
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            guard !lines.isEmpty else { break }
            let line = Int.random(in: 0..<lines.count, using: &generator)
            var fields = lines[line].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            switch Int.random(in: 0..<12, using: &generator) {
            case 0..<4:
                let column = Int.random(in: 0..<fields.count, using: &generator)
                let value = Self.fieldValues.randomElement(using: &generator)!
                fields[column] = value
                lines[line] = fields.joined(separator: ";")
                done.append("line \(line + 1) column \(column + 1) -> \(value.prefix(20))")
            case 4:
                if Bool.random(using: &generator) { fields.append("extra") } else { fields.removeLast() }
                lines[line] = fields.joined(separator: ";")
                done.append("line \(line + 1) has \(fields.count) columns")
            case 5:
                lines.remove(at: line)
                done.append("deleted line \(line + 1)")
            case 6:
                let times = [1, 2, 1000].randomElement(using: &generator)!
                lines.insert(contentsOf: Array(repeating: lines[line], count: times), at: line)
                done.append("repeated line \(line + 1) \(times) times")
            case 7:
                let target = Int.random(in: 0..<lines.count, using: &generator)
                lines.swapAt(line, target)
                done.append("swapped lines \(line + 1) and \(target + 1)")
            case 8:
                lines[line] += "\r"
                done.append("line \(line + 1) ends in CR")
            case 9:
                lines.insert("", at: line)
                done.append("blank line before line \(line + 1)")
            case 10:
                byteMutation = 0
                done.append("file truncated")
            default:
                byteMutation = 1
                done.append("invalid UTF-8 bytes")
            }
        }
        var result = Array(lines.joined(separator: "\n").utf8)
        switch byteMutation {
        case 0 where !result.isEmpty:
            result = Array(result.prefix(Int.random(in: 0..<result.count, using: &generator)))
        case 1 where !result.isEmpty:
            for _ in 0..<3 { result[Int.random(in: 0..<result.count, using: &generator)] = [0xFF, 0xC3, 0x80, 0x00].randomElement(using: &generator)! }
        default:
            break
        }
        return (result, done)
    }
}
