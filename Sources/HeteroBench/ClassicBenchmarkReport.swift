import Foundation
import HeteroPlan
import HeteroSupport

/// Writes the classic benchmark's figures as JSON and a Markdown summary.
struct ClassicBenchmarkReport {
    let rows: [ClassicBenchmark.Row]
    let timeLimit: Double?
    /// Communication-to-computation ratio of the instances.
    var ccr: Double = 1
    /// Units of the instances (u0, u1, ...).
    var unitCount = 3

    func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(rows) + "\n", to: "\(directory)/classic-benchmark.json")
        var lines = [
            "# Classic-model benchmark",
            "",
            "`hetero-plan benchmark classic` (release build): random layered task graphs, \(unitCount) units (u0 ... u\(unitCount - 1)), every pair",
            "linked at 1000 bytes/us with zero latency, CCR \(String(format: "%g", ccr)), 15% of (task, unit) pairs unsupported — the classic model of",
            "`Platforms/examples/classic-\(unitCount)unit.json`. All strategies run on the same instances in the same process; the",
            "improvement is (HEFT - optimize) / HEFT. " + (timeLimit.map { "Optimizer time limit \($0) s per instance." } ?? "Default optimizer budgets (counted in work, no time limit)."),
            "",
            "`optimize` solves graphs of at most \(PlanOptions().exactThreshold) operators with the exact MILP as well, warm-started with its",
            "refined schedule, and larger ones with the coarse assignment ILP and refinement; \"refinement alone\" is optimize",
            "without the exact step. `ilp-exact` is run separately on instances of 12 tasks or fewer; \"proven optimal\" counts",
            "the instances where GLPK closed the gap within its limits (optimize matches ilp-exact either way).",
            "",
            "| tasks | instances | mean improvement over HEFT | over PEFT | refinement alone over HEFT | worse than HEFT or PEFT | optimize = ilp-exact | refinement alone = ilp-exact | ilp-exact proven optimal | mean optimize time (s) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        let sizes = Array(Set(rows.map(\.tasks))).sorted()
        for size in sizes {
            let group = rows.filter { $0.tasks == size }
            let overHEFT = group.map { ($0.heft - $0.optimize) / $0.heft }.reduce(0, +) / Double(group.count)
            let overPEFT = group.map { ($0.peft - $0.optimize) / $0.peft }.reduce(0, +) / Double(group.count)
            let worse = group.filter { $0.optimize > min($0.heft, $0.peft) + 1e-9 }.count
            let refinedOverHEFT = group.map { ($0.heft - $0.refined) / $0.heft }.reduce(0, +) / Double(group.count)
            func count(_ flags: [Bool]) -> String { flags.isEmpty ? "-" : "\(flags.filter { $0 }.count)/\(flags.count)" }
            let equal = group.compactMap { row in row.exact.map { abs($0 - row.optimize) <= 1e-6 * max(1, $0) } }
            let refinedEqual = group.compactMap { row in row.exact.map { abs($0 - row.refined) <= 1e-6 * max(1, $0) } }
            let proven = group.compactMap(\.exactProvenOptimal)
            let time = group.map(\.optimizeSeconds).reduce(0, +) / Double(group.count)
            lines.append("| \(size) | \(group.count) | " + String(format: "%.1f%% | %.1f%% | %.1f%%", overHEFT * 100, overPEFT * 100, refinedOverHEFT * 100)
                         + " | \(worse) | \(count(equal)) | \(count(refinedEqual)) | \(count(proven)) | " + String(format: "%.2f |", time))
        }
        let all = rows.map { ($0.heft - $0.optimize) / $0.heft }.reduce(0, +) / Double(max(1, rows.count))
        lines.append("")
        lines.append(String(format: "Over all %d instances: mean improvement over HEFT %.1f%%; instances where optimize is worse than HEFT or PEFT: %d.",
                            rows.count, all * 100, rows.filter { $0.optimize > min($0.heft, $0.peft) + 1e-9 }.count))
        try TextFile.writeAtomically(lines.joined(separator: "\n") + "\n", to: "\(directory)/classic-benchmark.md")
        print(lines.suffix(sizes.count + 4).joined(separator: "\n"))
    }
}
