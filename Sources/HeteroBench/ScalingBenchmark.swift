import Foundation
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroSim
import HeteroSupport

/// The body of `hetero-plan benchmark scaling`: planning time against the number of units. For
/// each model and tile count, a child process (this executable, `--single-case`) loads a
/// `TileArrayPlatform`, plans the model with `optimize` at default settings, simulates the plan
/// and prints its stage timings; the parent kills a child that exceeds the per-case cap, so one
/// slow case cannot stop the run. The growth exponent is the least-squares slope of
/// log(time) against log(units) over the cases that finished.
public struct ScalingBenchmark {
    public var models: [String]
    public var tiles: [Int]
    /// Seconds a case may take before it is stopped.
    public var capSeconds: Double
    public var output: String
    /// The executable that runs one case (`benchmark scaling --single-case`).
    public var executable: String

    public init(models: [String], tiles: [Int], capSeconds: Double, output: String, executable: String) {
        self.models = models
        self.tiles = tiles
        self.capSeconds = capSeconds
        self.output = output
        self.executable = executable
    }

    /// One model on one tile count.
    public struct Case: Codable, Sendable {
        public var model: String
        public var tiles: Int
        public var units: Int
        public var operators: Int
        /// "finished", "time cap" or the child's error.
        public var status: String
        public var loadSeconds: Double?
        public var planSeconds: Double?
        public var stageSeconds: [String: Double]
        public var makespanUS: Double?
        public var simulatedMakespanUS: Double?
        public var unitsUsed: Int?

        enum CodingKeys: String, CodingKey {
            case model, tiles, units, operators, status
            case loadSeconds = "load_seconds"
            case planSeconds = "plan_seconds"
            case stageSeconds = "stage_seconds"
            case makespanUS = "makespan_us"
            case simulatedMakespanUS = "simulated_makespan_us"
            case unitsUsed = "units_used"
        }
    }

    /// Plans `model` on the platform with `tiles` tiles in this process; the case as one JSON line.
    public static func runCase(model path: String, tiles: Int) throws -> Case {
        let text = try TileArrayPlatform.json(tiles: tiles)
        var platform: Platform?
        let loadSeconds = try Stopwatch.seconds { platform = try Platform.decode(jsonText: text, file: "tiles-\(tiles)") }
        let graph = try ModelLoader.load(path: path)
        let timings = StageTimings()
        var outcome: PlanPipeline.Outcome?
        let planSeconds = try StageTimings.$current.withValue(timings) {
            try Stopwatch.seconds {
                outcome = try PlanPipeline.run(graph: graph, platform: platform!, strategy: OptimizeStrategy(), options: PlanOptions())
            }
        }
        var simulated: SimulationRun?
        let simulationSeconds = try Stopwatch.seconds {
            simulated = try Simulator.run(outcome!.document, graph: graph, platform: platform!, costs: outcome!.costs.table)
        }
        var stages: [String: Double] = [:]
        for stage in PlanStage.allCases where stage != .simulation { stages[stage.rawValue] = timings.seconds(stage) }
        stages[PlanStage.simulation.rawValue] = simulationSeconds
        let schedule = outcome!.result.schedule
        return Case(model: (path as NSString).lastPathComponent, tiles: tiles, units: platform!.units.count,
                    operators: graph.operators.count, status: "finished", loadSeconds: loadSeconds, planSeconds: planSeconds,
                    stageSeconds: stages, makespanUS: schedule.makespanUS, simulatedMakespanUS: simulated!.result.makespanUS,
                    unitsUsed: Set(schedule.operators.map(\.unit)).count)
    }

    public func run() throws {
        var cases: [Case] = []
        for model in models {
            for count in tiles {
                let row = try runChild(model: model, tiles: count)
                StandardOutput.line(String(format: "%@, %d tiles: %@ (load %.3f s, plan %.3f s)", row.model, count, row.status,
                                           row.loadSeconds ?? .nan, row.planSeconds ?? .nan))
                cases.append(row)
            }
        }
        try write(cases)
    }

