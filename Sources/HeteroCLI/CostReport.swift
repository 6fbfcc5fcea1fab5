import Foundation
import HeteroCost
import HeteroIR
import HeteroPlan
import HeteroPlatform

/// Renders a cost evaluation for `hetero-plan cost`.
struct CostReport {
    let graph: Graph
    let platform: Platform
    let result: CostEngine.Result

    struct Entry: Encodable {
        let operatorName: String
        let type: String
        let unit: String
        let timeUS: Double?
        let bound: String?
        let computeUS: Double
        let memoryUS: Double
        let overheadUS: Double
        let energyPJ: Double?
        let tiles: Int
        let fusedIn: String?
        let fusedTimeUS: Double?
        let provider: String
        let reason: String?

        enum CodingKeys: String, CodingKey {
            case type, unit, bound, tiles, provider, reason
            case operatorName = "operator"
            case timeUS = "time_us"
            case computeUS = "compute_us"
            case memoryUS = "memory_us"
            case overheadUS = "overhead_us"
            case energyPJ = "energy_pj"
            case fusedIn = "fused_in"
            case fusedTimeUS = "fused_time_us"
        }
    }

    struct Summary: Encodable {
        let platform: String
        let model: String
        let lowerBoundUS: Double
        let serialFastestUS: Double
        let shareRunnable: [String: Double]
        let measuredOperators: Int
        let modelledOperators: Int

        enum CodingKeys: String, CodingKey {
            case platform, model
            case lowerBoundUS = "lower_bound_us"
            case serialFastestUS = "serial_fastest_us"
            case shareRunnable = "share_runnable"
            case measuredOperators = "measured_operators"
            case modelledOperators = "modelled_operators"
        }
    }

    func entries() -> [Entry] {
        var entries: [Entry] = []
        for (index, op) in graph.operators.enumerated() {
            for (unitIndex, unit) in platform.units.enumerated() {
                let cost = result.details[index][unitIndex]
                let fused = result.table.fusedExecUS.isEmpty ? nil : result.table.fusedExecUS[index][unitIndex]
                entries.append(Entry(operatorName: op.name, type: op.type, unit: unit.name, timeUS: cost.timeUS, bound: cost.bound?.rawValue,
                                     computeUS: cost.computeUS, memoryUS: cost.memoryUS, overheadUS: cost.overheadUS,
                                     energyPJ: cost.canRun ? cost.energyPJ : nil, tiles: cost.tiles,
                                     fusedIn: fused == nil ? nil : (result.composites.first { $0.contains(index) }.map { $0.map { graph.operators[$0].type }.joined(separator: " > ") }),
                                     fusedTimeUS: fused, provider: result.providers[index][unitIndex], reason: cost.reason))
            }
        }
        return entries
    }

    func table() -> String {
        let units = platform.units.map(\.name)
        var rows: [[String]] = []
        var reasons: [String] = []
        for (index, op) in graph.operators.enumerated() {
            var row = [op.name, op.type]
            for unitIndex in units.indices {
                let cost = result.details[index][unitIndex]
                if let time = cost.timeUS {
                    row.append(String(format: "%.3f %@", time, String((cost.bound?.rawValue ?? "").prefix(4))))
                } else {
                    row.append("-")
                    reasons.append("\(op.name) on \(units[unitIndex]): \(cost.reason ?? "cannot run")")
                }
            }
            rows.append(row)
        }
        let table = TextTable(headers: ["operator", "type"] + units.map { "\($0) us" },
                              alignRight: [false, false] + units.map { _ in true })
        var text = "costs of \(graph.name) on \(platform.name) (us, with the dominating bound: comp, memo, over, view, meas, give)\n\n"
        text += table.render(rows) + "\n"
        if !result.composites.isEmpty {
            text += "\nfused composites: \(result.composites.count) (e.g. " + result.composites.prefix(3).map { $0.map { graph.operators[$0].name }.joined(separator: " > ") }.joined(separator: "; ") + ")\n"
        }
        let measured = measuredPairs()
        if !measured.isEmpty {
            let shown = measured.prefix(20).joined(separator: ", ") + (measured.count > 20 ? ", ..." : "")
            text += "\nmeasured (profile): \(measured.count) of \(graph.operators.count * units.count) operator-unit pairs (\(shown)); "
                + "the rest modelled\n"
        }
        if !reasons.isEmpty {
            text += "\ncannot run:\n" + reasons.map { "  \($0)" }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// `op on unit` for every pair whose cost came from the profile, in operator order.
    func measuredPairs() -> [String] {
        var pairs: [String] = []
        for (index, op) in graph.operators.enumerated() {
            for (unitIndex, unit) in platform.units.enumerated() where result.providers[index][unitIndex] == "profile" {
                pairs.append("\(op.name) on \(unit.name)")
            }
        }
        return pairs
    }

    func csv() -> String {
        var lines = ["operator,type,unit,time_us,bound,compute_us,memory_us,overhead_us,energy_pj,tiles,provider,reason"]
        for entry in entries() {
            let fields: [String] = [
                entry.operatorName, entry.type, entry.unit, entry.timeUS.map { String($0) } ?? "", entry.bound ?? "",
                String(entry.computeUS), String(entry.memoryUS), String(entry.overheadUS), entry.energyPJ.map { String($0) } ?? "",
                String(entry.tiles), entry.provider, entry.reason ?? "",
            ]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func summary() throws -> Summary {
        let problem = try PlanProblem(graph: graph, costs: result.table)
        var serial = 0.0
        for op in 0..<problem.operatorCount {
            serial += (0..<problem.unitCount).compactMap { problem.fastestDuration(op, $0) }.min() ?? 0
        }
        var share: [String: Double] = [:]
        for (unitIndex, unit) in platform.units.enumerated() {
            let runnable = graph.operators.indices.filter { result.details[$0][unitIndex].canRun }.count
            share[unit.name] = Double(runnable) / Double(max(1, graph.operators.count))
        }
        let measured = result.providers.filter { $0.contains("profile") }.count
        return Summary(platform: platform.name, model: graph.name, lowerBoundUS: LowerBound.criticalPath(problem),
                       serialFastestUS: serial, shareRunnable: share, measuredOperators: measured,
                       modelledOperators: graph.operators.count - measured)
    }

    static func summaryTable(_ rows: [Summary]) -> String {
        let table = TextTable(headers: ["platform", "model", "lower bound (us)", "serial fastest (us)", "operators runnable per unit", "measured/modelled"],
                              alignRight: [false, false, true, true, false, false])
        return table.render(rows.map { row in
            [row.platform, row.model, String(format: "%.1f", row.lowerBoundUS), String(format: "%.1f", row.serialFastestUS),
             row.shareRunnable.keys.sorted().map { "\($0) \(Int((row.shareRunnable[$0]! * 100).rounded()))%" }.joined(separator: ", "),
             "\(row.measuredOperators)/\(row.modelledOperators)"]
        }) + "\n"
    }

    static func summaryCSV(_ rows: [Summary]) -> String {
        var lines = ["platform,model,lower_bound_us,serial_fastest_us,share_runnable"]
        for row in rows {
            let shares = row.shareRunnable.keys.sorted().map { "\($0)=\(row.shareRunnable[$0]!)" }.joined(separator: ";")
            lines.append([row.platform, row.model, String(row.lowerBoundUS), String(row.serialFastestUS), shares].map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
