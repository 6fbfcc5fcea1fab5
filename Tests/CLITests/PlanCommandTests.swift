import Foundation
import TestSupport
import XCTest

final class PlanCommandTests: XCTestCase {
    func testEveryStrategyPlansATaskGraphOnTheClassicPlatform() throws {
        let directory = try makeTemporaryDirectory()
        let graph = try directory.write("tg.json", """
            {"format": "hetero-plan/taskgraph@1", "name": "diamond",
             "tasks": [{"name": "a", "cost_us": {"u0": 4, "u1": 6, "u2": null}},
                       {"name": "b", "cost_us": {"u0": 8, "u1": 3, "u2": 5}},
                       {"name": "c", "cost_us": {"u0": 8, "u1": 9, "u2": 2}},
                       {"name": "d", "cost_us": {"u0": 3, "u1": 3, "u2": 3}}],
             "edges": [{"from": "a", "to": "b", "bytes": 2000}, {"from": "a", "to": "c", "bytes": 1000},
                       {"from": "b", "to": "d", "bytes": 1000}, {"from": "c", "to": "d", "bytes": 4000}]}
            """)
        var makespans: [String: Double] = [:]
        // A small refinement budget: on four tasks the exact MILP (optimize's last stage, and
        // ilp-exact) proves the optimum whatever the refinement found.
        for strategy in ["fallback", "greedy", "heft", "peft", "optimize", "ilp-exact"] {
            let result = try CLI.run(["plan", graph, "--platform", Repository.platform("examples/classic-3unit.json"), "--strategy", strategy,
                                      "--evaluations", "500", "--format", "json"])
            XCTAssertEqual(result.status, 0, "\(strategy): \(result.stderr)")
            let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            makespans[strategy] = (plan["summary"] as? [String: Any])?["makespan_us"] as? Double
        }
        // Hand-checked optimum 13: a on u0 [0,4]; b on u1 [6,9] after a 2 us transfer; c on u2 [5,7]
        // after 1 us; d on u2 [10,13] once b's 1 us transfer arrives. d must wait for b (earliest
        // finish 9 anywhere off u0) and for c, and every other placement of d is later.
        XCTAssertEqual(makespans["ilp-exact"]!, 13, accuracy: 1e-9)
        XCTAssertEqual(makespans["optimize"]!, makespans["ilp-exact"]!, accuracy: 1e-9)
        for strategy in ["fallback", "greedy", "heft", "peft"] {
            XCTAssertGreaterThanOrEqual(makespans[strategy]! + 1e-9, makespans["optimize"]!, strategy)
        }
    }

