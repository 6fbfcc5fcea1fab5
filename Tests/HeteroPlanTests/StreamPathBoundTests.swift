import GLPKSolver
import HeteroBench
import HeteroCost
import HeteroImport
import HeteroIR
@testable import HeteroPlan
import HeteroPlatform
import HeteroRecords
import TestSupport
import XCTest

/// The stream-path rows of the LP bound (`LowerBound.streamDemand`, `RelaxationFormulation`'s
/// `streamSlackLimit`): a unit's operators last at least what its DMA path carries, weights streamed or
/// copied there by a prefetch, so the bound no longer counts every weight on chip for free.
final class StreamPathBoundTests: XCTestCase {
    private func plainRelaxation(_ problem: PlanProblem) throws -> Double {
        var options = MILPOptions()
        options.rootIterationLimit = LowerBound.RelaxationBudget().iterations
        let solution = try GLPKSolver.solve(RelaxationFormulation(problem: problem).model, options: options)
        XCTAssertEqual(solution.status, .optimal)
        return try XCTUnwrap(solution.objective)
    }

    /// AlexNet on the VC1902: its convolutions' weights fit an AI Engine's memory, so the bound
    /// without the rows counts them prefetched at no cost, while a prefetch copy takes the AI
    /// Engine's DMA path for longer than streaming them would. With the rows the LP rises above
    /// every other term of the bound, and stays below every plan the pipeline makes (prefetches
    /// included).
    func testStreamPathsRaiseTheBoundOfAlexNetOnTheVC1902() throws {
        let platform = try Platform.load(path: Repository.platform("versal-vc1902.json"))
        let graph = try ModelLoader.load(path: Repository.model("light_bvlc_alexnet.onnx"))
        let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
        let plain = try plainRelaxation(problem)
        let streamed = try XCTUnwrap(LowerBound.relaxation(problem))
        let others = max(plain, LowerBound.makespan(problem), LowerBound.segmented(problem) ?? 0)
        XCTAssertGreaterThan(streamed, 1.02 * others, "the stream-path rows did not raise the bound")
        let bound = LowerBound.strongest(problem)
        XCTAssertEqual(bound, streamed, accuracy: 1e-9)
        var options = PlanOptions()
        options.evaluationBudget = 300
        for strategy in [HEFTStrategy(), PEFTStrategy(), OptimizeStrategy()] as [any PlanningStrategy] {
            let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: strategy, options: options)
            XCTAssertLessThanOrEqual(bound, outcome.result.schedule.makespanUS * (1 + 1e-9), strategy.name)
            XCTAssertGreaterThanOrEqual(outcome.document.summary.lowerBoundUS, min(streamed, outcome.result.schedule.makespanUS) * (1 - 1e-6),
                                        "the plan reports the raised bound")
        }
    }

    /// Every operator's demand is at most what it takes when it streams everything (its time on
    /// the unit, fused or alone), and it is zero on units without a resident memory, so the rows
    /// change nothing on platforms without one.
    func testDemandIsAtMostTheStreamingTimeAndZeroWithoutResidentMemory() throws {
        var positive = 0
        for platformFile in try Repository.chipPlatformFiles() {
            let platform = try Platform.load(path: Repository.platform(platformFile))
            let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
            let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
            for op in 0..<problem.operatorCount {
                for unit in 0..<problem.unitCount {
                    let demand = LowerBound.streamDemand(problem, op, unit)
                    guard let own = problem.exec(op, unit) else { continue }
                    if problem.costs.residentMemory.isEmpty || problem.costs.residentMemory[unit] == nil { XCTAssertEqual(demand, 0) }
                    let fused = problem.costs.fusedExecUS.isEmpty ? nil : problem.costs.fusedExecUS[op][unit]
                    XCTAssertLessThanOrEqual(demand, max(own, fused ?? own) + 1e-9, "\(graph.operators[op].label) on \(platform.name)")
                    if demand > 0 { positive += 1 }
                }
            }
        }
        XCTAssertGreaterThan(positive, 0, "no operator has a stream-path demand: the test exercises nothing")
    }

    /// The bound with the rows stays below every plan the pipeline makes of SqueezeNet on the
    /// platforms with resident memories (prefetches, residency, contention).
    func testBoundStaysBelowEveryPlanOnResidentMemoryPlatforms() throws {
        var options = PlanOptions()
        options.evaluationBudget = 300
        for platformFile in ["meteor-lake.json", "snapdragon-8gen2.json", "onnc-cpu-dsp-dla.json", "versal-vc1902.json"] {
            let platform = try Platform.load(path: Repository.platform(platformFile))
            for model in ["light_squeezenet"] {
                let graph = try ModelLoader.load(path: Repository.model(model + ".onnx"))
                let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
                let bound = LowerBound.strongest(problem)
                for strategy in [HEFTStrategy(), PEFTStrategy(), OptimizeStrategy()] as [any PlanningStrategy] {
                    let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: strategy, options: options)
                    XCTAssertLessThanOrEqual(bound, outcome.result.schedule.makespanUS * (1 + 1e-9), "\(model) on \(platform.name), \(strategy.name)")
                }
            }
        }
    }
}
