import HeteroSupport

extension Platform {
    /// One warning per number in `document` that no source note covers.
    ///
    /// A note covers a number when the object holding it, or any object around it, has a
    /// string `"source"`, or an object `"source"` naming the field that leads to the number (or
    /// `"*"`). The walk is generic, so it needs no update when fields are added.
    ///
    /// - Complexity: O(size of the document).
    public static func sourceWarnings(in document: JSONValue) -> [Problem] {
        var warnings: [Problem] = []
        collectUnsourced(document, at: .root, covered: false, into: &warnings)
        return warnings
    }

    private static func collectUnsourced(_ value: JSONValue, at path: JSONPath, covered: Bool, into warnings: inout [Problem]) {
        switch value {
        case .number:
            if !covered { warnings.append(Problem(path, "number without a source note")) }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                collectUnsourced(element, at: path.appending(index), covered: covered, into: &warnings)
            }
        case .object:
            // A throwaway reader gives the keys in file order without touching OrderedCollections.
            guard let reader = JSONObjectReader.make(value, at: path, problems: ProblemCollector()) else { return }
            let source = value["source"]
            for key in reader.keys where key != "source" && key != "$schema" {
                var childCovered = covered
                switch source {
                case .string?: childCovered = true
                case .object?: childCovered = covered || source?[key] != nil || source?["*"] != nil
                default: break
                }
                collectUnsourced(value[key]!, at: path.appending(key), covered: childCovered, into: &warnings)
            }
        case .null, .bool, .string:
            break
        }
    }
}
