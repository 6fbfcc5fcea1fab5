import Foundation
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroSim
import HeteroSupport

/// The body of `hetero-plan benchmark scaling`: planning time against the number of units. For
/// each model and tile count, a child process (this executable, `--single-case`) loads a
/// `TileArrayPlatform`, plans the model with `optimize` at default settings, simulates the plan
/// and prints its stage timings. The child runs under a CPU-time limit (`ulimit -t`, set by a
/// shell that then `exec`s it): the kernel stops a case that has used the per-case cap of CPU
/// seconds, so one slow case cannot stop the run, and a loaded machine (which stretches wall-clock
/// time, not CPU time) does not stop a case that would finish. The growth exponent is the
/// least-squares slope of log(time) against log(units) over the cases that finished.
public struct ScalingBenchmark {
    public var models: [String]
    public var tiles: [Int]
    /// CPU seconds (user + system, all threads) a case may use before it is stopped; whole
    /// seconds (`ulimit -t`), rounded up.
    public var capSeconds: Double
    public var output: String
    /// The executable that runs one case (`benchmark scaling --single-case`).
    public var executable: String
    /// Another build's executable run on every case just before this one ("before"), if any.
    public var baseline: String?

    public init(models: [String], tiles: [Int], capSeconds: Double, output: String, executable: String, baseline: String? = nil) {
        self.models = models
        self.tiles = tiles
        self.capSeconds = capSeconds
        self.output = output
        self.executable = executable
        self.baseline = baseline
    }

    /// One model on one tile count, planned by one build.
    public struct Case: Codable, Sendable {
        public var model: String
        public var tiles: Int
        public var units: Int
        public var operators: Int
        /// "finished", "CPU cap (N s)" or the child's error.
        public var status: String
        public var loadSeconds: Double?
        public var planSeconds: Double?
        public var stageSeconds: [String: Double]
        public var makespanUS: Double?
        public var simulatedMakespanUS: Double?
        public var unitsUsed: Int?
        /// FNV-1a of the plan JSON (builds from before this field leave it out).
        public var planHash: String?
        /// "after" (this build) or "before" (the baseline); set by the parent.
        public var build: String?
        /// User + system CPU seconds of the child process (the parent's measure, so it covers
        /// loading, planning and simulating; less sensitive to load than wall-clock seconds).
        public var cpuSeconds: Double?
        /// The machine's one-minute load average when the case started.
        public var loadAverage: Double?

        enum CodingKeys: String, CodingKey {
            case model, tiles, units, operators, status, build
            case loadSeconds = "load_seconds"
            case planSeconds = "plan_seconds"
            case stageSeconds = "stage_seconds"
            case makespanUS = "makespan_us"
            case simulatedMakespanUS = "simulated_makespan_us"
            case unitsUsed = "units_used"
            case planHash = "plan_hash"
            case cpuSeconds = "cpu_seconds"
            case loadAverage = "load_average"
        }
    }

