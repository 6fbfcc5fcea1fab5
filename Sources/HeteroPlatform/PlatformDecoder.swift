import HeteroSupport

/// Decodes a platform document in two passes: the structural pass reads every object with a
/// `JSONObjectReader` (types, ranges, unknown keys) and keeps going after a problem, producing
/// drafts; the semantic pass (`PlatformValidator`) checks names and references across the
/// drafts. All problems go to one `ProblemCollector`, so the user sees every one in one report.
final class PlatformDecoder {
    let problems = ProblemCollector()
    /// The names in `memories`, for an array's interface to refer to.
    var declaredMemories: [String] = []

    /// The platform, or `nil` when any problem was reported.
    func decode(_ document: JSONValue) -> Platform? {
        guard let top = JSONObjectReader.make(document, at: .root, problems: problems) else { return nil }
        // The header first: with a wrong format the rest would only produce noise.
        guard top.requireFormat(Platform.formatIdentifier, fileKind: "platform") else { return nil }
        _ = top.string("$schema", required: false)  // an editor hint; accepted and ignored
        let name = top.name("name")
        let description = top.string("description", required: false)
        var units = list(top, "units", noun: "unit", limit: Platform.maximumUnits, decodeUnit)
        var memories = list(top, "memories", noun: "memory", limit: Platform.maximumMemories, decodeMemory)
        var links = list(top, "links", noun: "link", required: false, limit: Platform.maximumLinks, decodeLink)
        // Arrays of tiles expand into more units, memories and links (`PlatformDecoder+Array`).
        declaredMemories = (memories ?? []).map(\.memory.name).filter { !$0.isEmpty }
        let arrays = list(top, "arrays", noun: "array", required: false, limit: Platform.maximumArrays, decodeArray)
        for array in arrays ?? [] {
            units? += array.units
            memories? += array.memories
            links? += array.links
        }
        for (key, count, limit) in [("units", units?.count, Platform.maximumUnits), ("memories", memories?.count, Platform.maximumMemories),
                                    ("links", links?.count, Platform.maximumLinks)] {
            guard let count, count > limit, !(arrays ?? []).isEmpty else { continue }
            problems.report(top.path.appending("arrays"), "expand to \(count) \(key) in all, more than the \(limit) a platform may have")
            return nil
        }
        let interconnect = top.object("interconnect").map(decodeInterconnect)
        let host = top.object("host").map(decodeHost)
        let source = sourceNotes(of: top)
        top.rejectUnknownKeys()

        // Cross-references are checked only when every list was decoded (an overlong one is not).
        guard let units, let memories, let links else { return nil }
        PlatformValidator(units: units, memories: memories, links: links, problems: problems).validate()
        problems.dropRepeatedPaths { $0.components.first == .key("arrays") }

        guard problems.isEmpty, let name, let interconnect, let host else { return nil }
        return Platform(name: name, description: description, units: units.map(\.unit),
                        memories: memories.map(\.memory), links: links.map(\.link),
                        interconnect: interconnect, host: host, source: source)
    }

    /// Decodes an array of records: required ones must not be empty, and none may hold more than
    /// `limit` records (a longer list is reported and not decoded at all: `nil`).
    private func list<Draft>(_ top: JSONObjectReader, _ key: String, noun: String, required: Bool = true, limit: Int,
                             _ decode: (JSONValue, JSONPath) -> Draft?) -> [Draft]? {
        guard let elements = top.array(key, required: required) else { return [] }
        if elements.isEmpty && required {
            problems.report(top.path.appending(key), "must list at least one \(noun)")
        }
        if elements.count > limit {
            problems.report(top.path.appending(key), "has \(elements.count) entries, more than the \(limit) a platform may have")
            return nil
        }
        return elements.compactMap { decode($0.value, $0.path) }
    }
}
