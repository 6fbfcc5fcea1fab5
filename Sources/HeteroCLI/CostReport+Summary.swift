import Foundation
import HeteroCost
import HeteroPlan

extension CostReport {
    /// One platform's line of `--summary`.
    struct Summary: Encodable {
        let platform: String
        let model: String
        /// Critical path with every operator on its fastest unit (fused where that is faster) and
        /// free transfers: no plan on the platform can be faster.
        let lowerBoundUS: Double
        /// Every operator on its fastest unit, one after another, transfers free.
        let serialFastestUS: Double
        /// Per unit, the share of the model's operators it can run.
        let shareRunnable: [String: Double]
        /// Operators with a measured cost on at least one unit, and the others.
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

    func summary() throws -> Summary {
        let problem = try PlanProblem(graph: graph, costs: result.table)
        var serial = 0.0
        for op in 0..<problem.operatorCount {
            serial += (0..<problem.unitCount).compactMap { problem.boundDuration(op, $0) }.min() ?? 0
        }
        var share: [String: Double] = [:]
        for (unitIndex, unit) in platform.units.enumerated() {
            let runnable = graph.operators.indices.filter { result.details[$0][unitIndex].canRun }.count
            share[unit.name] = Double(runnable) / Double(max(1, graph.operators.count))
        }
        let measured = sources().measured.count
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
        var lines = ["platform,model,lower_bound_us,serial_fastest_us,share_runnable,measured_operators,modelled_operators"]
        for row in rows {
            let shares = row.shareRunnable.keys.sorted().map { "\($0)=\(row.shareRunnable[$0]!)" }.joined(separator: ";")
            lines.append([row.platform, row.model, String(row.lowerBoundUS), String(row.serialFastestUS), shares,
                          String(row.measuredOperators), String(row.modelledOperators)].map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
