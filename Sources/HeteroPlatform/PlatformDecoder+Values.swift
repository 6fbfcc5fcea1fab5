import Foundation
import HeteroSupport

/// Values shared by several records: names from a fixed list, data types, per-type tables and
/// source notes.
extension PlatformDecoder {
    /// A string that must be one of an enumeration's raw values.
    func choice<Choice: RawRepresentable & CaseIterable>(_ reader: JSONObjectReader, _ key: String, noun: String,
                                                          required: Bool = true) -> Choice? where Choice.RawValue == String {
        guard let text = reader.string(key, required: required) else { return nil }
        if let value = Choice(rawValue: text) { return value }
        let names = Choice.allCases.map(\.rawValue)
        problems.report(reader.path.appending(key), "unknown \(noun) \"\(text)\"" + suggestion(for: text, in: names))
        return nil
    }

    /// ` (did you mean "x"?)` or ` (expected one of: a, b, c)`.
    func suggestion(for text: String, in names: [String]) -> String {
        if let guess = Spelling.closest(to: text, in: names) { return " (did you mean \"\(guess)\"?)" }
        return " (expected one of: \(names.joined(separator: ", ")))"
    }

    /// ` (did you mean "x"?)` or nothing: for names the user defines (units, memories).
    func nameSuggestion(for text: String, in names: [String]) -> String {
        Spelling.closest(to: text, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// A data type name at `path`, reporting an unknown one with the right spelling.
    func dataType(_ text: String, at path: JSONPath) -> DataType? {
        if let type = DataType(rawValue: text) { return type }
        if let type = DataType.informalNames[text.lowercased()] {
            problems.report(path, "unknown data type \"\(text)\" (did you mean \"\(type.rawValue)\"?)")
        } else {
            problems.report(path, "unknown data type \"\(text)\"" + suggestion(for: text, in: DataType.allCases.map(\.rawValue)))
        }
        return nil
    }

    /// An optional array of distinct data types.
    func dataTypes(_ reader: JSONObjectReader, _ key: String) -> [DataType]? {
        guard let elements = reader.array(key, required: false) else { return nil }
        if elements.isEmpty {
            problems.report(reader.path.appending(key), "must list at least one data type (leave the key out to accept any)")
        }
        var result: [DataType] = []
        for element in elements {
            guard case .string(let text) = element.value else {
                problems.report(element.path, "expected a data type name, found \(element.value.kindName)")
                continue
            }
            guard let type = dataType(text, at: element.path) else { continue }
            if result.contains(type) {
                problems.report(element.path, "\"\(text)\" is listed twice")
                continue
            }
            result.append(type)
        }
        return result
    }

    /// An optional per-data-type table: one number, or an object of data type names and `"*"`.
    func dataTypeTable(_ reader: JSONObjectReader, _ key: String, _ range: PhysicalRange) -> DataTypeTable {
        guard let value = reader.value(key, required: false) else { return DataTypeTable() }
        let path = reader.path.appending(key)
        switch value {
        case .number:
            return number(value, at: path, range).map(DataTypeTable.uniform) ?? DataTypeTable()
        case .object:
            guard let map = JSONObjectReader.make(value, at: path, problems: problems) else { return DataTypeTable() }
            if map.keys.isEmpty {
                problems.report(path, "must give at least one data type (or \"*\")")
            }
            var table = DataTypeTable()
            for name in map.keys {
                let value = map.value(name)!
                if name == "source" {
                    problems.report(path.appending(name), misplacedSourceMessage(field: key))
                    continue
                }
                let number = number(value, at: path.appending(name), range)
                if name == "*" {
                    table.fallback = number
                } else if let type = dataType(name, at: path.appending(name)), let number {
                    table.values[type] = number
                }
            }
            return table
        default:
            problems.report(path, "expected a number or an object mapping data types to numbers, found \(value.kindName)")
            return DataTypeTable()
        }
    }

    /// A number in `range` at `reader`'s `key`; out-of-range values are reported with the range.
    func quantity(_ reader: JSONObjectReader, _ key: String, _ range: PhysicalRange, required: Bool = true) -> Double? {
        guard let value = reader.value(key, required: required) else { return nil }
        return number(value, at: reader.path.appending(key), range)
    }

    /// A whole number in `range` (the range is checked first, so 2^62 is reported as too large
    /// rather than as not whole).
    func wholeQuantity(_ reader: JSONObjectReader, _ key: String, _ range: PhysicalRange, required: Bool = true) -> Int? {
        guard let value = quantity(reader, key, range, required: required) else { return nil }
        guard value == value.rounded() else {
            problems.report(reader.path.appending(key), "expected a whole number, found \(format(value))")
            return nil
        }
        return Int(value)
    }

    /// A standalone JSON number checked against `range`.
    func number(_ value: JSONValue, at path: JSONPath, _ range: PhysicalRange) -> Double? {
        JSONObjectReader.number(value, at: path, .any, problems: problems).flatMap { range.check($0, at: path, problems: problems) }
    }

    /// For `"source"` inside a map keyed by data or operator types, which holds no notes itself.
    func misplacedSourceMessage(field: String) -> String {
        "\"\(field)\" maps names to values and takes no source; note it in the enclosing object: \"source\": {\"\(field)\": \"...\"}"
    }

    /// The optional `"source"` of the object `reader` reads. In its object form every key must
    /// be a field of that same object, or `"*"`.
    func sourceNotes(of reader: JSONObjectReader) -> SourceNotes? {
        guard let value = reader.value("source", required: false) else { return nil }
        let path = reader.path.appending("source")
        switch value {
        case .string(let text):
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.report(path, "must not be empty")
                return nil
            }
            return .note(text)
        case .object:
            guard let map = JSONObjectReader.make(value, at: path, problems: problems) else { return nil }
            let fields = reader.keys.filter { $0 != "source" && $0 != "$schema" }
            var notes: [String: String] = [:]
            for field in map.keys {
                let fieldPath = path.appending(field)
                guard let note = map.string(field) else { continue }
                if field != "*" && !fields.contains(field) {
                    problems.report(fieldPath, "no field \"\(field)\" in this object to annotate"
                                    + nameSuggestion(for: field, in: fields))
                    continue
                }
                if note.trimmingCharacters(in: .whitespaces).isEmpty {
                    problems.report(fieldPath, "must not be empty")
                    continue
                }
                notes[field] = note
            }
            return .fields(notes)
        default:
            problems.report(path, "expected a string or an object mapping field names to notes, found \(value.kindName)")
            return nil
        }
    }
}
