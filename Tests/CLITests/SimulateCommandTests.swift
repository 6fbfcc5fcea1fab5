import Foundation
import TestSupport
import XCTest

/// `plan` simulates what it writes; `simulate` re-runs saved and hand-edited plans; invalid plans
/// exit 3 with the violation, bad input exits 2; trace, Gantt chart and memory plot are written.
final class SimulateCommandTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    func path(_ name: String) -> String { directory.path(name) }

    func json(_ file: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
    }

    /// A squeezenet plan (HEFT, contention off) saved to `plan.json` (planned once for all tests).
    func savedPlan() throws -> String {
        let plan = try SharedResults.shared.data("squeezenet heft onnc contention off") {
            let planned = path("planned.json")
            let result = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", Repository.platform("onnc-cpu-dsp-dla.json"),
                                      "--strategy", "heft", "--contention", "off", "-o", planned])
            XCTAssertEqual(result.status, 0, result.stderr)
            return try Data(contentsOf: URL(fileURLWithPath: planned))
        }
        let output = path("plan.json")
        try plan.write(to: URL(fileURLWithPath: output))
        return output
    }

    func testPlanReportsSimulatedMakespanEqualToPredictedWithContentionOff() throws {
        let plan = try json(savedPlan())
        let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
        let predicted = try XCTUnwrap(summary["makespan_us"] as? Double)
        let simulated = try XCTUnwrap(summary["simulated_makespan_us"] as? Double)
        XCTAssertEqual(simulated, predicted, accuracy: 1e-9 * predicted)
        let simulation = try XCTUnwrap(summary["simulation"] as? [String: Any])
        XCTAssertEqual(simulation["contention"] as? Bool, false)
        let units = try XCTUnwrap(simulation["units"] as? [[String: Any]])
        XCTAssertEqual(units.map { $0["name"] as? String }, ["cpu", "dsp", "dla"])
        // busy + stalls + drained = makespan on every unit.
        for unit in units {
            let total = ["busy_us", "stall_input_us", "stall_transfer_us", "stall_memory_us", "stall_programming_us", "drained_us"]
                .reduce(0.0) { $0 + (unit[$1] as? Double ?? .nan) }
            XCTAssertEqual(total, simulated, accuracy: 1e-6, "\(unit)")
        }
    }

    func testNoSimulateLeavesTheSimulationOut() throws {
        let result = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", Repository.platform("onnc-cpu-dsp-dla.json"),
                                  "--strategy", "heft", "--no-simulate", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
        XCTAssertNil(summary["simulated_makespan_us"])
        XCTAssertNil(summary["simulation"])
    }

    func testSimulateReRunsASavedPlanWithEitherContention() throws {
        let plan = try savedPlan()
        let off = try CLI.run(["simulate", plan, "--platform", Repository.platform("onnc-cpu-dsp-dla.json"), "--contention", "off", "--format", "json"])
        XCTAssertEqual(off.status, 0, off.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(off.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["format"] as? String, "hetero-plan/simulation@1")
        let simulation = try XCTUnwrap(report["simulation"] as? [String: Any])
        XCTAssertLessThanOrEqual(abs(try XCTUnwrap(simulation["relative_difference"] as? Double)), 1e-9)
        // The platform shares DRAM bandwidth: with contention the run is no shorter.
        let on = try CLI.run(["simulate", plan, "--platform", Repository.platform("onnc-cpu-dsp-dla.json"), "--contention", "on"])
        XCTAssertEqual(on.status, 0, on.stderr)
        XCTAssertTrue(on.stdout.contains("contention on"), on.stdout)
        XCTAssertTrue(on.stdout.contains("stall input"), on.stdout)
    }

    /// The platform's contention (on): the plan predicts with shared DRAM bandwidth, close to the
    /// simulator with contention on; planned with `--contention off` for an ideal interconnect,
    /// it predicts less and simulates exactly that with contention off. (Activations in DRAM, so
    /// that every operator streams from it.)
    func testPlanPredictsWithThePlatformsContention() throws {
        func plan(_ extra: [String]) throws -> (predicted: Double, simulation: [String: Any]) {
            let output = path("plan.json")
            let made = try CLI.run(["plan", Repository.model("light_inception_v2.onnx"), "--platform", Repository.platform("onnc-cpu-dsp-dla.json"),
                                    "--evaluations", "300", "--residency", "dram", "-o", output] + extra)
            XCTAssertEqual(made.status, 0, made.stderr)
            let summary = try XCTUnwrap(try json(output)["summary"] as? [String: Any])
            return (try XCTUnwrap(summary["makespan_us"] as? Double), try XCTUnwrap(summary["simulation"] as? [String: Any]))
        }
        let aware = try plan([])
        XCTAssertEqual(aware.simulation["contention"] as? Bool, true)
        XCTAssertLessThanOrEqual(abs(try XCTUnwrap(aware.simulation["relative_difference"] as? Double)), 0.02)
        let ideal = try plan(["--contention", "off"])
        XCTAssertEqual(ideal.simulation["contention"] as? Bool, false)
        XCTAssertLessThanOrEqual(abs(try XCTUnwrap(ideal.simulation["relative_difference"] as? Double)), 1e-9)
        XCTAssertLessThan(ideal.predicted, aware.predicted * 0.99, "inception_v2's branches contend for DRAM on this platform")
    }

    func testHandEditedDependencyViolationExitsThreeWithTheViolationAndNoFiles() throws {
        var plan = try json(savedPlan())
        var operators = try XCTUnwrap(plan["operators"] as? [[String: Any]])
        // Swap the first two operators on one unit where the second reads the first's output.
        let first = try XCTUnwrap(operators.firstIndex { $0["name"] as? String == "n0" })
        let second = try XCTUnwrap(operators.firstIndex { $0["name"] as? String == "n1" })
        XCTAssertEqual(operators[first]["unit"] as? String, operators[second]["unit"] as? String)
        for key in ["start_us", "finish_us"] { (operators[first][key], operators[second][key]) = (operators[second][key], operators[first][key]) }
        plan["operators"] = operators
        let edited = path("edited.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: edited))
        let trace = path("trace.json")
        let result = try CLI.run(["simulate", edited, "--platform", Repository.platform("onnc-cpu-dsp-dla.json"), "--trace", trace])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("invalid plan: dependency-not-met at "), result.stderr)
        XCTAssertTrue(result.stderr.contains("operator: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("expected: "), result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: trace))
    }

    func testOperatorMovedToAnIncapableUnitExitsThree() throws {
        var plan = try json(savedPlan())
        var operators = try XCTUnwrap(plan["operators"] as? [[String: Any]])
        let softmax = try XCTUnwrap(operators.firstIndex { $0["type"] as? String == "Softmax" })
        operators[softmax]["unit"] = "dla"
        plan["operators"] = operators
        let edited = path("edited.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: edited))
        let result = try CLI.run(["simulate", edited, "--platform", Repository.platform("onnc-cpu-dsp-dla.json")])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("invalid plan: unsupported-operator at "), result.stderr)
        XCTAssertTrue(result.stderr.contains("unit:     dla"), result.stderr)
    }

    func testMalformedPlansExitTwoNamingFileAndJSONPath() throws {
        let platform = Repository.platform("onnc-cpu-dsp-dla.json")
        let truncated = path("truncated.json")
        try "{\"format\": \"hetero-plan/plan@1\",\n".write(toFile: truncated, atomically: true, encoding: .utf8)
        let syntax = try CLI.run(["simulate", truncated, "--platform", platform])
        XCTAssertEqual(syntax.status, 2)
        XCTAssertTrue(syntax.stderr.contains(truncated), syntax.stderr)
        XCTAssertTrue(syntax.stderr.contains("line 2"), syntax.stderr)

        var plan = try json(savedPlan())
        var operators = try XCTUnwrap(plan["operators"] as? [[String: Any]])
        operators[3]["strat_us"] = 1.0
        plan["operators"] = operators
        let misspelt = path("misspelt.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: misspelt))
        let trace = path("trace.json")
        let unknownKey = try CLI.run(["simulate", misspelt, "--platform", platform, "--trace", trace])
        XCTAssertEqual(unknownKey.status, 2)
        XCTAssertTrue(unknownKey.stderr.contains("\(misspelt): invalid plan"), unknownKey.stderr)
        XCTAssertTrue(unknownKey.stderr.contains("operators[3].strat_us: unknown key \"strat_us\" (did you mean \"start_us\"?)"), unknownKey.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: trace))

        operators[3]["strat_us"] = nil
        operators[3]["unit"] = "npu"
        plan["operators"] = operators
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: misspelt))
        let unknownUnit = try CLI.run(["simulate", misspelt, "--platform", platform])
        XCTAssertEqual(unknownUnit.status, 2)
        XCTAssertTrue(unknownUnit.stderr.contains("operators[3].unit: unknown unit \"npu\""), unknownUnit.stderr)

        let wrongPlatform = try CLI.run(["simulate", try savedPlan(), "--platform", Repository.platform("examples/classic-3unit.json")])
        XCTAssertEqual(wrongPlatform.status, 2)
        XCTAssertTrue(wrongPlatform.stderr.contains("platform: the plan is for platform \"onnc-cpu-dsp-dla\""), wrongPlatform.stderr)
    }

    /// A plan must move and hold each tensor at its real size, and list each transfer, copy and
    /// buffer once: a hand edit that shrinks a transfer or repeats an entry is bad input.
    func testWrongSizesAndRepeatedEntriesAreRefusedWithTheirPaths() throws {
        // A task graph on the classic platform: every unit has its own memory, so tensors move.
        let platform = Repository.platform("examples/classic-3unit.json")
        let instance = Repository.path("Results/classic-instances/random-16-16000.json")
        let saved = path("classic.json")
        let planned = try CLI.run(["plan", instance, "--platform", platform, "--strategy", "heft", "--no-simulate", "-o", saved])
        XCTAssertEqual(planned.status, 0, planned.stderr)
        var plan = try json(saved)
        var transfers = try XCTUnwrap(plan["transfers"] as? [[String: Any]])
        var buffers = try XCTUnwrap(plan["buffers"] as? [[String: Any]])
        XCTAssertGreaterThan(transfers.count, 1, "the HEFT plan of this instance should move tensors between units")
        let tensor = try XCTUnwrap(transfers[0]["tensor"] as? String)
        let realBytes = try XCTUnwrap(transfers[0]["bytes"] as? Int)
        transfers[0]["bytes"] = 1
        transfers.append(transfers[1])
        buffers.append(buffers[0])
        plan["transfers"] = transfers
        plan["buffers"] = buffers
        let edited = path("edited.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: edited))
        let result = try CLI.run(["simulate", edited, "--platform", platform])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("\(edited): invalid plan (3 problems)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("transfers[0].bytes: tensor \"\(tensor)\" has \(realBytes) bytes, not 1"), result.stderr)
        XCTAssertTrue(result.stderr.contains("transfers[\(transfers.count - 1)]: the transfer of"), result.stderr)
        XCTAssertTrue(result.stderr.contains("appears twice (also at transfers[1])"), result.stderr)
        XCTAssertTrue(result.stderr.contains("buffers[\(buffers.count - 1)]: the buffer of"), result.stderr)
        XCTAssertTrue(result.stderr.contains("appears twice (also at buffers[0])"), result.stderr)
    }

    func testTraceGanttAndMemoryPlotDescribeTheRun() throws {
        let plan = try savedPlan()
        let trace = path("trace.json"), gantt = path("gantt.svg"), memory = path("memory.svg")
        let result = try CLI.run(["simulate", plan, "--platform", Repository.platform("onnc-cpu-dsp-dla.json"), "--trace", trace, "--gantt", gantt,
                                  "--memory-plot", memory])
        XCTAssertEqual(result.status, 0, result.stderr)
        let operators = try XCTUnwrap(try json(plan)["operators"] as? [[String: Any]])

        let events = try XCTUnwrap(try json(trace)["traceEvents"] as? [[String: Any]])
        let slices = events.filter { $0["ph"] as? String == "X" && $0["cat"] as? String == "compute" }
        XCTAssertEqual(slices.count, operators.count)
        let processes = events.filter { $0["name"] as? String == "process_name" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        for unit in ["cpu", "dsp", "dla"] { XCTAssertTrue(processes.contains { $0.hasPrefix("unit \(unit) ") }, "\(processes)") }
        XCTAssertTrue(processes.contains("memories"))
        XCTAssertFalse(events.filter { $0["ph"] as? String == "C" }.isEmpty, "memory counters")
        // Every flow that starts also finishes.
        let starts = Set(events.filter { $0["ph"] as? String == "s" }.compactMap { $0["id"] as? Int })
        let finishes = Set(events.filter { $0["ph"] as? String == "f" }.compactMap { $0["id"] as? Int })
        XCTAssertEqual(starts, finishes)

        let svg = try String(contentsOfFile: gantt, encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        for unit in ["cpu", "dsp", "dla"] { XCTAssertTrue(svg.contains(">\(unit)</text>"), unit) }
        XCTAssertEqual(svg.components(separatedBy: "<title>Conv ").count - 1, operators.filter { $0["type"] as? String == "Conv" }.count)
        let plot = try String(contentsOfFile: memory, encoding: .utf8)
        XCTAssertTrue(plot.contains(">dram<tspan"), "dram panel")
    }

    /// The classic model end to end: a task graph planned on classic-3unit simulates to its
    /// predicted makespan.
    func testTaskGraphOnTheClassicPlatformSimulatesToItsPrediction() throws {
        let instance = Repository.path("Results/classic-instances/random-40-40000.json")
        let output = path("classic.json")
        let result = try CLI.run(["plan", instance, "--platform", Repository.platform("examples/classic-3unit.json"), "--strategy", "peft", "-o", output])
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try XCTUnwrap(try json(output)["summary"] as? [String: Any])
        let predicted = try XCTUnwrap(summary["makespan_us"] as? Double)
        XCTAssertEqual(try XCTUnwrap(summary["simulated_makespan_us"] as? Double), predicted, accuracy: 1e-9 * predicted)
        let again = try CLI.run(["simulate", output, "--platform", Repository.platform("examples/classic-3unit.json"), "--format", "json"])
        XCTAssertEqual(again.status, 0, again.stderr)
    }
}
