import HeteroSupport

/// Decodes a platform document in two passes: the structural pass reads every object with a
/// `JSONObjectReader` (types, ranges, unknown keys) and keeps going after a problem, producing
/// drafts; the semantic pass (`PlatformValidator`) checks names and references across the
/// drafts. All problems go to one `ProblemCollector`, so the user sees every one in one report.
final class PlatformDecoder {
    let problems = ProblemCollector()

    /// The platform, or `nil` when any problem was reported.
    func decode(_ document: JSONValue) -> Platform? {
        guard let top = JSONObjectReader.make(document, at: .root, problems: problems) else { return nil }
        // The header first: with a wrong format the rest would only produce noise.
        guard top.requireFormat(Platform.formatIdentifier, fileKind: "platform") else { return nil }
        _ = top.string("$schema", required: false)  // an editor hint; accepted and ignored
        let name = top.name("name")
        let description = top.string("description", required: false)
        let units = list(top, "units", noun: "unit", limit: Platform.maximumUnits, decodeUnit)
        let memories = list(top, "memories", noun: "memory", limit: Platform.maximumMemories, decodeMemory)
        let links = list(top, "links", noun: "link", required: false, limit: Platform.maximumLinks, decodeLink)
        let interconnect = top.object("interconnect").map(decodeInterconnect)
        let host = top.object("host").map(decodeHost)
        let source = sourceNotes(of: top)
        top.rejectUnknownKeys()

        // Cross-references are checked only when every list was decoded (an overlong one is not).
        guard let units, let memories, let links else { return nil }
        PlatformValidator(units: units, memories: memories, links: links, problems: problems).validate()

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
            problems.report(top.path.appending(key), "has \(elements.count) entries, more than the \(limit) a platform may have "
                            + "(planning time grows with units × operators and with units²; describe identical cores "
                            + "as one unit with their combined throughput)")
            return nil
        }
        return elements.compactMap { decode($0.value, $0.path) }
    }
}