    /// Plans `model` on the platform with `tiles` tiles in this process; the case as one JSON line.
    /// Planning progress goes to standard error (the parent passes it on).
    public static func runCase(model path: String, tiles: Int) throws -> Case {
        let text = try TileArrayPlatform.json(tiles: tiles)
        var platform: Platform?
        let loadSeconds = try Stopwatch.seconds { platform = try Platform.decode(jsonText: text, file: "tiles-\(tiles)") }
        let graph = try ModelLoader.load(path: path)
        let timings = StageTimings()
        var outcome: PlanPipeline.Outcome?
        let progress = PlanProgress(delay: 10, interval: 10) { text in
            FileHandle.standardError.write(Data("\((path as NSString).lastPathComponent), \(tiles) tiles: \(text)".utf8))
        }
        let planSeconds = try StageTimings.$current.withValue(timings) {
            try PlanProgress.$current.withValue(progress) {
                try Stopwatch.seconds {
                    outcome = try PlanPipeline.run(graph: graph, platform: platform!, strategy: OptimizeStrategy(), options: PlanOptions())
                }
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
        let planJSON = try JSONOutput.encode(outcome!.document)
        return Case(model: (path as NSString).lastPathComponent, tiles: tiles, units: platform!.units.count,
                    operators: graph.operators.count, status: "finished", loadSeconds: loadSeconds, planSeconds: planSeconds,
                    stageSeconds: stages, makespanUS: schedule.makespanUS, simulatedMakespanUS: simulated!.result.makespanUS,
                    unitsUsed: Set(schedule.operators.map(\.unit)).count,
                    planHash: FNV1a.hex(planJSON))
    }

    public func run() throws {
        var cases: [Case] = []
        for model in models {
            for count in tiles {
                for (build, path) in [("before", baseline), ("after", executable)] {
                    guard let path else { continue }
                    var row = try runChild(model: model, tiles: count, executable: path)
                    row.build = build
                    StandardOutput.line(String(format: "%@, %d tiles, %@: %@ (plan %.3f s, cpu %.3f s, load %.1f)", row.model, count, build, row.status,
                                               row.planSeconds ?? .nan, row.cpuSeconds ?? .nan, row.loadAverage ?? .nan))
                    cases.append(row)
                }
            }
        }
        try write(cases)
    }

    /// The one-minute load average (`/proc/loadavg`), if readable.
    static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    /// User + system CPU seconds of this process's waited-for children so far.
    static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Whole CPU seconds the child may use: the cap rounded up, at least 1 (`ulimit -t` counts whole seconds).
    var cpuLimitSeconds: Int { max(1, Int(capSeconds.rounded(.up))) }

    /// Runs one case in a child process under the CPU cap; its standard error (progress) is passed
    /// on as it comes. `/bin/sh` sets the limit (`ulimit -t`; soft and hard, so the kernel sends
    /// SIGXCPU or SIGKILL once the child's threads together have used it) and `exec`s the
    /// executable, so any build (the baseline too) runs capped; core dumps are off.
    private func runChild(model: String, tiles: Int, executable: String) throws -> Case {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -c 0; ulimit -t \(cpuLimitSeconds) && exec \"$0\" \"$@\"",
                             executable, "benchmark", "scaling", "--single-case", "--models", model, "--tiles", "\(tiles)"]
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        let collected = _Collected()
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else { return }
            collected.append(data)
            FileHandle.standardError.write(data)
        }
        let load = Self.loadAverage()
        let cpuBefore = Self.childrenCPUSeconds()
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(errors.fileHandleForReading.readDataToEndOfFile())
        let err = collected.text
        let cpu = Self.childrenCPUSeconds() - cpuBefore
        let name = (model as NSString).lastPathComponent
        if Self.stoppedAtCPULimit(process, cpuSeconds: cpu, limit: cpuLimitSeconds) {
            return Case(model: name, tiles: tiles, units: tiles + 1, operators: 0, status: "CPU cap (\(cpuLimitSeconds) s)",
                        stageSeconds: [:], cpuSeconds: cpu, loadAverage: load)
        }
        guard process.terminationStatus == 0, process.terminationReason == .exit, let line = out.split(separator: "\n").last,
              var row = try? JSONDecoder().decode(Case.self, from: Data(line.utf8)) else {
            let reason = err.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            return Case(model: name, tiles: tiles, units: tiles + 1, operators: 0, status: "failed: \(reason)", stageSeconds: [:],
                        cpuSeconds: cpu, loadAverage: load)
        }
        row.cpuSeconds = cpu
        row.loadAverage = load
        return row
    }

    /// Whether the child was ended by the kernel's CPU-time limit: SIGXCPU at the soft limit, or
    /// SIGKILL at the hard one (equal here; which comes first depends on the kernel) after it used
    /// the limit (a SIGKILL from elsewhere, say the out-of-memory killer, is a failure).
    static func stoppedAtCPULimit(_ process: Process, cpuSeconds: Double, limit: Int) -> Bool {
        guard process.terminationReason == .uncaughtSignal else { return false }
        return process.terminationStatus == SIGXCPU || (process.terminationStatus == SIGKILL && cpuSeconds >= Double(limit) - 0.05)
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

    /// Rewrites scaling.md from the scaling.json in `output` (a changed report, no new cases).
    public func rewriteReport() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(output)/scaling.json"))
        try writeReport(try JSONDecoder().decode([Case].self, from: data))
    }

    private func write(_ cases: [Case]) throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(cases) + "\n", to: "\(output)/scaling.json")
        try writeReport(cases)
        print("wrote \(output)/scaling.json")
    }

    private func writeReport(_ cases: [Case]) throws {
        let report = ScalingReport(cases: cases, capSeconds: capSeconds, baseline: baseline,
                                   notesExist: FileManager.default.fileExists(atPath: "\(output)/\(ScalingReport.notesFile)"))
        try TextFile.writeAtomically(report.markdown(), to: "\(output)/scaling.md")
        print("wrote \(output)/scaling.md")
    }
}

/// A child's standard error, collected while it is passed on (appended from the pipe's handler).
private final class _Collected: @unchecked Sendable {  // `data` is guarded by `lock`
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
