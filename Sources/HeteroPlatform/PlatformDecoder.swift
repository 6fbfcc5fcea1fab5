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
        guard readFormat(top) else { return nil }
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

    /// Checks `"format": "hetero-plan/platform@1"`; false when it is missing or different.
    private func readFormat(_ top: JSONObjectReader) -> Bool {
        let path = top.path.appending("format")
        let expected = Platform.formatIdentifier
        guard let value = top.value("format", required: false) else {
            problems.report(path, "missing required key (a platform file starts with \"format\": \"\(expected)\")")
            return false
        }
        guard case .string(let format) = value else {
            problems.report(path, "expected the string \"\(expected)\", found \(value.kindName)")
            return false
        }
        if format == expected { return true }
        let family = expected.prefix(while: { $0 != "@" })
        if format.hasPrefix(family + "@") {
            problems.report(path, "unsupported version \"\(format)\"; this hetero-plan reads \"\(expected)\"")
        } else {
            problems.report(path, "expected \"\(expected)\", found \"\(format)\"; is this a platform file?")
        }
        return false
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