    func testObjectivesReportTheirFiguresAndImproveThem() throws {
        var figures: [String: [String: Double]] = [:]
        for objective in ["latency", "throughput", "energy", "memory"] {
            let result = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", Repository.platform("onnc-cpu-dsp-dla.json"),
                                      "--objective", objective, "--evaluations", "1500", "--format", "json"])
            XCTAssertEqual(result.status, 0, "\(objective): \(result.stderr)")
            let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(plan["objective"] as? String, objective)
            let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
            let memories = try XCTUnwrap(plan["memories"] as? [[String: Any]])
            figures[objective] = [
                "makespan": try XCTUnwrap(summary["makespan_us"] as? Double),
                "interval": try XCTUnwrap(summary["interval_us"] as? Double),
                "energy": try XCTUnwrap(summary["energy_uj"] as? Double),
                "memory": memories.reduce(0.0) { $0 + (($1["peak_bytes"] as? Double) ?? 0) },
            ]
        }
        let latency = figures["latency"]!
        XCTAssertLessThanOrEqual(figures["throughput"]!["interval"]!, latency["interval"]! * (1 + 1e-9))
        XCTAssertLessThanOrEqual(figures["energy"]!["energy"]!, latency["energy"]! * (1 + 1e-9))
        XCTAssertGreaterThan(latency["energy"]!, 0, "the platform declares energy figures")
        XCTAssertGreaterThanOrEqual(figures["throughput"]!["makespan"]!, latency["makespan"]! * (1 - 1e-9))
    }

    func testDumpLPWritesTheSolvedModelOrWarnsWhenNoneRan() throws {
        let directory = try makeTemporaryDirectory()
        let graph = try directory.write("tg.json", """
            {"format": "hetero-plan/taskgraph@1", "name": "pair",
             "tasks": [{"name": "a", "cost_us": {"u0": 4, "u1": 6, "u2": 5}}, {"name": "b", "cost_us": {"u0": 8, "u1": 3, "u2": 5}}],
             "edges": [{"from": "a", "to": "b", "bytes": 2000}]}
            """)
        let lp = directory.path("model.lp")
        let solved = try CLI.run(["plan", graph, "--platform", Repository.platform("examples/classic-3unit.json"), "--dump-lp", lp,
                                  "--evaluations", "500", "--no-simulate"])
        XCTAssertEqual(solved.status, 0, solved.stderr)
        let text = try String(contentsOfFile: lp, encoding: .utf8)
        XCTAssertTrue(text.contains("Minimize"), text)
        XCTAssertTrue(text.contains("x_0_0") && text.contains("C"), "the exact MILP's assignment and makespan variables")

        let unused = directory.path("heft.lp")
        let heft = try CLI.run(["plan", graph, "--platform", Repository.platform("examples/classic-3unit.json"), "--strategy", "heft",
                                "--dump-lp", unused, "--no-simulate"])
        XCTAssertEqual(heft.status, 0, heft.stderr)
        XCTAssertTrue(heft.stderr.contains("no ILP was solved"), heft.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: unused))
    }

    /// The DLA computes from its own 7 MiB buffer, too small for ResNet-50's residual blocks: the
    /// plan moves operators off the DLA until its memory holds, and the simulator validates it.
    func testAnOverflowingDLAMemoryMovesOperatorsOffAndThePlanStaysValid() throws {
        let directory = try makeTemporaryDirectory()
        let base = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.platform("onnc-cpu-dsp-dla.json")))) as? [String: Any])
        var platform = base
        platform["name"] = "onnc-small-dla-memory"
        platform["units"] = (base["units"] as! [[String: Any]]).map { unit -> [String: Any] in
            guard unit["name"] as? String == "dla" else { return unit }
            var dla = unit
            dla["memory"] = "dla_cbuf"
            dla.removeValue(forKey: "local_memory")
            dla.removeValue(forKey: "resident_memory")
            return dla
        }
        platform["memories"] = (base["memories"] as! [[String: Any]]).map { memory -> [String: Any] in
            guard memory["name"] as? String == "dla_cbuf" else { return memory }
            var cbuf = memory
            cbuf["capacity_bytes"] = 7 * 1_048_576
            return cbuf
        }
        let path = directory.path("platform.json")
        try JSONSerialization.data(withJSONObject: platform).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run(["plan", Repository.model("light_resnet50.onnx"), "--platform", path, "--evaluations", "500",
                                  "--contention", "off", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let decisions = try XCTUnwrap(plan["decisions"] as? [[String: Any]])
        XCTAssertTrue(decisions.contains { ($0["reason"] as? String)?.contains("moved off dla: dla_cbuf overflowed") == true }, "\(decisions.prefix(5))")
        let memories = try XCTUnwrap(plan["memories"] as? [[String: Any]])
        let cbuf = try XCTUnwrap(memories.first { $0["name"] as? String == "dla_cbuf" })
        XCTAssertLessThanOrEqual(try XCTUnwrap(cbuf["peak_bytes"] as? Int), 7 * 1_048_576)
        let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
        let predicted = try XCTUnwrap(summary["makespan_us"] as? Double)
        let simulated = try XCTUnwrap(summary["simulated_makespan_us"] as? Double)
        XCTAssertEqual(simulated, predicted, accuracy: 1e-9 * predicted)
    }

    func testExplainSaysHowControlFlowWasCosted() throws {
        let result = try CLI.run(["plan", Repository.path("Tests/Fixtures/ONNX/control_flow.onnx"), "--platform", Repository.platform("meteor-lake.json"),
                                  "--explain", "--no-simulate"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.contains("[control flow]") }, [
            "  [control flow] If \"If_0\": its condition is known only at run time, so it is costed as then_branch, the more "
                + "expensive branch (most MACs, then operations, then bytes) (then_branch 512 MACs, 0 other operations, 1280 bytes; "
                + "else_branch 0 MACs, 32 other operations, 256 bytes)",
            "  [control flow] Loop \"Loop_1\": costed as 4 iterations of its body",
        ])
    }

    func testBadPlanInputsExitTwoWithoutOutput() throws {
        let output = try makeTemporaryDirectory().path("plan.json")
        let unknownPlatform = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", "/nonexistent/p.json", "-o", output])
        XCTAssertEqual(unknownPlatform.status, 2)
        XCTAssertTrue(unknownPlatform.stderr.contains("/nonexistent/p.json"), unknownPlatform.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        let exactTooBig = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", Repository.platform("onnc-cpu-dsp-dla.json"),
                                       "--strategy", "ilp-exact", "-o", output])
        XCTAssertEqual(exactTooBig.status, 2)
        XCTAssertTrue(exactTooBig.stderr.contains("ilp-exact handles at most 24 operators"), exactTooBig.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }
}
