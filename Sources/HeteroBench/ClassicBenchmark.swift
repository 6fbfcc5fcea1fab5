import Foundation
import HeteroCost
import HeteroImport
import HeteroPlan
import HeteroSupport

/// The body of `hetero-plan benchmark classic`: random task graphs in the classic model, every strategy on
/// the same instances in the same run; HEFT is the baseline the ratios are against.
public struct ClassicBenchmark {
    /// Instances per size.
    public var instances: Int = 10

    /// Task counts.
    public var sizes: [Int] = [10, 12, 20, 30, 40]

    /// Directory for classic-benchmark.json and .md.
    public var output: String = "Results"

    /// Communication-to-computation ratio of the generated graphs.
    public var ccr: Double = 1

    /// An optimizer time cap per instance (seconds), or nil: limits counted in work only.
    public var timeLimit: Double?

    /// Only rewrite the report from a classic-benchmark.json of an earlier run.
    public var reportFrom: String?

    /// Also write every instance as a task-graph JSON file into this directory.
    public var instanceDirectory: String?

    /// Units of the generated instances, named u0, u1, ... (the platform to plan them on:
    /// `Platforms/examples/classic-3unit.json`, `classic-8unit.json`).
    public var unitCount: Int = 3

    /// Only write the instances (into `instanceDirectory`), planning nothing.
    public var writeOnly = false

    struct Row: Codable {
        let tasks: Int
        let seed: UInt64
        let heft: Double
        let peft: Double
        /// optimize's refinement alone (no MILP), to see how good the heuristics are on their own.
        let refined: Double
        let optimize: Double
        let exact: Double?
        let exactProvenOptimal: Bool?
        let optimizeSeconds: Double
    }

    public init(instances: Int = 10, sizes: [Int] = [10, 12, 20, 30, 40], output: String = "Results", ccr: Double = 1, timeLimit: Double? = nil,
                reportFrom: String? = nil, instanceDirectory: String? = nil, unitCount: Int = 3, writeOnly: Bool = false) {
        self.instances = instances
        self.sizes = sizes
        self.output = output
        self.ccr = ccr
        self.timeLimit = timeLimit
        self.reportFrom = reportFrom
        self.instanceDirectory = instanceDirectory
        self.unitCount = unitCount
        self.writeOnly = writeOnly
    }

    public func run() throws {
        if let reportFrom {
            let rows = try JSONDecoder().decode([Row].self, from: Data(TextFile.read(reportFrom)))
            try ClassicBenchmarkReport(rows: rows, timeLimit: timeLimit, ccr: ccr, unitCount: unitCount).write(to: output)
            return
        }
        let units = (0..<unitCount).map { "u\($0)" }
        var rows: [Row] = []
        for size in sizes {
            for instance in 0..<instances {
                let seed = UInt64(size * 1000 + instance)
                var generator = RandomTaskGraph(tasks: size, units: units)
                generator.ccr = ccr
                let graph = try generator.generate(seed: seed)
                if let instanceDirectory {
                    try FileManager.default.createDirectory(atPath: instanceDirectory, withIntermediateDirectories: true)
                    try TextFile.writeAtomically(TaskGraphWriter.json(graph, units: units), to: "\(instanceDirectory)/\(graph.name).json")
                }
                if writeOnly { continue }
                let problem = try PlanProblem(graph: graph, costs: ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000))
                var options = PlanOptions()
                options.timeLimitSeconds = timeLimit
                let heft = try HEFTStrategy().schedule(problem, options: options).schedule.makespanUS
                let peft = try PEFTStrategy().schedule(problem, options: options).schedule.makespanUS
                var refineOnly = options
                refineOnly.exactThreshold = 0
                let refined = try OptimizeStrategy().schedule(problem, options: refineOnly).schedule.makespanUS
                var optimize = 0.0
                let seconds = try Stopwatch.seconds { optimize = try OptimizeStrategy().schedule(problem, options: options).schedule.makespanUS }
                var exact: Double?
                var proven: Bool?
                if size <= 12 {
                    let result = try ExactILPStrategy().schedule(problem, options: options)
                    exact = result.schedule.makespanUS
                    proven = result.solver?.status == "optimal"
                }
                rows.append(Row(tasks: size, seed: seed, heft: heft, peft: peft, refined: refined, optimize: optimize, exact: exact,
                                exactProvenOptimal: proven, optimizeSeconds: seconds))
                let exactText = (exact.map { String(format: "%8.2f", $0) } ?? "       -")
                    + (proven == true ? " (optimal)" : (proven == false ? " (search limit)" : ""))
                StandardOutput.line(String(format: "tasks %3d seed %6d  heft %8.2f  peft %8.2f  refined %8.2f  optimize %8.2f  exact ",
                                           size, seed, heft, peft, refined, optimize) + exactText + String(format: "  (%.2f s)", seconds))
            }
        }
        if writeOnly { return }
        try ClassicBenchmarkReport(rows: rows, timeLimit: timeLimit, ccr: ccr, unitCount: unitCount).write(to: output)
    }
}
