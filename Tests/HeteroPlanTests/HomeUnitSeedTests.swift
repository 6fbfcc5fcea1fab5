import HeteroCost
import HeteroImport
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// The home-unit seed of `optimize`: every operator on one unit where it can run, the others on a
/// unit sharing that unit's on-chip memory. On meteor-lake the NPU is fast only while ShuffleNet's
/// activations stay in its CMX, which needs the DPU's unsupported operators (Transpose, Softmax) on
/// the SHAVE cores beside it; HEFT and PEFT place operator by operator and end GPU-centred.
final class HomeUnitSeedTests: XCTestCase {
    func testNPUCentredSeedBeatsTheBaselinesAndOptimizeKeepsIt() throws {
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let graph = try ModelLoader.load(path: Repository.model("light_shufflenet.onnx"))
        let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
        let home = try XCTUnwrap(OptimizeStrategy().homeUnitSeed(problem))
        XCTAssertEqual(home.name, "home npu")
        let npu = try XCTUnwrap(problem.costs.unitNames.firstIndex(of: "npu"))
        let shave = try XCTUnwrap(problem.costs.unitNames.firstIndex(of: "shave"))
        for (op, unit) in home.schedule.assignment.enumerated() where unit != npu {
            XCTAssertNil(problem.exec(op, npu), "\(graph.operators[op].label) could run on the NPU")
            XCTAssertEqual(unit, shave, "\(graph.operators[op].label) left the NPU's CMX")
        }
        var options = PlanOptions()
        options.evaluationBudget = 300
        let heft = try HEFTStrategy().schedule(problem, options: options).schedule.makespanUS
        XCTAssertLessThan(home.schedule.makespanUS, 0.6 * heft)
        let plan = try OptimizeStrategy().schedule(problem, options: options).schedule.makespanUS
        XCTAssertLessThanOrEqual(plan, home.schedule.makespanUS * (1 + 1e-9))
    }
}
