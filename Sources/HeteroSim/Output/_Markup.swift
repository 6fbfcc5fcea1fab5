import Foundation

/// Text escaping and number formatting shared by the output writers. Numbers are printed with
/// a fixed number of decimals so that outputs are byte-identical between runs and platforms.
enum _Markup {
    /// `text` as a JSON string literal.
    static func json(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// `text` escaped for XML content and attribute values.
    static func xml(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A number with `decimals` decimals, without a negative zero.
    static func number(_ value: Double, _ decimals: Int = 3) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// Bytes in binary units: `512 B`, `1.5 KiB`, `3.25 MiB`.
    static func bytes(_ value: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var index = 0
        while amount >= 1024 && index < units.count - 1 {
            amount /= 1024
            index += 1
        }
        return index == 0 ? "\(value) B" : "\(number(amount, 2)) \(units[index])"
    }

    /// A colour for a category (operator type), stable across runs: a hue from the name's hash.
    static func colour(for name: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return "hsl(\(hash % 360),55%,62%)"
    }

    /// A tick's label with as many decimals as the tick step needs.
    static func tickLabel(_ tick: Double, upTo end: Double) -> String {
        let ticks = ticks(upTo: end)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        return number(tick, step >= 1 ? 0 : Int(ceil(-log10(step))))
    }

    /// Round time-axis ticks: about `target` of them between 0 and `end`, on a 1-2-5 step.
    static func ticks(upTo end: Double, target: Int = 10) -> [Double] {
        guard end > 0 else { return [0] }
        let raw = end / Double(max(1, target))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return stride(from: 0.0, through: end + step * 1e-9, by: step).map { $0 }
    }
}
