import HeteroBench
import HeteroCost
import HeteroImport
import HeteroIR
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// The makespan lower bound: never above an optimum, never below the combinatorial bounds it
/// replaced, and above them where loads and the critical path interact.
final class LowerBoundTests: XCTestCase {
    /// On seeded random classic instances small enough for ilp-exact to prove optimality, the
    /// bound (LP relaxation, load and critical path) never exceeds the proven optimum.
    func testBoundNeverExceedsAProvenOptimum() throws {
        var proven = 0
        var raised = 0
        // A small heuristic budget for ilp-exact's incumbent: the MILP proves the optimum anyway.
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        for ccr in [0.1, 1.0, 5.0] {
            for seed in UInt64(0)..<5 {
                let units = ["u0", "u1", "u2"]
                var generator = RandomTaskGraph(tasks: 8, units: units)
                generator.ccr = ccr
                let graph = try generator.generate(seed: 700 + seed)
                let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: units))
                let old = max(LowerBound.criticalPath(problem), LowerBound.workPerUnit(problem))
                let relaxed = try XCTUnwrap(LowerBound.relaxation(problem), "ccr \(ccr) seed \(seed)")
                let bound = LowerBound.strongest(problem)
                XCTAssertGreaterThanOrEqual(bound, old - 1e-9)
                XCTAssertGreaterThanOrEqual(relaxed, LowerBound.criticalPath(problem) * (1 - 1e-6))
                XCTAssertGreaterThanOrEqual(relaxed, LowerBound.unitLoad(problem) * (1 - 1e-6))
                if bound > old * (1 + 1e-6) { raised += 1 }
                let exact = try ExactILPStrategy().schedule(problem, options: options)
                guard exact.solver?.status == "optimal" else { continue }
                proven += 1
                XCTAssertLessThanOrEqual(bound, exact.schedule.makespanUS * (1 + 1e-9), "ccr \(ccr) seed \(seed)")
                // The MILP's own bound is the optimum here, and the plan reports the larger.
                XCTAssertEqual(try XCTUnwrap(exact.lowerBoundUS), exact.schedule.makespanUS, accuracy: 1e-6)
            }
        }
        XCTAssertGreaterThanOrEqual(proven, 12, "too few proven optima to compare with")
        XCTAssertGreaterThan(raised, 0, "the relaxation never improved on the old bound")
    }

    /// Two units, one ten times faster: the old bound spreads the fastest times over both units
    /// (half the work), the load bound knows the slow unit takes little.
    func testLoadBoundOnUnrelatedUnits() throws {
        let operators = (0..<4).map { index in
            Operator(name: "t\(index)", type: "Task", inputs: [], outputs: [], explicitCostsUS: ["fast": 10, "slow": 100])
        }
        let graph = try Graph(name: "independent", tensors: [], operators: operators, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["fast", "slow"]))
        XCTAssertEqual(LowerBound.workPerUnit(problem), 20, accuracy: 1e-9)
        // Fractional optimum: 40 = 10·(4 - y) = 100·y at y = 4/11, C = 400/11.
        // (The subgradient steps approach it from below.)
        XCTAssertGreaterThan(LowerBound.unitLoad(problem), 33)
        XCTAssertLessThanOrEqual(LowerBound.unitLoad(problem), 400.0 / 11 + 1e-9)
        XCTAssertEqual(try XCTUnwrap(LowerBound.relaxation(problem)), 400.0 / 11, accuracy: 1e-3)
        // The optimum runs all four on the fast unit (one on the slow unit alone takes 100 us).
        let plan = try OptimizeStrategy().schedule(problem, options: PlanOptions())
        XCTAssertEqual(plan.schedule.makespanUS, 40, accuracy: 1e-9)
        XCTAssertLessThanOrEqual(LowerBound.strongest(problem), 40)
    }

    /// Real models under the product's timing rules (fusion, residency, submission, contention):
    /// the bound is at most the makespan of every plan the strategies find, on every platform.
    func testBoundBelowEveryPlanOfSmallRealModels() throws {
        var raised = 0
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        for platformFile in try Repository.chipPlatformFiles() {
            let platform = try Platform.load(path: Repository.platform(platformFile))
            for model in ["light_bvlc_alexnet", "light_zfnet512"] {
                let graph = try ModelLoader.load(path: Repository.model(model + ".onnx"))
                let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
                let old = max(LowerBound.criticalPath(problem), LowerBound.workPerUnit(problem))
                let bound = LowerBound.strongest(problem)
                XCTAssertGreaterThanOrEqual(bound, old - 1e-9)
                if bound > old * (1 + 1e-6) { raised += 1 }
                for strategy in [HEFTStrategy(), PEFTStrategy(), GreedyStrategy(), OptimizeStrategy()] as [any PlanningStrategy] {
                    let makespan = try strategy.schedule(problem, options: options).schedule.makespanUS
                    XCTAssertLessThanOrEqual(bound, makespan * (1 + 1e-9), "\(model) on \(platform.name), \(strategy.name)")
                }
            }
        }
        XCTAssertGreaterThan(raised, 0, "the relaxation never improved on the old bound")
    }
}
