import OrderedCollections

/// Reads one JSON object field by field, reporting wrong types, missing required keys, values out
/// of range and unknown keys to a shared `ProblemCollector` with their JSON paths. Reading never
/// stops at the first problem: accessors return `nil` for a bad field and validation goes on.
public final class JSONObjectReader {
    public let path: JSONPath
    public let problems: ProblemCollector
    private let members: OrderedDictionary<String, JSONValue>
    private var consumed: Set<String> = []

    /// Constraints a number must satisfy.
    public enum NumberRule: Sendable {
        case any
        case nonNegative
        case positive
        /// In (0, 1].
        case fraction
    }

    /// Returns a reader when `value` is an object; otherwise reports the type problem.
    public static func make(_ value: JSONValue, at path: JSONPath, problems: ProblemCollector) -> JSONObjectReader? {
        guard case .object(let members) = value else {
            problems.report(path, "expected an object, found \(value.kindName)")
            return nil
        }
        return JSONObjectReader(members: members, path: path, problems: problems)
    }

    private init(members: OrderedDictionary<String, JSONValue>, path: JSONPath, problems: ProblemCollector) {
        self.members = members
        self.path = path
        self.problems = problems
    }

    public var keys: [String] { Array(members.keys) }

    public func has(_ key: String) -> Bool { members[key] != nil }

    /// The raw value of `key`, marked as understood. Reports a missing required key.
    public func value(_ key: String, required: Bool = true) -> JSONValue? {
        consumed.insert(key)
        guard let value = members[key] else {
            if required { problems.report(path.appending(key), "missing required key") }
            return nil
        }
        return value
    }

    public func string(_ key: String, required: Bool = true) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .string(let text) = value else {
            problems.report(path.appending(key), "expected a string, found \(value.kindName)")
            return nil
        }
        return text
    }

    /// A non-empty string naming something (a unit, a memory, a tensor).
    public func name(_ key: String, required: Bool = true) -> String? {
        guard let text = string(key, required: required) else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.report(path.appending(key), "must not be empty")
            return nil
        }
        return text
    }

    public func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let value = value(key, required: required) else { return nil }
        guard case .bool(let flag) = value else {
            problems.report(path.appending(key), "expected true or false, found \(value.kindName)")
            return nil
        }
        return flag
    }

    public func number(_ key: String, required: Bool = true, _ rule: NumberRule = .any) -> Double? {
        guard let value = value(key, required: required) else { return nil }
        return Self.number(value, at: path.appending(key), rule, problems: problems)
    }

    public func integer(_ key: String, required: Bool = true, _ rule: NumberRule = .any) -> Int? {
        guard let number = number(key, required: required, rule) else { return nil }
        guard number == number.rounded(), abs(number) < 9.0e15 else {
            problems.report(path.appending(key), "expected a whole number, found \(number)")
            return nil
        }
        return Int(number)
    }

    /// Checks a standalone JSON number against a rule.
    public static func number(_ value: JSONValue, at path: JSONPath, _ rule: NumberRule, problems: ProblemCollector) -> Double? {
        guard case .number(let number) = value else {
            problems.report(path, "expected a number, found \(value.kindName)")
            return nil
        }
        switch rule {
        case .any:
            return number
        case .nonNegative where number < 0:
            problems.report(path, "must be zero or positive, found \(format(number))")
        case .positive where number <= 0:
            problems.report(path, "must be positive, found \(format(number))")
        case .fraction where !(number > 0 && number <= 1):
            problems.report(path, "must be in (0, 1], found \(format(number))")
        default:
            return number
        }
        return nil
    }

    /// The elements of an array-valued key with their paths.
    public func array(_ key: String, required: Bool = true) -> [(value: JSONValue, path: JSONPath)]? {
        guard let value = value(key, required: required) else { return nil }
        guard case .array(let elements) = value else {
            problems.report(path.appending(key), "expected an array, found \(value.kindName)")
            return nil
        }
        let base = path.appending(key)
        return elements.enumerated().map { ($0.element, base.appending($0.offset)) }
    }

    /// An array of strings.
    public func strings(_ key: String, required: Bool = true) -> [String]? {
        guard let elements = array(key, required: required) else { return nil }
        var result: [String] = []
        for element in elements {
            guard case .string(let text) = element.value else {
                problems.report(element.path, "expected a string, found \(element.value.kindName)")
                continue
            }
            result.append(text)
        }
        return result
    }

    /// A nested object.
    public func object(_ key: String, required: Bool = true) -> JSONObjectReader? {
        guard let value = value(key, required: required) else { return nil }
        return JSONObjectReader.make(value, at: path.appending(key), problems: problems)
    }

    /// Reports every key that no accessor asked for, suggesting the closest known key.
    public func rejectUnknownKeys(allowed extra: Set<String> = []) {
        for key in members.keys where !consumed.contains(key) && !extra.contains(key) {
            let known = consumed.union(extra).sorted()
            var message = "unknown key \"\(key)\""
            if let guess = Spelling.closest(to: key, in: known) {
                message += " (did you mean \"\(guess)\"?)"
            } else if !known.isEmpty {
                message += " (expected one of: \(known.joined(separator: ", ")))"
            }
            problems.report(path.appending(key), message)
        }
    }
}

/// Formats a number the way a user wrote it: integers without a fraction.
public func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(number)
}
