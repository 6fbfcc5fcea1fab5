import Foundation
import TestSupport
import XCTest

/// A plan is a pure function of its inputs and options: every limit that ends the search is
/// counted in work (GLPK nodes and simplex iterations, schedule evaluations), never in seconds,
/// so runs give the same bytes on an idle and on a loaded machine. Only `--time-limit` brings a
/// clock in, and then the plan says so.
///
/// SqueezeNet on onnc-cpu-dsp-dla runs every stage of `optimize` (baselines, coarse ILP,
/// refinement, ejection chains, window search, memory planning, simulation) at its default
/// budgets but the refinement's, which `--evaluations` keeps small so the tests stay fast.
final class PlanDeterminismTests: XCTestCase {
    static let arguments = ["plan", Repository.model("light_squeezenet.onnx"), "--platform", Repository.platform("onnc-cpu-dsp-dla.json"),
                            "--evaluations", "2000"]

    func plan(_ extra: [String] = []) throws -> Data {
        let path = try makeTemporaryDirectory().path("plan.json")
        let result = try CLI.run(Self.arguments + ["-o", path] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The plan JSON of one idle run, shared by the tests of this class (planned once).
    func idlePlan() throws -> Data {
        try SharedResults.shared.data("squeezenet optimize onnc idle") { try plan() }
    }

    func testTwoRunsGiveByteIdenticalPlanJSON() throws {
        let first = try idlePlan()
        XCTAssertEqual(try plan(), first)
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: first) as? [String: Any])
        XCTAssertEqual(plan["format"] as? String, "hetero-plan/plan@1")
        let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
        let makespan = try XCTUnwrap(summary["makespan_us"] as? Double)
        let bound = try XCTUnwrap(summary["lower_bound_us"] as? Double)
        XCTAssertGreaterThan(makespan, 0)
        XCTAssertLessThanOrEqual(bound, makespan)
        let operators = try XCTUnwrap(plan["operators"] as? [[String: Any]])
        XCTAssertEqual(operators.count, 66)
        for op in operators {
            XCTAssertNotNil(op["name"] as? String)
            XCTAssertTrue(["cpu", "dsp", "dla"].contains(op["unit"] as? String ?? ""))
            XCTAssertLessThanOrEqual(op["start_us"] as! Double, op["finish_us"] as! Double)
        }
        // The DLA cannot run Softmax, so it is spilled to a unit that can.
        let softmax = try XCTUnwrap(operators.first { $0["type"] as? String == "Softmax" })
        XCTAssertNotEqual(softmax["unit"] as? String, "dla")
        // The GLPK stages ran, and without --time-limit no clock did.
        let decisions = try XCTUnwrap(plan["decisions"] as? [[String: Any]])
        XCTAssertTrue(decisions.contains { $0["subject"] as? String == "coarse ILP" }, "\(decisions.prefix(3))")
        XCTAssertFalse(decisions.contains { $0["subject"] as? String == "time limit" })
    }

    func testAPlanMadeUnderCPULoadIsByteIdenticalToAnIdleOne() throws {
        let idle = try idlePlan()
        let loaded = try CPULoad.during { try plan() }
        XCTAssertEqual(loaded, idle)
    }

    func testAnExplicitTimeLimitIsStatedInThePlan() throws {
        let limited = try plan(["--time-limit", "600"])
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: limited) as? [String: Any])
        let decisions = try XCTUnwrap(plan["decisions"] as? [[String: Any]])
        let stated = try XCTUnwrap(decisions.first { $0["subject"] as? String == "time limit" })
        XCTAssertEqual(stated["reason"] as? String,
                       "600 s wall-clock cap requested: the search stops on the clock as well as on its work budgets, so this plan may differ between runs (not reached in this run)")
    }
}
