import Foundation
import HeteroCost

extension CostReport {
    /// One row per operator, one column per unit (time and the first four letters of its bound,
    /// or `-`), then the fused composites, the cost sources and every reason an operator cannot run.
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
            text += "\nfused composites: \(result.composites.count) (e.g. "
                + result.composites.prefix(3).map { $0.map { graph.operators[$0].name }.joined(separator: " > ") }.joined(separator: "; ") + ")\n"
        }
        text += "\n" + sourcesText()
        if !reasons.isEmpty {
            text += "\ncannot run:\n" + reasons.map { "  \($0)" }.joined(separator: "\n") + "\n"
        }
        return text
    }
}
