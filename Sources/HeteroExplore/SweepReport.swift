import Foundation
import HeteroSupport

/// The Markdown report and SVG plots of a sweep, written under its results directory so that a
/// person can read them without the tool: question answers first, then the setup, the Pareto front
/// per model (latency, energy and, when the spec has a cost model, cost), latency against each
/// axis, failures and throughput.
public struct SweepReport {
    public let spec: SweepSpec
    public let records: [PointRecord]
    /// The invocations that evaluated points (from `runs.jsonl`), oldest first.
    public let runs: [SweepRunner.Summary]
    /// Extra notes (merge findings).
    public var notes: [String] = []

    public init(spec: SweepSpec, records: [PointRecord], runs: [SweepRunner.Summary], notes: [String] = []) {
        self.spec = spec
        self.records = records
        self.runs = runs
        self.notes = notes
    }

    /// The metrics the fronts minimise.
    public var frontMetrics: [String] {
        spec.cost == nil ? ["latency_us", "energy_uj"] : ["latency_us", "energy_uj", "cost"]
    }

    /// Plot file name -> SVG text.
    public func plots() -> [(name: String, svg: String)] {
        var plots: [(String, String)] = []
        for model in spec.models {
            let mine = records.filter { $0.model == model.name && $0.status == .ok }
            let front = Set(ParetoFront.front(mine, metrics: frontMetrics).map(\.id))
            func scatter(_ x: String, _ xLabel: String, _ y: String, _ yLabel: String) -> SVGPlot {
                let others = mine.filter { !front.contains($0.id) }.compactMap { r in r.metrics[x].flatMap { a in r.metrics[y].map { (a, $0) } } }
                let best = mine.filter { front.contains($0.id) }.compactMap { r in r.metrics[x].flatMap { a in r.metrics[y].map { (a, $0) } } }
                return SVGPlot(title: "\(model.name): \(yLabel) against \(xLabel)", xLabel: xLabel, yLabel: yLabel, series: [
                    .init(name: "dominated", color: "#9e9e9e", points: others.map { (x: $0.0, y: $0.1) }),
                    .init(name: "front (all metrics)", color: "#d62728", points: best.map { (x: $0.0, y: $0.1) }, emphasized: true),
                ])
            }
            plots.append(("\(model.name)-latency-energy.svg", scatter("latency_us", "latency (µs)", "energy_uj", "energy (µJ)").render()))
            if spec.cost != nil {
                plots.append(("\(model.name)-latency-cost.svg", scatter("latency_us", "latency (µs)", "cost", "cost").render()))
            }
        }
        // Latency and DRAM traffic (bytes the operators stream from their units' memories)
        // against each numeric axis; traffic only when the points report it.
        let figures = [("latency_us", "Latency", "latency (µs)", "latency"),
                       ("streamed_bytes", "DRAM traffic", "bytes streamed from DRAM", "dram-traffic")]
        for axis in spec.axes where axis.values.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
            for (metric, title, label, file) in figures where records.contains(where: { $0.metrics[metric] != nil }) {
                var series: [SVGPlot.Series] = []
                for (index, model) in spec.models.enumerated() {
                    let color = SVGPlot.palette[index % SVGPlot.palette.count]
                    let points: [(x: Double, y: Double)] = records.filter { $0.model == model.name && $0.status == .ok }.compactMap { record in
                        guard case .number(let x)? = record.parameter(axis.name), let y = record.metrics[metric] else { return nil }
                        return (x, y)
                    }
                    let best = Dictionary(grouping: points, by: \.x).map { (x: $0.key, y: $0.value.map(\.y).min()!) }
                    series.append(.init(name: "\(model.name) (all points)", color: color, points: points))
                    series.append(.init(name: "\(model.name) (best)", color: color, points: best, connected: true))
                }
                let plot = SVGPlot(title: "\(title) against \(axis.name)", xLabel: axis.name, yLabel: label,
                                   xLogarithmic: axis.geometric, yLogarithmic: true, series: series)
                plots.append(("\(file)-vs-\(axis.name).svg", plot.render()))
            }
        }
        return plots
    }

    /// The Markdown text; plot links point into `plots/`.
    public func markdown() -> String {
        var text = "# Sweep `\(spec.name)`\n\n"
        let answers = spec.questions.map { QuestionAnswer($0, records: records) }
        for answer in answers { text += answer.markdown + "\n\n" }
        if let description = spec.description { text += description + "\n\n" }

        let expected = spec.points()
        let byId = ResultsLog.latest(records)
        let ok = expected.filter { byId[$0.id]?.status == .ok }.count
        let failed = expected.filter { byId[$0.id]?.status == .failed }.count
        let missing = expected.count - ok - failed
        text += "## Setup\n\n"
        text += "- Base platform: `\(relative(spec.basePlatformPath))`\n"
        text += "- Models: " + spec.models.map { "\($0.name) (`\(relative($0.path))`, \($0.graph.operators.count) operators)" }.joined(separator: ", ") + "\n"
        text += "- Strategies: \(spec.strategies.joined(separator: ", ")); objective: \(spec.objectives.joined(separator: ", ")); "
            + (spec.plannerTimeLimitSeconds.map { "planner time limit \(format($0)) s" } ?? "planner limits counted in work (no time limit)")
            + ", seed \(spec.plannerSeed)"
            + (spec.plannerEvaluationBudget.map { ", evaluation budget \($0)" } ?? "")
            + (spec.plannerResidency == .optimize ? "" : ", residency \(spec.plannerResidency.rawValue)") + "\n"
        switch spec.sampling {
        case .grid: text += "- Sampling: full grid of \(spec.gridSize) platform variants\n"
        case .random(let count, let seed): text += "- Sampling: \(min(count, spec.gridSize)) of \(spec.gridSize) variants drawn at random (seed \(seed))\n"
        }
        text += "- Points: \(expected.count) — \(ok) planned, \(failed) failed\(missing > 0 ? ", **\(missing) missing**" : "")\n\n"
        text += "| axis | sets | values |\n|---|---|---|\n"
        for axis in spec.axes {
            let target: String
            switch axis.target {
            case .pointers(let pointers, let scale):
                target = pointers.map { "`\($0)`" }.joined(separator: ", ") + (scale != 1 ? " × \(format(scale))" : "")
            case .cloneUnit(let unit):
                target = "number of `\(unit)` units (copies with their local memory)"
            }
            text += "| \(axis.name) | \(target) | \(axis.values.map(ResultsCSV.plain).joined(separator: ", ")) |\n"
        }
        if let cost = spec.cost {
            let parts = cost.perUnit.sorted { $0.key < $1.key }.map { "\($0.key) \(format($0.value)) per unit" }
                + cost.perMAC.sorted { $0.key < $1.key }.map { "\($0.key) \(format($0.value)) per MAC/cycle" }
                + cost.perKiB.sorted { $0.key < $1.key }.map { "\($0.key) \(format($0.value)) per KiB" }
            text += "\nCost model (arbitrary units): \(parts.joined(separator: "; ")).\n"
        }

        text += "\n## Pareto fronts (\(frontMetrics.joined(separator: ", ")), all minimised)\n\n"
        for model in spec.models {
            let front = ParetoFront.front(records.filter { $0.model == model.name }, metrics: frontMetrics)
                .sorted { ($0.metrics["latency_us"]!, $0.id) < ($1.metrics["latency_us"]!, $1.id) }
            text += "### \(model.name)\n\n\(front.count) of \(records.filter { $0.model == model.name && $0.status == .ok }.count) points are on the front.\n\n"
            let columns = spec.axes.map(\.name) + ["strategy"] + frontMetrics + ["memory_spills", "tiled_operators"]
            text += "| " + columns.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: columns.count) + "\n"
            for record in front.prefix(25) {
                var cells = spec.axes.map { record.parameter($0.name).map(ResultsCSV.plain) ?? "" }
                cells.append(record.strategy)
                cells += (frontMetrics + ["memory_spills", "tiled_operators"]).map { record.metrics[$0].map(Self.number) ?? "" }
                text += "| " + cells.joined(separator: " | ") + " |\n"
            }
            if front.count > 25 { text += "\n(\(front.count - 25) more in `results.csv`.)\n" }
            text += "\n![\(model.name): energy against latency](plots/\(model.name)-latency-energy.svg)\n"
            if spec.cost != nil { text += "![\(model.name): cost against latency](plots/\(model.name)-latency-cost.svg)\n" }
            text += "\n"
        }

        text += "## Latency against each axis\n\nEach dot is one point; the line joins the fastest point at each axis value.\n\n"
        for axis in spec.axes where axis.values.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
            text += "![latency against \(axis.name)](plots/latency-vs-\(axis.name).svg)\n"
        }

        let failures = expected.compactMap { byId[$0.id] }.filter { $0.status == .failed }
        if !failures.isEmpty {
            text += "\n## Failed points\n\n"
            for record in failures.prefix(30) {
                text += "- `\(record.id)` \(record.model) \(QuestionAnswer.parameters(record)): \(record.error ?? "?")\n"
            }
            if failures.count > 30 { text += "- ... \(failures.count - 30) more in `results.csv`\n" }
        }

        text += "\n## Throughput\n\n"
        let times = records.compactMap(\.elapsedSeconds)
        if !times.isEmpty {
            let mean = times.reduce(0, +) / Double(times.count)
            text += "- Planning time per point (from `elapsed_s` in `results.jsonl`): mean \(String(format: "%.2f", mean)) s, "
                + "max \(String(format: "%.2f", times.max()!)) s over \(times.count) points.\n"
        }
        for run in runs {
            text += "- Run: \(run.evaluated) points in \(String(format: "%.1f", run.seconds)) s with \(run.workers) workers = "
                + "**\(String(format: "%.0f", run.pointsPerMinute)) points/minute**.\n"
        }
        for note in notes { text += "- \(note)\n" }
        text += "\nFiles: `results.jsonl` (one JSON record per point), `results.csv` (summary in point order), `plots/`. "
            + "Re-running `hetero-plan explore` on the spec resumes and regenerates this report.\n"
        return text
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
        return String(format: abs(value) >= 100 ? "%.1f" : "%.3g", value)
    }

    /// A path relative to the current directory when it lies below it.
    private func relative(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}
