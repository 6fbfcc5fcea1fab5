/// A JSON Pointer (RFC 6901): `/memories/2/capacity_bytes` names one value inside a document.
/// `~1` stands for `/` and `~0` for `~` inside a reference token.
///
/// Extension: inside an array, a token that is not an index selects the element whose `"name"`
/// member equals it, so `/units/dla/clock_mhz` keeps working when units are reordered.
/// An index is tried first, so a unit literally named `0` still needs its index.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens.
    public let tokens: [String]

    /// Why a pointer could not be parsed or followed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case syntax(String)
        case missing(at: String, available: [String])
        case notContainer(at: String, kind: String)

        public var description: String {
            switch self {
            case .syntax(let message):
                return message
            case .missing(let at, let available):
                var text = "\(at) does not exist"
                if !available.isEmpty {
                    let shown = available.prefix(12).joined(separator: ", ")
                    text += " (available there: \(shown)\(available.count > 12 ? ", ..." : ""))"
                }
                return text
            case .notContainer(let at, let kind):
                return "\(at) is \(kind), not an object or array"
            }
        }
    }

    /// Parses the text form; `""` is the whole document.
    public init(parsing text: String) throws(Failure) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw .syntax("a JSON pointer starts with \"/\", found \"\(text)\"") }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw .syntax("\"~\" must be followed by 0 or 1 in \"\(text)\"")
                }
            }
            result.append(token)
        }
        tokens = result
    }

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    public var description: String {
        tokens.isEmpty ? "" : "/" + tokens.map {
            $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }.joined(separator: "/")
    }

    /// The value the pointer names.
    public func resolve(in document: JSONValue) throws(Failure) -> JSONValue {
        var current = document
        for depth in tokens.indices {
            current = try Self.child(of: current, token: tokens[depth], prefix: JSONPointer(tokens: Array(tokens[...depth])))
        }
        return current
    }

    /// Replaces the value the pointer names; the target must already exist (a sweep axis changes
    /// fields, it does not invent them).
    public func replace(in document: inout JSONValue, with value: JSONValue) throws(Failure) {
        try Self.replace(in: &document, tokens: tokens[...], with: value, depth: 0, full: tokens)
    }

    private static func replace(in node: inout JSONValue, tokens: ArraySlice<String>, with value: JSONValue,
                                depth: Int, full: [String]) throws(Failure) {
        guard let token = tokens.first else {
            node = value
            return
        }
        let prefix = JSONPointer(tokens: Array(full[...depth]))
        switch node {
        case .object(var members):
            guard var child = members[token] else {
                throw .missing(at: prefix.description, available: Array(members.keys))
            }
            node = .null  // drop the reference so the child is mutated in place
            try replace(in: &child, tokens: tokens.dropFirst(), with: value, depth: depth + 1, full: full)
            members[token] = child
            node = .object(members)
        case .array(var elements):
            let index = try elementIndex(elements, token: token, prefix: prefix)
            var child = elements[index]
            try replace(in: &child, tokens: tokens.dropFirst(), with: value, depth: depth + 1, full: full)
            elements[index] = child
            node = .array(elements)
        default:
            throw .notContainer(at: JSONPointer(tokens: Array(full[..<depth])).description, kind: node.kindName)
        }
    }

    private static func child(of node: JSONValue, token: String, prefix: JSONPointer) throws(Failure) -> JSONValue {
        switch node {
        case .object(let members):
            guard let child = members[token] else { throw .missing(at: prefix.description, available: Array(members.keys)) }
            return child
        case .array(let elements):
            return elements[try elementIndex(elements, token: token, prefix: prefix)]
        default:
            throw .notContainer(at: JSONPointer(tokens: Array(prefix.tokens.dropLast())).description, kind: node.kindName)
        }
    }

    private static func elementIndex(_ elements: [JSONValue], token: String, prefix: JSONPointer) throws(Failure) -> Int {
        if let index = Int(token), token == String(index), index >= 0 {
            guard index < elements.count else {
                throw .missing(at: prefix.description, available: elements.indices.map(String.init))
            }
            return index
        }
        if let index = elements.firstIndex(where: { $0["name"] == .string(token) }) { return index }
        let names = elements.compactMap { element -> String? in
            if case .string(let name)? = element["name"] { return name }
            return nil
        }
        throw .missing(at: prefix.description, available: names.isEmpty ? elements.indices.map(String.init) : names)
    }
}
