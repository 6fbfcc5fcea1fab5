import Foundation
import HeteroCost
import HeteroImport
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// The stream demand of runs under the resident memory's capacity (`LowerBound.StreamRuns`, in
/// `LowerBound.communicatingPath`): operators that run back to back on one unit last at least what
/// their weights take on its DMA path, less what its resident memory can hold when the run starts.
final class StreamRunBoundTests: XCTestCase {
    private func problem(_ model: String, _ platformFile: String) throws -> (PlanProblem, Platform) {
        let platform = try Platform.load(path: Repository.platform(platformFile))
        let graph = try ModelLoader.load(path: Repository.model(model + ".onnx"))
        return (try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table), platform)
    }

    /// ResNet-50 on the VC1902: the last stage's weights (2.4 MB per 3x3 convolution) cannot all be
    /// on a 3.2 MB AI Engine memory, so the path with the runs' demand is well above the path
    /// without it, the reported bound rises with it, and it stays below the plans.
    func testRunsRaiseTheBoundOfResNet50OnTheVC1902() throws {
        let (problem, platform) = try self.problem("light_resnet50", "versal-vc1902.json")
        let all = Array(0..<problem.operatorCount)
        let without = try XCTUnwrap(LowerBound.communicatingPath(problem, operators: all, streamRuns: false))
        let with = try XCTUnwrap(LowerBound.communicatingPath(problem))
        XCTAssertGreaterThan(with, 1.04 * without, "the runs' stream demand did not raise the path")
        let bound = LowerBound.strongest(problem)
        XCTAssertGreaterThanOrEqual(bound, with * (1 - 1e-9))
        var options = PlanOptions()
        options.evaluationBudget = 300
        for strategy in [HEFTStrategy(), PEFTStrategy(), OptimizeStrategy()] as [any PlanningStrategy] {
            let outcome = try PlanPipeline.run(graph: problem.graph, platform: platform, strategy: strategy, options: options)
            let makespan = outcome.result.schedule.makespanUS
            XCTAssertLessThanOrEqual(bound, makespan * (1 + 1e-9), strategy.name)
            XCTAssertGreaterThanOrEqual(outcome.document.summary.lowerBoundUS, min(with, makespan) * (1 - 1e-6), "the plan reports the raised bound")
        }
    }

    /// The credit is what the memory can hold: with no capacity the runs count every weight's
    /// stream demand, with room for every weight they count none, and in between it grows with the capacity.
    func testCreditGrowsWithTheResidentMemory() throws {
        let (problem, _) = try self.problem("light_resnet50", "versal-vc1902.json")
        let unit = try XCTUnwrap(problem.costs.unitNames.firstIndex(of: "aie0"))
        var everything = 0.0
        for tensor in problem.graph.tensors.indices where problem.graph.producer[tensor] == nil && problem.canPrefetch(tensor, on: unit) {
            everything += try XCTUnwrap(problem.prefetchCandidate(tensor, readBy: problem.graph.consumers[tensor][0], on: unit)).copyUS
        }
        XCTAssertGreaterThan(everything, 0)
        XCTAssertEqual(LowerBound.residentCredit(problem, unit: unit, capacity: 0), 0)
        XCTAssertEqual(LowerBound.residentCredit(problem, unit: unit, capacity: Int.max / 2), everything, accuracy: 1e-6 * everything)
        let small = LowerBound.residentCredit(problem, unit: unit, capacity: 1 << 20)
        let large = LowerBound.residentCredit(problem, unit: unit, capacity: 4 << 20)
        XCTAssertGreaterThan(small, 0)
        XCTAssertGreaterThan(large, small)
        XCTAssertLessThan(large, everything)
    }

    /// ZFNet on the VC1902 (its runs bind too): the bound with the runs stays below every plan the
    /// pipeline makes (residency, prefetch, eviction, contention), optimize's included.
    func testBoundStaysBelowEveryPlanOfZFNetOnTheVC1902() throws {
        let (problem, platform) = try self.problem("light_zfnet512", "versal-vc1902.json")
        let all = Array(0..<problem.operatorCount)
        let without = try XCTUnwrap(LowerBound.communicatingPath(problem, operators: all, streamRuns: false))
        let with = try XCTUnwrap(LowerBound.communicatingPath(problem))
        XCTAssertGreaterThan(with, without * 1.002, "the runs raised nothing here: the test checks nothing new")
        let bound = LowerBound.strongest(problem)
        var options = PlanOptions()
        options.evaluationBudget = 300
        for strategy in [HEFTStrategy(), PEFTStrategy(), OptimizeStrategy()] as [any PlanningStrategy] {
            let outcome = try PlanPipeline.run(graph: problem.graph, platform: platform, strategy: strategy, options: options)
            XCTAssertLessThanOrEqual(bound, outcome.result.schedule.makespanUS * (1 + 1e-9), strategy.name)
        }
    }

    /// The classic instances CP-SAT proved optimal (`Results/cpsat-oracle*.json`, `optimal`): the
    /// bound the planner reports never exceeds a proven optimum.
    func testBoundNeverExceedsTheProvenCPSATOptima() throws {
        // Each results file, the instances it solved and the platform it solved them on.
        let sets = [
            ("cpsat-oracle-8units-small-ccr5.json", "Results/cpsat-instances/8units-small", "examples/classic-8unit.json"),
            ("cpsat-oracle-8seeds.json", "Results/cpsat-instances/8seeds", "examples/classic-3unit.json"),
            ("cpsat-oracle-multistart.json", "Results/cpsat-instances/8seeds", "examples/classic-3unit.json"),
        ]
        var checked = 0
        for (file, directory, platformFile) in sets {
            let platform = try Platform.load(path: Repository.platform(platformFile))
            let data = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Results/" + file)))
            let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            for row in rows {
                guard let cpsat = row["cpsat"] as? [String: Any], cpsat["optimal"] as? Bool == true,
                      let optimum = cpsat["makespan"] as? Double, let set = row["set"] as? String, let instance = row["instance"] as? String else { continue }
                let graph = try ModelLoader.load(path: Repository.path("\(directory)/\(set)/\(instance)"))
                let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
                // CP-SAT's makespan is exact in integer nanoseconds.
                XCTAssertLessThanOrEqual(LowerBound.strongest(problem), optimum + 1e-3, "\(file) \(set)/\(instance)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 9, "fewer proven optima than the results files hold")
    }
}
