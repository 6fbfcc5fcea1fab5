import HeteroSupport

/// Reading pins from the command line (`NODE=UNIT`, `TYPE=UNIT`) and from a constraints file:
///
/// ```json
/// {"format": "hetero-plan/constraints@1",
///  "pins": [{"node": "conv1", "unit": "dla"}, {"type": "Softmax", "unit": "cpu"}]}
/// ```
///
/// Each entry has `unit` and exactly one of `node` and `type`. Pins from every source are merged;
/// the same node or type pinned to two units is an error naming both places.
extension AffinityPins {
    public static let constraintsFormat = "hetero-plan/constraints@1"

    /// Splits `NAME=UNIT` given to `option`.
    public static func parse(_ value: String, option: String) throws(PinError) -> Pin {
        let source = "\(option) \(value)"
        guard let equals = value.lastIndex(of: "=") else { throw .malformed(source: option, value: value) }
        let target = String(value[..<equals]), unit = String(value[value.index(after: equals)...])
        guard !target.isEmpty, !unit.isEmpty else { throw .malformed(source: option, value: value) }
        return Pin(target: target, unit: unit, source: source)
    }

    /// Adds the pins of the constraints file at `path`.
    ///
    /// - Throws: `InputError` for an unreadable or malformed file (every problem with its JSON
    ///   path), `PinError.conflict` for a pin that contradicts one already given.
    public mutating func read(constraintsFile path: String) throws {
        let problems = ProblemCollector()
        guard let root = JSONObjectReader.make(try TextFile.readJSON(path), at: .root, problems: problems) else {
            throw InputError.invalid(file: path, what: "constraints file", problems: problems.problems)
        }
        if let format = root.string("format"), format != Self.constraintsFormat {
            problems.report(JSONPath.root.appending("format"), "unknown format \"\(format)\"; expected \"\(Self.constraintsFormat)\"")
        }
        var read: [(pin: Pin, isNode: Bool)] = []
        for (value, entryPath) in root.array("pins") ?? [] {
            guard let entry = JSONObjectReader.make(value, at: entryPath, problems: problems) else { continue }
            let node = entry.name("node", required: false), type = entry.name("type", required: false)
            let unit = entry.name("unit")
            entry.rejectUnknownKeys()
            guard (node == nil) != (type == nil) else {
                if entry.has("node") == entry.has("type") {
                    problems.report(entryPath, "expected exactly one of \"node\" and \"type\"")
                }
                continue
            }
            if let unit { read.append((Pin(target: node ?? type!, unit: unit, source: "\(path): \(entryPath)"), node != nil)) }
        }
        root.rejectUnknownKeys()
        guard problems.isEmpty else { throw InputError.invalid(file: path, what: "constraints file", problems: problems.problems) }
        for (pin, isNode) in read {
            if isNode { try pinNode(pin) } else { try pinType(pin) }
        }
    }
}
