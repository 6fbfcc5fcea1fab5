import HeteroCost
extension CostReport {
    /// One line per (operator, unit) pair with the fields of `Entry`; numbers in Swift's shortest
    /// round-tripping form, empty fields for what does not apply.
    func csv() -> String {
        var lines = ["operator,type,unit,time_us,bound,compute_us,memory_us,overhead_us,energy_pj,tiles,fused_in,fused_time_us,provider,reason"]
        for entry in entries() {
            let fields: [String] = [
                entry.operatorName, entry.type, entry.unit, entry.timeUS.map { String($0) } ?? "", entry.bound ?? "",
                String(entry.computeUS), String(entry.memoryUS), String(entry.overheadUS), entry.energyPJ.map { String($0) } ?? "",
                String(entry.tiles), entry.fusedIn ?? "", entry.fusedTimeUS.map { String($0) } ?? "", entry.provider, entry.reason ?? "",
            ]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
