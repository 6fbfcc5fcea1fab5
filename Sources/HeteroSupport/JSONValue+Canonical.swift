import Foundation

extension JSONValue {
    /// A canonical single-line rendering: object keys sorted by their UTF-8 bytes, no whitespace,
    /// whole numbers without a fraction, other numbers in Swift's shortest round-trip form. Equal
    /// values give equal text on every machine, so the text can be hashed into a stable identifier.
    public var canonicalText: String {
        var text = ""
        appendCanonical(to: &text)
        return text
    }

    private func appendCanonical(to text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(let number): text += Self.canonicalNumber(number)
        case .string(let string): text += Self.quoted(string)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                element.appendCanonical(to: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (index, key) in keys.enumerated() {
                if index > 0 { text += "," }
                text += Self.quoted(key) + ":"
                members[key]!.appendCanonical(to: &text)
            }
            text += "}"
        }
    }

    /// Whole numbers as integers, others in the shortest form that reads back to the same Double.
    public static func canonicalNumber(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 9.0e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// A JSON string literal with the escapes RFC 8259 requires.
    public static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
