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
    /// With weight prefetch an operator can read a weight on chip, so its fastest time counts
    /// the weights some plan could prefetch there (`PlanProblem.canPrefetch`: its one reader's
    /// candidate, no larger than the memory) and no others. The bound stays below every plan the
    /// pipeline makes (residency, prefetch, contention) on every chip platform, including plans
    /// with prefetched weights; and where fully connected layers stream weights larger than any
    /// on-chip memory (AlexNet on the VC1902), it is far above what counting every weight on chip
    /// gave.
    func testBoundCountsOnlyWeightsAPrefetchCouldPutOnChip() throws {
        var options = PlanOptions()
        options.evaluationBudget = 1_000
        var cases: [(String, String, [any PlanningStrategy])] = []
        for platformFile in try Repository.chipPlatformFiles() {
            for model in ["light_bvlc_alexnet", "light_zfnet512"] {
                cases.append((platformFile, model, [HEFTStrategy(), PEFTStrategy(), OptimizeStrategy()]))
            }
        }
        cases.append(("snapdragon-8gen2.json", "light_resnet50", [HEFTStrategy()]))
        var prefetched = 0
        for (platformFile, model, strategies) in cases {
            let platform = try Platform.load(path: Repository.platform(platformFile))
            let graph = try ModelLoader.load(path: Repository.model(model + ".onnx"))
            let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
            let bound = LowerBound.strongest(problem)
            for strategy in strategies {
                let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: strategy, options: options)
                if outcome.problem.hasPrefetches { prefetched += 1 }
                XCTAssertLessThanOrEqual(bound, outcome.result.schedule.makespanUS * (1 + 1e-9), "\(model) on \(platform.name), \(strategy.name)")
            }
            guard platformFile == "versal-vc1902.json", model == "light_bvlc_alexnet" else { continue }
            // Every weight on chip, as the bound counted before: the critical path collapses.
            var everyWeight = 0.0
            for op in 0..<problem.operatorCount {
                everyWeight += (0..<problem.unitCount).compactMap { u -> Double? in
                    guard let own = problem.exec(op, u) else { return nil }
                    let resident = problem.costs.residency[op][u].map { $0.timeUS { _ in true } } ?? own
                    let fused = problem.costs.fusedResidency.isEmpty ? nil : problem.costs.fusedResidency[op][u].map { $0.timeUS { _ in true } }
                    return min(own, resident, fused ?? own, problem.costs.fusedExecUS.isEmpty ? own : problem.costs.fusedExecUS[op][u] ?? own)
                }.min() ?? 0
            }
            XCTAssertGreaterThan(LowerBound.criticalPath(problem), 2 * everyWeight, "AlexNet's chain on the VC1902")
        }
        XCTAssertGreaterThan(prefetched, 0, "no plan prefetched a weight: the test does not exercise the copies")
    }

    /// Four independent 10 us tasks joined by a 1 us task, then a chain of two 10 us tasks, on
    /// two identical units (1-byte edges). The join and the chain's first task are cut operators:
    /// pieces {t0..t3, join}, {k1}, {k2}. The whole LP takes the larger of the total load
    /// ((40 + 1 + 20) / 2) and the critical path (31); the pieces are bound by load (20.5), then
    /// path (10 + 10), 40.5 in all, at most the optimum (two tasks per unit, then the join and the
    /// chain: 41 us and the transfers).
    func testSegmentedBoundAddsPiecesBoundByDifferentThings() throws {
        let costs: [String: Double?] = ["u0": 10, "u1": 10]
        var operators = (0..<4).map { Operator(name: "t\($0)", type: "Task", inputs: [], outputs: ["t\($0)->join"], explicitCostsUS: costs) }
        operators.append(Operator(name: "join", type: "Task", inputs: (0..<4).map { "t\($0)->join" }, outputs: ["join->k1"],
                                  explicitCostsUS: ["u0": 1, "u1": 1]))
        operators.append(Operator(name: "k1", type: "Task", inputs: ["join->k1"], outputs: ["k1->k2"], explicitCostsUS: costs))
        operators.append(Operator(name: "k2", type: "Task", inputs: ["k1->k2"], outputs: [], explicitCostsUS: costs))
        let tensors = ((0..<4).map { "t\($0)->join" } + ["join->k1", "k1->k2"]).map { Tensor(name: $0, byteSize: 1, kind: .activation) }
        let graph = try Graph(name: "pieces", tensors: tensors, operators: operators, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        XCTAssertEqual(LowerBound.segments(problem), [[0, 1, 2, 3, 4], [5], [6]])
        let whole = try XCTUnwrap(LowerBound.relaxation(problem))
        let pieces = try XCTUnwrap(LowerBound.segmented(problem))
        XCTAssertLessThan(whole, 31.1)
        XCTAssertEqual(pieces, 40.5, accuracy: 1e-3)
        XCTAssertEqual(LowerBound.strongest(problem), pieces, accuracy: 1e-9)
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        let exact = try ExactILPStrategy().schedule(problem, options: options)
        XCTAssertEqual(exact.solver?.status, "optimal")
        XCTAssertLessThanOrEqual(pieces, exact.schedule.makespanUS * (1 + 1e-9))
        XCTAssertGreaterThanOrEqual(exact.schedule.makespanUS, 41)
    }

    /// A chain whose operators can each run on one unit only, alternating u0, u1, u0, with a
    /// 2,000-byte tensor on each edge (2 us at 1,000 B/us) and a submission cost of 3 us on u0 and
    /// 4 us on u1: every operator opens a subgraph. The free-data critical path (30 us) misses
    /// the two transfers and three submissions; `communicatingPath` counts them (44 us), which
    /// is the makespan of the only schedule there is, so the bound reports a zero gap.
    func testCommunicatingPathCountsForcedTransfersAndSubmissions() throws {
        let units = ["u0", "u1"]
        let operators = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["a->b"], explicitCostsUS: ["u0": 10, "u1": nil]),
            Operator(name: "b", type: "Task", inputs: ["a->b"], outputs: ["b->c"], explicitCostsUS: ["u0": nil, "u1": 10]),
            Operator(name: "c", type: "Task", inputs: ["b->c"], outputs: [], explicitCostsUS: ["u0": 10, "u1": nil]),
        ]
        let tensors = ["a->b", "b->c"].map { Tensor(name: $0, byteSize: 2_000, kind: .activation) }
        let graph = try Graph(name: "alternating", tensors: tensors, operators: operators, inputs: [], outputs: [])
        var costs = classicCosts(graph, units: units)
        costs.submitUS = [3, 4]
        let problem = try PlanProblem(graph: graph, costs: costs)
        let ab = try XCTUnwrap(problem.edges.first { $0.producer == 0 })
        let bc = try XCTUnwrap(problem.edges.first { $0.producer == 1 })
        let transfers = problem.fastestCommunication(ab, from: 0, to: 1) + problem.fastestCommunication(bc, from: 1, to: 0)
        XCTAssertGreaterThanOrEqual(transfers, 4 - 1e-9)
        XCTAssertEqual(LowerBound.criticalPath(problem), 30, accuracy: 1e-9)
        let path = try XCTUnwrap(LowerBound.communicatingPath(problem))
        XCTAssertEqual(path, 30 + transfers + 3 + 4 + 3, accuracy: 1e-9)
        XCTAssertEqual(LowerBound.makespan(problem), path, accuracy: 1e-9)
        let plan = try HEFTStrategy().schedule(problem, options: PlanOptions())
        XCTAssertEqual(plan.schedule.makespanUS, path, accuracy: 1e-6, "the bound is the only schedule's makespan")
    }

    /// Real models whose operators alternate between units (ShuffleNet's channel shuffles, SqueezeNet's
    /// concatenations on platforms whose DLA lacks them): the communication-aware path raises the
    /// bound well above the free-data critical path and stays below every plan the pipeline makes.
    func testCommunicatingPathStaysBelowEveryPlanOfAlternatingModels() throws {
        var options = PlanOptions()
        options.evaluationBudget = 500
        var raised = 0
        for platformFile in ["onnc-cpu-dsp-dla.json", "nvdla-full.json"] {
            let platform = try Platform.load(path: Repository.platform(platformFile))
            for model in ["light_shufflenet", "light_squeezenet"] {
                let graph = try ModelLoader.load(path: Repository.model(model + ".onnx"))
                let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
                let path = try XCTUnwrap(LowerBound.communicatingPath(problem))
                XCTAssertGreaterThanOrEqual(path, LowerBound.criticalPath(problem) - 1e-9)
                if path > LowerBound.criticalPath(problem) * 1.05 { raised += 1 }
                let bound = LowerBound.strongest(problem)
                for strategy in [HEFTStrategy(), PEFTStrategy(), GreedyStrategy(), OptimizeStrategy()] as [any PlanningStrategy] {
                    let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: strategy, options: options)
                    XCTAssertLessThanOrEqual(bound, outcome.result.schedule.makespanUS * (1 + 1e-9), "\(model) on \(platform.name), \(strategy.name)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(raised, 3, "the communication-aware path rarely exceeded the free-data critical path (of 4)")
    }

    /// A fork of two 10 us branches between a 1 us source and a 1 us join that run on u0 only, on
    /// two units with their own queues and a 5 us submission each: a branch moved to u1 pays that
    /// unit's submission, and the join then u0's. The LP counts the submission on every edge that
    /// changes queue (as `communicatingPath` does). Without submission costs its optimum is 12 us
    /// (half of each branch on u1, load and path 12); with them moving a share f of the branches
    /// costs 2·f·5 us on the path, and the optimum rises to about 15.3 us (the LP's other rows do
    /// not read submissions). It stays below every plan the strategies make.
    func testRelaxationCountsSubmissionsOnEdgesThatChangeQueue() throws {
        var operators = [Operator(name: "a", type: "Task", inputs: [], outputs: (0..<2).map { "a->b\($0)" }, explicitCostsUS: ["u0": 1, "u1": nil])]
        for b in 0..<2 {
            operators.append(Operator(name: "b\(b)", type: "Task", inputs: ["a->b\(b)"], outputs: ["b\(b)->d"], explicitCostsUS: ["u0": 10, "u1": 10]))
        }
        operators.append(Operator(name: "d", type: "Task", inputs: (0..<2).map { "b\($0)->d" }, outputs: [], explicitCostsUS: ["u0": 1, "u1": nil]))
        let tensors = (0..<2).flatMap { ["a->b\($0)", "b\($0)->d"] }.map { Tensor(name: $0, byteSize: 1, kind: .activation) }
        let graph = try Graph(name: "fork", tensors: tensors, operators: operators, inputs: [], outputs: [])
        let free = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        var costs = classicCosts(graph, units: ["u0", "u1"])
        costs.submitUS = [5, 5]
        let problem = try PlanProblem(graph: graph, costs: costs)
        let without = try XCTUnwrap(LowerBound.relaxation(free))
        let with = try XCTUnwrap(LowerBound.relaxation(problem))
        XCTAssertEqual(without, 12, accuracy: 0.1)
        XCTAssertGreaterThan(with, without + 2, "the LP did not count the submissions")
        let bound = LowerBound.strongest(problem)
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        for strategy in [HEFTStrategy(), PEFTStrategy(), GreedyStrategy(), OptimizeStrategy()] as [any PlanningStrategy] {
            let makespan = try strategy.schedule(problem, options: options).schedule.makespanUS
            XCTAssertLessThanOrEqual(bound, makespan * (1 + 1e-9), strategy.name)
        }
    }

    /// A graph without a cut operator (two independent chains) is one piece: no segmented bound.
    func testNoCutOperatorMeansNoSegmentedBound() throws {
        let costs: [String: Double?] = ["u0": 10, "u1": 10]
        let operators = ["a", "b"].flatMap { chain in
            [Operator(name: "\(chain)0", type: "Task", inputs: [], outputs: ["\(chain)0->\(chain)1"], explicitCostsUS: costs),
             Operator(name: "\(chain)1", type: "Task", inputs: ["\(chain)0->\(chain)1"], outputs: [], explicitCostsUS: costs)]
        }
        let tensors = ["a0->a1", "b0->b1"].map { Tensor(name: $0, byteSize: 1, kind: .activation) }
        let graph = try Graph(name: "chains", tensors: tensors, operators: operators, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        XCTAssertEqual(LowerBound.segments(problem).count, 1)
        XCTAssertNil(LowerBound.segmented(problem))
    }
}
