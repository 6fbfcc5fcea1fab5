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
        let units = list(top, "units", noun: "unit", decodeUnit)
        let memories = list(top, "memories", noun: "memory", decodeMemory)
        let links = (top.array("links", required: false) ?? []).compactMap { decodeLink($0.value, at: $0.path) }
        let interconnect = top.object("interconnect").map(decodeInterconnect)
        let host = top.object("host").map(decodeHost)
        let source = sourceNotes(of: top)
        top.rejectUnknownKeys()

        PlatformValidator(units: units, memories: memories, links: links, problems: problems).validate()

        guard problems.isEmpty, let name, let interconnect, let host else { return nil }
        return Platform(name: name, description: description, units: units.map(\.unit),
                        memories: memories.map(\.memory), links: links.map(\.link),
                        interconnect: interconnect, host: host, source: source)
    }

    /// Decodes a required, non-empty array of records.
    private func list<Draft>(_ top: JSONObjectReader, _ key: String, noun: String,
                             _ decode: (JSONValue, JSONPath) -> Draft?) -> [Draft] {
        guard let elements = top.array(key) else { return [] }
        if elements.isEmpty {
            problems.report(top.path.appending(key), "must list at least one \(noun)")
        }
        return elements.compactMap { decode($0.value, $0.path) }
    }
}
