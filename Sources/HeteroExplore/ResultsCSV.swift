import HeteroSupport

/// The CSV summary of a sweep: one row per point in the spec's order, with the axis values, the
/// status, every metric (columns sorted by name) and the error. No timings, so the file is the same
/// for every run of the same spec.
public enum ResultsCSV {
    public static func render(spec: SweepSpec, records: [PointRecord]) -> String {
        let order = Dictionary(uniqueKeysWithValues: spec.points().map { ($0.id, $0.index) })
        let rows = records.filter { order[$0.id] != nil }.sorted { order[$0.id]! < order[$1.id]! }
        let metrics = Set(rows.flatMap(\.metrics.keys)).sorted()
        var header = ["index", "id", "model", "strategy", "objective"] + spec.axes.map(\.name) + ["status"]
        header += metrics + ["error"]
        var lines = [header.map(field).joined(separator: ",")]
        for record in rows {
            var cells = [String(order[record.id]!), record.id, record.model, record.strategy, record.objective]
            cells += spec.axes.map { axis in record.parameter(axis.name).map(plain) ?? "" }
            cells.append(record.status.rawValue)
            cells += metrics.map { record.metrics[$0].map(JSONValue.canonicalNumber) ?? "" }
            cells.append(record.error ?? "")
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value as a person writes it: strings without quotes.
    static func plain(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.canonicalText
    }

    /// RFC 4180 quoting when needed.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
