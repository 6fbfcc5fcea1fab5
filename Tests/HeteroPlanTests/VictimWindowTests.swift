import HeteroCost
import HeteroImport
import HeteroIR
@testable import HeteroPlan
import HeteroPlatform
import HeteroRecords
import TestSupport
import XCTest

/// The GLPK window over eviction victims (`VictimFormulation`, `ResidencyPlanner.evictByWindows`).
final class VictimWindowTests: XCTestCase {
    /// Random lifetimes on one memory: the MILP's victims are the cheapest set that brings every
    /// instant under the capacity, checked against every subset.
    func testVictimsAreTheCheapestCoverOfEveryInstant() throws {
        var solved = 0
        for seed in 0..<40 {
            var rng = SeededGenerator(seed: UInt64(seed))
            let count = Int.random(in: 4...9, using: &rng)
            let buffers = (0..<count).map { tensor -> MemoryPlan.Buffer in
                let start = Double(Int.random(in: 0...10, using: &rng))
                return MemoryPlan.Buffer(tensor: tensor, memory: 0, offset: 0, bytes: Int.random(in: 1...9, using: &rng) * 100,
                                         startUS: start, endUS: start + Double(Int.random(in: 1...8, using: &rng)))
            }
            let pinned = Int.random(in: 0..<count, using: &rng)  // not evictable
            let costs = (0..<count).map { _ in Double(Int.random(in: 1...20, using: &rng)) }
            let capacity = Int.random(in: 3...20, using: &rng) * 100
            let formulation = VictimFormulation(buffers: buffers, capacity: capacity) { $0 == pinned ? nil : costs[$0] }
            let best = cheapestCover(buffers, capacity: capacity, costs: costs, pinned: pinned)
            guard let formulation else {
                XCTAssertTrue(best == nil || best == 0, "seed \(seed): the MILP was not built but a cover costing \(best!) exists")
                continue
            }
            let (solution, _) = try SolverReport.solve(formulation.model, options: formulation.options)
            XCTAssertTrue(solution.status.hasSolution, "seed \(seed)")
            let victims = formulation.victims(solution.values)
            XCTAssertFalse(victims.contains { $0.tensor == pinned }, "seed \(seed): a tensor without a cost was evicted")
            let evicted = Set(victims.map(\.tensor))
            XCTAssertTrue(fits(buffers, capacity: capacity, evicted: evicted), "seed \(seed): \(evicted) leaves an instant over \(capacity)")
            XCTAssertEqual(victims.reduce(0) { $0 + $1.cost }, try XCTUnwrap(best), accuracy: 1e-9, "seed \(seed)")
            solved += 1
        }
        XCTAssertGreaterThan(solved, 20, "most seeds overflow")
    }

    /// No instant over the capacity: nothing to solve. An instant that evicting every candidate
    /// cannot bring under: no model either (the next-use rule takes over).
    func testNoModelWithoutOverflowOrWithoutAFix() {
        let buffers = [MemoryPlan.Buffer(tensor: 0, memory: 0, offset: 0, bytes: 500, startUS: 0, endUS: 2),
                       MemoryPlan.Buffer(tensor: 1, memory: 0, offset: 500, bytes: 300, startUS: 1, endUS: 3)]
        XCTAssertNil(VictimFormulation(buffers: buffers, capacity: 800) { _ in 1 })
        XCTAssertNil(VictimFormulation(buffers: buffers, capacity: 400) { $0 == 0 ? nil : 1 })
        XCTAssertNotNil(VictimFormulation(buffers: buffers, capacity: 600) { $0 == 0 ? nil : 1 })
    }

