import HeteroBench
import HeteroCost
import HeteroIR
@testable import HeteroPlan
import HeteroRecords
import XCTest

final class ObjectiveTests: XCTestCase {
    /// A classic random instance whose units differ in energy: u0 costs 3 pJ per us of work, u1
    /// 1 pJ, u2 5 pJ, and moving a byte between units costs 2 pJ.
    func energyProblem(tasks: Int, seed: UInt64) throws -> PlanProblem {
        let units = ["u0", "u1", "u2"]
        let graph = try RandomTaskGraph(tasks: tasks, units: units).generate(seed: seed)
        let classic = ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000)
        let perUS = [3.0, 1.0, 5.0]
        let energy = classic.execUS.map { row in row.enumerated().map { unit, time in time.map { $0 * perUS[unit] } } }
        let transferEnergy = (0..<3).map { a in (0..<3).map { b in a == b ? 0.0 : 2.0 } }
        var table = CostTable(unitNames: units, unitKinds: ["unit", "unit", "unit"], execUS: classic.execUS, reasons: classic.reasons,
                              transferFixedUS: classic.transferFixedUS, transferPerByteUS: classic.transferPerByteUS, syncUS: classic.syncUS,
                              unitMemory: classic.unitMemory, memoryNames: classic.memoryNames, memoryCapacity: classic.memoryCapacity,
                              routes: classic.routes, linkEngines: classic.linkEngines, contention: false, energyPJ: energy,
                              transferEnergyPJPerByte: PairTable(transferEnergy))
        table.memoryTransferFixedUS = classic.memoryTransferFixedUS
        table.memoryTransferPerByteUS = classic.memoryTransferPerByteUS
        return try PlanProblem(graph: graph, costs: table)
    }

    func testMetricsOnAHandComputedGraph() throws {
        // a (u0) -> b (u1), 1000 bytes; c (u0) independent. Classic costs: 1000 B = 1 us.
        let tensors = [Tensor(name: "ab", byteSize: 1000, kind: .activation)]
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["ab"], explicitCostsUS: ["u0": 2, "u1": 4]),
            Operator(name: "b", type: "Task", inputs: ["ab"], outputs: [], explicitCostsUS: ["u0": 6, "u1": 3]),
            Operator(name: "c", type: "Task", inputs: [], outputs: [], explicitCostsUS: ["u0": 5, "u1": 5]),
        ]
        let graph = try Graph(name: "hand", tensors: tensors, operators: ops, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        let schedule = ScheduleBuilder(problem: problem).build(assignment: [0, 1, 0], priority: [0, 1, 2])
        // u0 busy 2 + 5 = 7 us; u1 3 us (the ideal interconnect's link is not a shared resource):
        // the interval is 7 us.
        XCTAssertEqual(PlanMetrics.intervalUS(problem, schedule.assignment), 7, accuracy: 1e-12)
        // ab is live from a's start (0) to b's finish (2 + 1 + 3 = 6).
        XCTAssertEqual(schedule.operators[1].finishUS, 6, accuracy: 1e-12)
        XCTAssertEqual(PlanMetrics.peakLiveBytes(problem, schedule), 1000)
    }

    func testIntervalCountsTheMemoryEveryOperatorStreamsThrough() throws {
        // Two independent tasks, one per unit (classic: each unit has its own memory). Each moves
        // 6000 bytes through its memory at 1000 bytes/us = 6 us, more than its 2 us of compute.
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: [], explicitCostsUS: ["u0": 2, "u1": 2]),
            Operator(name: "b", type: "Task", inputs: [], outputs: [], explicitCostsUS: ["u0": 2, "u1": 2]),
        ]
        let graph = try Graph(name: "streams", tensors: [], operators: ops, inputs: [], outputs: [])
        var costs = classicCosts(graph, units: ["u0", "u1"])
        let problem0 = try PlanProblem(graph: graph, costs: costs)
        XCTAssertEqual(PlanMetrics.intervalUS(problem0, [0, 1]), 2, accuracy: 1e-12, "without byte figures: compute only")
        costs.memoryBytes = [[6000, 6000], [6000, 6000]]
        costs.memoryBytesPerUS = [1000, 1000]
        let ideal = try PlanProblem(graph: graph, costs: costs)
        XCTAssertEqual(PlanMetrics.intervalUS(ideal, [0, 0]), 4, accuracy: 1e-12,
                       "with an ideal interconnect memories are not shared, in the interval as in the makespan: u0's 2 + 2 us")
        costs.contention = true
        let problem = try PlanProblem(graph: graph, costs: costs)
        XCTAssertEqual(PlanMetrics.intervalUS(problem, [0, 1]), 6, accuracy: 1e-12)
        XCTAssertEqual(PlanMetrics.intervalUS(problem, [0, 0]), 12, accuracy: 1e-12, "both stream through u0's memory")
    }

    func testEachObjectiveImprovesItsFigureOverTheLatencyPlan() throws {
        var options = PlanOptions()
        options.evaluationBudget = 3_000
        // The latency plan is the reference; its window search (GLPK re-solving windows, half of
        // its planning time in a debug build) is covered by WindowSearchTests.
        options.windowSearchWindows = 0
        var strictlyBetter: [PlanOptions.Objective: Int] = [:]
        for seed in 30..<34 as Range<UInt64> {
            let problem = try energyProblem(tasks: 30, seed: seed)
            let latency = try OptimizeStrategy().schedule(problem, options: options).schedule
            for objective in [PlanOptions.Objective.energy, .throughput, .memory] {
                var tuned = options
                tuned.objective = objective
                let schedule = try OptimizeStrategy().schedule(problem, options: tuned).schedule
                assertValidClassicSchedule(schedule, problem)
                let figure = ObjectiveScore.figure(problem, objective, schedule)
                let reference = ObjectiveScore.figure(problem, objective, latency)
                XCTAssertLessThanOrEqual(figure, reference * (1 + 1e-9), "\(objective) seed \(seed)")
                // Never worse on its figure than any baseline either.
                for baseline in [HEFTStrategy(), PEFTStrategy(), GreedyStrategy()] as [any PlanningStrategy] {
                    let other = try baseline.schedule(problem, options: options).schedule
                    XCTAssertLessThanOrEqual(figure, ObjectiveScore.figure(problem, objective, other) * (1 + 1e-9),
                                             "\(objective) vs \(baseline.name), seed \(seed)")
                }
                if figure < reference * (1 - 1e-6) { strictlyBetter[objective, default: 0] += 1 }
            }
        }
        XCTAssertGreaterThan(strictlyBetter[.energy] ?? 0, 0)
        XCTAssertGreaterThan(strictlyBetter[.throughput] ?? 0, 0)
    }

    func testEnergyPlanUsesTheFrugalUnitMoreThanTheLatencyPlan() throws {
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        let problem = try energyProblem(tasks: 20, seed: 5)
        let latency = try OptimizeStrategy().schedule(problem, options: options).schedule
        options.objective = .energy
        let energy = try OptimizeStrategy().schedule(problem, options: options).schedule
        let onU1 = { (s: Schedule) in s.assignment.filter { $0 == 1 }.count }
        XCTAssertGreaterThanOrEqual(onU1(energy), onU1(latency))
        XCTAssertLessThan(PlanMetrics.energyPJ(problem, energy.assignment), PlanMetrics.energyPJ(problem, latency.assignment))
    }
}