    /// Runs one case in a child process, stopping it at the cap.
    private func runChild(model: String, tiles: Int) throws -> Case {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["benchmark", "scaling", "--single-case", "--models", model, "--tiles", "\(tiles)"]
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        var timedOut = false
        if finished.wait(timeout: .now() + capSeconds) == .timedOut {
            timedOut = true
            process.terminate()
            finished.wait()
        }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let name = (model as NSString).lastPathComponent
        if timedOut {
            return Case(model: name, tiles: tiles, units: tiles + 1, operators: 0, status: String(format: "time cap (%.0f s)", capSeconds),
                        stageSeconds: [:])
        }
        guard process.terminationStatus == 0, let line = out.split(separator: "\n").last,
              let row = try? JSONDecoder().decode(Case.self, from: Data(line.utf8)) else {
            let reason = err.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            return Case(model: name, tiles: tiles, units: tiles + 1, operators: 0, status: "failed: \(reason)", stageSeconds: [:])
        }
        return row
    }

    /// Least-squares slope of log(y) against log(x) over positive pairs; nil with fewer than two.
    static func exponent(_ points: [(x: Double, y: Double)]) -> Double? {
        let logs = points.filter { $0.x > 0 && $0.y > 0 }.map { (log($0.x), log($0.y)) }
        guard logs.count >= 2 else { return nil }
        let mx = logs.map(\.0).reduce(0, +) / Double(logs.count)
        let my = logs.map(\.1).reduce(0, +) / Double(logs.count)
        let sxx = logs.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        let sxy = logs.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        return sxx > 0 ? sxy / sxx : nil
    }

    private func write(_ cases: [Case]) throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(cases) + "\n", to: "\(output)/scaling.json")
        let stages = PlanStage.allCases
        var lines = [
            "# Planning time against unit count",
            "",
            "`hetero-plan benchmark scaling` (release build): one CPU plus N identical AI Engine-like tiles (each with a 32 KB",
            "data memory linked to DRAM; `TileArrayPlatform`), `optimize` at default settings, one child process per case",
            String(format: "stopped at %.0f s. Seconds per stage; `list scheduling` is the decoder's time inside the other stages.", capSeconds),
            "",
            "| model | tiles | units | status | load | plan | " + stages.map(\.rawValue).joined(separator: " | ") + " | makespan (us) | simulated (us) | units used |",
            "|---|---|---|---|---|---|" + stages.map { _ in "---|" }.joined() + "---|---|---|",
        ]
        for row in cases {
            let stageCells = stages.map { stage in row.stageSeconds[stage.rawValue].map { String(format: "%.3f", $0) } ?? "" }
            lines.append("| \(row.model) | \(row.tiles) | \(row.units) | \(row.status) | "
                         + [row.loadSeconds, row.planSeconds].map { $0.map { String(format: "%.3f", $0) } ?? "" }.joined(separator: " | ")
                         + " | " + stageCells.joined(separator: " | ") + " | "
                         + [row.makespanUS, row.simulatedMakespanUS].map { $0.map { String(format: "%.1f", $0) } ?? "" }.joined(separator: " | ")
                         + " | \(row.unitsUsed.map(String.init) ?? "") |")
        }
        lines += ["", "Growth exponent (least-squares slope of log seconds against log units, finished cases only):", ""]
        lines.append("| model | plan | " + stages.map(\.rawValue).joined(separator: " | ") + " |")
        lines.append("|---|---|" + stages.map { _ in "---|" }.joined())
        for model in Array(Set(cases.map(\.model))).sorted() {
            let finished = cases.filter { $0.model == model && $0.planSeconds != nil }
            let plan = Self.exponent(finished.map { (Double($0.units), $0.planSeconds!) })
            let perStage = stages.map { stage in
                Self.exponent(finished.compactMap { row in row.stageSeconds[stage.rawValue].map { (Double(row.units), $0) } })
            }
            lines.append("| \(model) | " + ([plan] + perStage).map { $0.map { String(format: "%.2f", $0) } ?? "" }.joined(separator: " | ") + " |")
        }
        try TextFile.writeAtomically(lines.joined(separator: "\n") + "\n", to: "\(output)/scaling.md")
        print("wrote \(output)/scaling.json and .md")
    }
}