    /// ResNet-50 on Meteor Lake's NPU with a 1 MiB CMX: the window evictions fit the memory
    /// planner's capacity (offsets included), are explained as the MILP's, and the optimize policy
    /// is no worse than either the window result or the candidate-evaluating result it replaces.
    func testWindowEvictionsFitAndOptimizeKeepsTheBetter() throws {
        let graph = try ModelLoader.load(path: Repository.model("light_resnet50.onnx"))
        var platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        platform.interconnect.contention = false
        let cmx = try XCTUnwrap(platform.memories.firstIndex { $0.name == "cmx" })
        platform.memories[cmx].capacityBytes = 1 << 20
        let table = try CostEngine(platform: platform).evaluate(graph).table
        let problem = try PlanProblem(graph: graph, costs: table)
        var options = PlanOptions()
        options.fallbackPriority = ["npu", "shave"]
        let schedule = try FallbackStrategy().schedule(problem, options: options).schedule
        let priority = schedule.operators.indices.sorted {
            (schedule.operators[$0].startUS, $0) < (schedule.operators[$1].startUS, $1)
        }
        let planner = ResidencyPlanner(problem: problem, assignment: schedule.assignment, priority: priority, objective: .latency,
                                       residentMemories: Set(table.residentMemory.compactMap { $0 }))
        let start = ResidencyPlanner.Trial(problem: problem, schedule: schedule, decisions: [], order: [])
        XCTAssertNotNil(planner.overflow(MemoryPlanner.plan(problem, schedule)), "1 MiB of CMX overflows")
        let windowed = try planner.evictByWindows(start)
        XCTAssertNil(planner.overflow(MemoryPlanner.plan(windowed.problem, windowed.schedule)))
        XCTAssertFalse(windowed.order.isEmpty)
        XCTAssertTrue(windowed.decisions.contains { $0.reason.contains(ResidencyPlanner.windowReason) })
        func score(_ outcome: ResidencyPlanner.Outcome) -> Double {
            planner.score(ResidencyPlanner.Trial(problem: outcome.problem, schedule: outcome.schedule, decisions: [], order: []))
        }
        let optimized = try ResidencyPlanner.run(problem, schedule, policy: .optimize, objective: .latency)
        let belady = try ResidencyPlanner.run(problem, schedule, policy: .nextUse, objective: .latency)
        XCTAssertLessThanOrEqual(score(optimized), score(belady) * (1 + 1e-12))
        XCTAssertLessThanOrEqual(score(optimized), planner.score(planner.readmit(windowed)) * (1 + 1e-12))
        XCTAssertNil(planner.overflow(MemoryPlanner.plan(optimized.problem, optimized.schedule)))
    }

    /// The slack of the last operator on the critical path is zero; no slack is negative.
    func testSlackIsZeroOnTheCriticalPathAndNeverNegative() throws {
        let graph = try ModelLoader.load(path: Repository.model("light_resnet50.onnx"))
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let problem = try PlanProblem(graph: graph, costs: try CostEngine(platform: platform).evaluate(graph).table)
        let schedule = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        let planner = ResidencyPlanner(problem: problem, assignment: schedule.assignment, priority: Array(0..<problem.operatorCount),
                                       objective: .latency, residentMemories: [])
        let slack = planner.slack(schedule)
        XCTAssertTrue(slack.allSatisfy { $0 >= 0 })
        let last = try XCTUnwrap(schedule.operators.indices.max { schedule.operators[$0].finishUS < schedule.operators[$1].finishUS })
        XCTAssertEqual(slack[last], 0, accuracy: 1e-9)
        XCTAssertTrue(slack.contains { $0 > 0 }, "some operator is off the critical path")
    }

    func fits(_ buffers: [MemoryPlan.Buffer], capacity: Int, evicted: Set<Int>) -> Bool {
        buffers.allSatisfy { instant in
            buffers.filter { !evicted.contains($0.tensor) && $0.startUS <= instant.startUS && instant.startUS < MemoryPlanner.effectiveEnd($0) }
                .reduce(0) { $0 + $1.bytes } <= capacity
        }
    }

    /// The least summed cost of a set of evictable tensors after which every instant fits (nil: none does).
    func cheapestCover(_ buffers: [MemoryPlan.Buffer], capacity: Int, costs: [Double], pinned: Int) -> Double? {
        var best: Double?
        for mask in 0..<(1 << buffers.count) where mask & (1 << pinned) == 0 {
            let evicted = Set((0..<buffers.count).filter { mask & (1 << $0) != 0 })
            guard fits(buffers, capacity: capacity, evicted: evicted) else { continue }
            let cost = evicted.reduce(0) { $0 + costs[$1] }
            best = min(best ?? .infinity, cost)
        }
        return best
    }
}
