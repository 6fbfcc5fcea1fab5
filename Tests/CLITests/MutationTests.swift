import Foundation
import TestSupport
import XCTest

/// Mutation run over the platform, sweep-spec and plan-file readers (issues 14 and 16; the model
/// and profile readers are in `ReaderMutationTests`): each case
/// mutates a shipped document (`JSONMutator`, fixed seed) and runs the binary on it. A case
/// fails when the process dies of a signal, runs past the time limit, exits 1 (an internal
/// error on bad input), or, for a platform `check` accepts, when `plan` fails with a solver
/// message (`check` and `plan` must agree).
///
/// CI runs a few cases per reader. The long mode, for a release or after changing a reader:
///
///     HETERO_MUTATION_CASES=700 HETERO_MUTATION_SEED=7 swift test --filter MutationTests
///
/// (cases per reader; each failing case is kept under `$TMPDIR/hetero-mutations/` and printed
/// with its mutations so it can be turned into a regression test).
final class MutationTests: XCTestCase {
    typealias Tally = MutationRunner.Tally
    static var cases: Int { MutationRunner.cases }
    static var seed: UInt64 { MutationRunner.seed }

    var runner: MutationRunner!
    var directory: URL { runner.directory }

    override func setUpWithError() throws {
        runner = try MutationRunner()
    }

    override func tearDownWithError() throws {
        runner.remove()
    }

    func run(_ arguments: [String]) throws -> MutationRunner.Outcome { try runner.run(arguments) }

    func judge(_ outcome: MutationRunner.Outcome, allowed: Set<Int32>, tally: inout Tally) -> String? {
        runner.judge(outcome, allowed: allowed, tally: &tally)
    }

    func mutationRun(kind: String, seeds: [String], numbersOnlyEvery: Int = 0, prepare: (Any) -> Any = { $0 },
                     check: (String, inout Tally) throws -> String?) throws -> Tally {
        try runner.mutationRun(kind: kind, seeds: seeds, numbersOnlyEvery: numbersOnlyEvery, prepare: prepare, check: check)
    }

    /// Every platform `check` accepts plans without a solver failure (or fails with a planning
    /// reason naming the model or memory).
    func testPlatformMutations() throws {
        let seeds = ["onnc-cpu-dsp-dla.json", "nvdla-small.json", "nvdla-full.json", "meteor-lake.json", "versal-vc1902.json",
                     "snapdragon-8gen2.json"].map(Repository.platform)
        let model = Repository.model("light_squeezenet.onnx")
        let tally = try mutationRun(kind: "platform", seeds: seeds, numbersOnlyEvery: 2) { file, tally in
            let checked = try run(["check", file])
            if let failure = judge(checked, allowed: [0, 2], tally: &tally) { return "check: " + failure }
            guard checked.status == 0 else { return nil }
            let planned = try run(["plan", model, "--platform", file, "--evaluations", "300", "--format", "json"])
            if let failure = judge(planned, allowed: [0, 2], tally: &tally) { return "plan: " + failure }
            let solverWords = ["solver:", "GLPK", "glp_", "basis matrix", "nan", "Assertion"]
            if planned.status == 2, solverWords.contains(where: planned.stderr.contains) {
                tally.disagreements += 1
                return "check accepts the platform but plan fails in the solver: \(planned.stderr.prefix(300))"
            }
            return nil
        }
        XCTAssertEqual(tally.cases, Self.cases)
    }

