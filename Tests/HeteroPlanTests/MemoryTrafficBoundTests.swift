import Foundation
import HeteroCost
import HeteroImport
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// The memories units compute from as load resources under contention (`LowerBound.MemoryTraffic`,
/// in `LowerBound.unitAndMemoryLoad`, read by `LowerBound.makespan`): every byte the contention ledger
/// reserves on a memory's bandwidth — operators' streams and weight prefetch copies — ends by the
/// makespan.
final class MemoryTrafficBoundTests: XCTestCase {
    /// A convolution feeding `branches` convolutions with 2.4 MB of int8 weights each on a 2x2 map,
    /// joined by a Concat, on the VC1902: every branch is bound by its weights' DDR4 traffic, so
    /// spreading the branches over the four AI Engine partitions shortens the path and the units'
    /// loads but not the DDR4's.
    private func forkProblem(branches: Int, contention: Bool) throws -> (PlanProblem, Platform) {
        var operators = [#"{"name": "c0", "type": "Conv", "inputs": ["x", "w0"], "outputs": ["y0"], "attributes": {"pads": [1, 1, 1, 1]}}"#]
        var constants = [#"{"name": "w0", "shape": [512, 512, 3, 3]}"#]
        var joined: [String] = []
        for index in 1...branches {
            operators.append(#"{"name": "c\#(index)", "type": "Conv", "inputs": ["y0", "w\#(index)"], "outputs": ["y\#(index)"], "attributes": {"pads": [1, 1, 1, 1]}}"#)
            constants.append(#"{"name": "w\#(index)", "shape": [512, 512, 3, 3]}"#)
            joined.append("\"y\(index)\"")
        }
        operators.append(#"{"name": "join", "type": "Concat", "inputs": [\#(joined.joined(separator: ", "))], "outputs": ["z"], "attributes": {"axis": 1}}"#)
        let text = """
            {"format": "hetero-plan/graph@1", "name": "fork",
             "inputs": [{"name": "x", "shape": [1, 512, 2, 2], "type": "float32"}],
             "constants": [\(constants.joined(separator: ", "))],
             "operators": [\(operators.joined(separator: ",\n"))],
             "outputs": ["z"]}
            """
        let directory = try makeTemporaryDirectory()
        let graph = try ModelLoader.load(path: directory.write("fork.json", text))
        let platform = try Platform.load(path: Repository.platform("versal-vc1902.json"))
        var costs = try CostEngine(platform: platform).evaluate(graph).table
        costs.contention = contention
        return (try PlanProblem(graph: graph, costs: costs), platform)
    }

    /// On the fork the DDR4's load is the strongest bound, far above the communicating path and the
    /// units' loads (the test fails if the memory resource is dropped), and it never exceeds a
    /// contended schedule: ilp-exact's plan (its MILP proves the uncontended optimum, which the
    /// contended schedule of its assignment then pays the DDR4 on top of; its incumbent is
    /// optimize's plan), HEFT's plan, and the list schedules of seeded random assignments.
    func testForkIsBoundByTheSharedMemoryAndStaysBelowEverySchedule() throws {
        let (problem, platform) = try forkProblem(branches: 4, contention: true)
        let traffic = LowerBound.unitAndMemoryLoad(problem)
        let others = max(try XCTUnwrap(LowerBound.communicatingPath(problem)), LowerBound.unitLoad(problem), LowerBound.segmented(problem) ?? 0)
        XCTAssertGreaterThan(traffic, 1.3 * others, "the DDR4 load did not bind")
        let bound = LowerBound.strongest(problem)
        XCTAssertGreaterThanOrEqual(bound, traffic * (1 - 1e-9))
        var options = PlanOptions()
        options.evaluationBudget = 300
        for strategy in [ExactILPStrategy(), HEFTStrategy()] as [any PlanningStrategy] {
            let outcome = try PlanPipeline.run(graph: problem.graph, platform: platform, strategy: strategy, options: options)
            XCTAssertLessThanOrEqual(bound, outcome.result.schedule.makespanUS * (1 + 1e-9), strategy.name)
            XCTAssertGreaterThanOrEqual(outcome.document.summary.lowerBoundUS, traffic * (1 - 1e-6), "\(strategy.name) reports the raised bound")
        }
        var rng = SplitMix64(seed: 31)
        let builder = ScheduleBuilder(problem: problem)
        XCTAssertTrue(builder.contention)
        for _ in 0..<100 {
            let assignment = (0..<problem.operatorCount).map { op -> Int in
                let units = (0..<problem.unitCount).filter { problem.boundDuration(op, $0) != nil }
                return units[Int(rng.next() % UInt64(units.count))]
            }
            let schedule = builder.build(assignment: assignment, priority: Array(0..<problem.operatorCount))
            XCTAssertLessThanOrEqual(bound, schedule.makespanUS * (1 + 1e-9), "\(assignment)")
        }
    }

    /// Without contention nothing is reserved: no memory resource, the load bound is the units'
    /// alone, and the bound stays below ilp-exact's proven optimum.
    func testWithoutContentionTheLoadIsTheUnitsAndBelowTheProvenOptimum() throws {
        let (problem, _) = try forkProblem(branches: 2, contention: false)
        XCTAssertNil(LowerBound.MemoryTraffic(problem))
        XCTAssertEqual(LowerBound.unitAndMemoryLoad(problem), LowerBound.unitLoad(problem))
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        let exact = try ExactILPStrategy().schedule(problem, options: options)
        XCTAssertEqual(exact.solver?.status, "optimal")
        XCTAssertLessThanOrEqual(LowerBound.strongest(problem), exact.schedule.makespanUS * (1 + 1e-9))
    }

    /// ResNet-50 on the VC1902 (issue 13's widest gap): the AI Engines' weight streams and prefetch
    /// copies all draw on the one DDR4, so the load bound with it is well above the communicating
    /// path with the stream runs, and the plans stay above it.
    func testSharedDDR4RaisesTheBoundOfResNet50OnTheVC1902() throws {
        let platform = try Platform.load(path: Repository.platform("versal-vc1902.json"))
        let graph = try ModelLoader.load(path: Repository.model("light_resnet50.onnx"))
        let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
        let traffic = LowerBound.unitAndMemoryLoad(problem)
        let path = try XCTUnwrap(LowerBound.communicatingPath(problem))
        XCTAssertGreaterThan(traffic, 1.1 * max(path, LowerBound.unitLoad(problem)), "the DDR4 load did not raise the bound")
        // HEFT's plan (StreamRunBoundTests checks PEFT's and optimize's against the strongest bound).
        let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: HEFTStrategy(), options: PlanOptions())
        XCTAssertLessThanOrEqual(traffic, outcome.result.schedule.makespanUS * (1 + 1e-9))
        XCTAssertGreaterThanOrEqual(outcome.document.summary.lowerBoundUS, traffic * (1 - 1e-6), "the plan reports the raised bound")
    }
}
