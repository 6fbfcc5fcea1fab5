import HeteroIR
import HeteroPlatform
import HeteroSupport

extension CostProfile {
    /// Reads and validates the profile file at `path` against the platform it measures and,
    /// when given, the model it measures.
    ///
    /// - Throws: `InputError.unreadable` or `.syntax` when the file cannot be read or parsed,
    ///   `InputError.invalid(file:what: "profile", problems:)` with every problem found, each
    ///   with its JSON path (see `decode(_:file:platform:graph:)`).
    public static func load(path: String, platform: Platform, graph: Graph? = nil) throws(InputError) -> CostProfile {
        try decode(TextFile.readJSON(path), file: path, platform: platform, graph: graph)
    }

    /// Decodes and validates a parsed profile document; `file` names it in errors.
    ///
    /// Besides types, ranges and unknown keys (as for platforms), an entry must name an operator
    /// or a type (not both), a unit of the platform that supports the operator's type (a
    /// measurement replaces a cost; it does not make an operator placeable), an operator of the
    /// model when one is given, and must not repeat an earlier entry.
    public static func decode(_ document: JSONValue, file: String, platform: Platform, graph: Graph? = nil) throws(InputError) -> CostProfile {
        let decoder = ProfileDecoder(platform: platform, graph: graph)
        guard let profile = decoder.decode(document) else {
            throw .invalid(file: file, what: "profile", problems: decoder.problems.problems)
        }
        return profile
    }
}

/// The decoder behind `CostProfile.decode`: one pass over the entries that keeps going after a
/// problem, with the semantic checks of an entry run only when its fields decoded.
final class ProfileDecoder {
    let platform: Platform
    let graph: Graph?
    let problems = ProblemCollector()

    init(platform: Platform, graph: Graph?) {
        self.platform = platform
        self.graph = graph
    }

    /// The profile, or `nil` when any problem was reported.
    func decode(_ document: JSONValue) -> CostProfile? {
        guard let root = JSONObjectReader.make(document, at: .root, problems: problems) else { return nil }
        guard root.requireFormat(CostProfile.format, fileKind: "profile") else { return nil }
        _ = root.string("$schema", required: false)  // an editor hint; accepted and ignored
        var entries: [CostProfile.Entry] = []
        var seen: [String: JSONPath] = [:]
        for (value, path) in root.array("entries") ?? [] {
            guard let entry = decodeEntry(value, at: path) else { continue }
            let key = "\(entry.operatorName ?? "")|\(entry.operatorType ?? "")|\(entry.inputShapes.map { "\($0)" } ?? "*")|\(entry.unit)"
            if let first = seen[key] {
                problems.report(path, "duplicates the entry at \(first)")
                continue
            }
            seen[key] = path
            entries.append(entry)
        }
        root.rejectUnknownKeys()
        return problems.isEmpty ? CostProfile(entries: entries) : nil
    }

    /// One element of `entries`, or `nil` when it has a problem (reported). Each field is checked
    /// on its own, so one entry can report several problems; the checks that combine fields run
    /// only on fields that decoded.
    private func decodeEntry(_ value: JSONValue, at path: JSONPath) -> CostProfile.Entry? {
        let before = problems.problems.count
        guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { return nil }
        let hasName = reader.has("operator")
        let hasType = reader.has("type")
        let name = reader.name("operator", required: false)
        let type = reader.name("type", required: false)
        let shapes = decodeShapes(reader)
        let unit = reader.name("unit").flatMap { checkUnit($0, at: path.appending("unit")) }
        let latency = reader.number("latency_us", .nonNegative)
        reader.rejectUnknownKeys()

        if !hasName && !hasType {
            problems.report(path, "an entry needs \"operator\" (a name) or \"type\"")
        } else if hasName && (hasType || reader.has("input_shapes")) {
            problems.report(path, "give either \"operator\" or \"type\" (with optional \"input_shapes\"), not both")
        }
        var operatorType = type
        if let name, let graph {
            if let index = graph.operatorIndex[name] {
                operatorType = graph.operators[index].type
            } else {
                let hint = Spelling.closest(to: name, in: graph.operators.map(\.name)).map { " (did you mean \"\($0)\"?)" } ?? ""
                problems.report(path.appending("operator"), "no operator \"\(name)\" in model \(graph.name)" + hint)
            }
        }
        if let unit, let operatorType, unit.support(for: operatorType) == nil {
            problems.report(path.appending("unit"), "unit \"\(unit.name)\" does not support \(operatorType); a measurement replaces "
                            + "a cost but does not make an operator placeable (list it in the platform first)")
        }
        guard problems.problems.count == before, let unit, let latency else { return nil }
        return CostProfile.Entry(operatorName: name, operatorType: type, inputShapes: shapes, unit: unit.name, latencyUS: latency)
    }

    /// The platform unit called `name`; reports an unknown one with a suggestion or the list.
    private func checkUnit(_ name: String, at path: JSONPath) -> ProcessingUnit? {
        if let unit = platform.unit(named: name) { return unit }
        let names = platform.units.map(\.name)
        let hint = Spelling.closest(to: name, in: names).map { "did you mean \"\($0)\"?" } ?? "units: " + names.joined(separator: ", ")
        problems.report(path, "unknown unit \"\(name)\" (\(hint))")
        return nil
    }

    /// The optional `input_shapes`: an array of shapes, each an array of whole numbers ≥ 0.
    private func decodeShapes(_ reader: JSONObjectReader) -> [[Int]]? {
        guard let list = reader.array("input_shapes", required: false) else { return nil }
        var shapes: [[Int]] = []
        for (value, path) in list {
            guard case .array(let dimensions) = value else {
                problems.report(path, "expected an array of dimensions, found \(value.kindName)")
                continue
            }
            var shape: [Int] = []
            for (index, dimension) in dimensions.enumerated() {
                let dimensionPath = path.appending(index)
                guard let number = JSONObjectReader.number(dimension, at: dimensionPath, .nonNegative, problems: problems) else { continue }
                guard number == number.rounded(), number < 9.0e15 else {
                    problems.report(dimensionPath, "expected a whole number, found \(format(number))")
                    continue
                }
                shape.append(Int(number))
            }
            shapes.append(shape)
        }
        return shapes
    }
}