    /// Every platform number at each end of its physical range, one field at a time: each
    /// platform `check` accepts must plan without a solver failure. CI covers the ends that broke
    /// the solver before (slow units, slow memories, long latencies and overheads) on one
    /// platform; the long mode (`HETERO_MUTATION_CASES` set) covers every end on every shipped one.
    func testPlatformBoundsPlan() throws {
        let bounds: [(String, Double, Double)] = [
            ("clock_mhz", 1, 10_000), ("efficiency", 0.001, 1), ("bandwidth_gb_s", 0.001, 100_000), ("latency_us", 0, 10_000),
            ("submit_us", 0, 100_000), ("sync_us", 0, 100_000), ("dma_engines", 1, 64), ("pj_per_byte", 0, 1e6),
            ("capacity_bytes", 1, 17_592_186_044_416), ("macs_per_cycle", 0.001, 1e6), ("vector_ops_per_cycle", 0.001, 1e6),
        ]
        let long = ProcessInfo.processInfo.environment["HETERO_MUTATION_CASES"] != nil
        let names = long ? ["nvdla-small", "nvdla-full", "onnc-cpu-dsp-dla", "versal-vc1902", "meteor-lake", "snapdragon-8gen2"]
                         : ["nvdla-small"]
        var tally = Tally()
        for name in names {
            let base = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.platform("\(name).json"))))
            for (field, lower, upper) in bounds {
                let ciEnds: [String: Double] = ["clock_mhz": 1, "efficiency": 0.001, "bandwidth_gb_s": 0.001,
                                                "macs_per_cycle": 0.001, "latency_us": 10_000, "submit_us": 100_000]
                let values = long ? [lower, upper] : ciEnds[field].map { [$0] } ?? []
                for value in values {
                    func setting(_ node: Any) -> Any {
                        if let array = node as? [Any] { return array.map(setting) }
                        guard var object = node as? [String: Any] else { return node }
                        for (key, member) in object where key != "source" {
                            object[key] = key == field && (member is NSNumber || member is [String: Any]) ? value : setting(member)
                        }
                        return object
                    }
                    let file = directory.appendingPathComponent("bound.json")
                    try JSONSerialization.data(withJSONObject: setting(base)).write(to: file)
                    tally.cases += 1
                    let checked = try run(["check", file.path])
                    if let failure = judge(checked, allowed: [0, 2], tally: &tally) {
                        tally.failures += 1
                        XCTFail("\(name) \(field)=\(value): check: \(failure)")
                    }
                    guard checked.status == 0 else { continue }
                    let planned = try run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", file.path, "--evaluations", "300"])
                    if let failure = judge(planned, allowed: [0, 2], tally: &tally) {
                        tally.failures += 1
                        XCTFail("\(name) \(field)=\(value): plan: \(failure)")
                    }
                    if ["solver:", "GLPK", "glp_"].contains(where: planned.stderr.contains) {
                        tally.disagreements += 1
                        tally.failures += 1
                        XCTFail("\(name) \(field)=\(value): check accepts the platform but plan fails in the solver: \(planned.stderr.prefix(300))")
                    }
                }
            }
        }
        print("bounds run: \(tally)")
        MutationRunner.record(kind: "platform-bounds", tally: tally)
    }

    /// Sweep specs: validated by `explore --dry-run` (paths made absolute so the copies resolve).
    func testSweepSpecMutations() throws {
        let root = Repository.root.appendingPathComponent("Results")
        let seeds = ["dla-cbuf/sweep.json", "nvdla-full-dse/sweep.json"].map { root.appendingPathComponent($0).path }
        _ = try mutationRun(kind: "sweep", seeds: seeds, prepare: { document in
            guard var spec = document as? [String: Any], let base = spec["base_platform"] as? String else { return document }
            let specDirectory = root.appendingPathComponent("dla-cbuf")
            spec["base_platform"] = specDirectory.appendingPathComponent(base).standardizedFileURL.path
            spec["models"] = (spec["models"] as? [[String: Any]])?.map { model -> [String: Any] in
                var model = model
                if let path = model["path"] as? String { model["path"] = specDirectory.appendingPathComponent(path).standardizedFileURL.path }
                return model
            }
            return spec
        }) { file, tally in
            judge(try run(["explore", file, "--dry-run", "-o", directory.appendingPathComponent("out").path]), allowed: [0, 2], tally: &tally)
        }
    }

    /// Plan files: re-simulated against their model and platform.
    func testPlanFileMutations() throws {
        let plan = directory.appendingPathComponent("seed-plan.json").path
        let platform = Repository.platform("nvdla-small.json")
        let model = Repository.model("light_squeezenet.onnx")
        let made = try run(["plan", model, "--platform", platform, "--strategy", "heft", "-o", plan])
        XCTAssertEqual(made.status, 0, made.stderr)
        _ = try mutationRun(kind: "plan", seeds: [plan]) { file, tally in
            judge(try run(["simulate", file, "--platform", platform, "--model", model]), allowed: [0, 2, 3], tally: &tally)
        }
    }
}
