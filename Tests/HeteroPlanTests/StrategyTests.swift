import HeteroCost
import HeteroIR
@testable import HeteroPlan
import HeteroRecords
import XCTest

/// An independent checker of the classic model's rules: every operator on a capable unit for its
/// cost, dependencies respected with transfer times, no two operators overlapping on a unit.
func assertValidClassicSchedule(_ schedule: Schedule, _ problem: PlanProblem, file: StaticString = #filePath, line: UInt = #line) {
    for (op, placed) in schedule.operators.enumerated() {
        guard let cost = problem.exec(op, placed.unit) else {
            return XCTFail("operator \(op) on unit \(placed.unit), which cannot run it", file: file, line: line)
        }
        XCTAssertEqual(placed.finishUS - placed.startUS, cost, accuracy: 1e-9, file: file, line: line)
        for edge in problem.incoming[op] {
            let producer = schedule.operators[edge.producer]
            let arrival = producer.finishUS + problem.communication(edge, from: producer.unit, to: placed.unit)
            XCTAssertGreaterThanOrEqual(placed.startUS + 1e-9, arrival, "edge \(edge.producer)->\(op)", file: file, line: line)
        }
    }
    for unit in 0..<problem.unitCount {
        let onUnit = schedule.operators.filter { $0.unit == unit }.sorted { $0.startUS < $1.startUS }
        for (a, b) in zip(onUnit, onUnit.dropFirst()) {
            XCTAssertLessThanOrEqual(a.finishUS, b.startUS + 1e-9, "overlap on unit \(unit)", file: file, line: line)
        }
    }
}

final class StrategyTests: XCTestCase {
    func testEveryStrategyProducesAValidSchedule() throws {
        let strategies: [any PlanningStrategy] = [GreedyStrategy(), FallbackStrategy(), HEFTStrategy(), PEFTStrategy(), OptimizeStrategy()]
        var options = PlanOptions()
        options.evaluationBudget = 3_000
        options.exactNodes = 500
        for seed in 0..<5 as Range<UInt64> {
            let problem = classicProblem(tasks: 10 + Int(seed) * 7, seed: seed)
            for strategy in strategies {
                let schedule = try strategy.schedule(problem, options: options).schedule
                assertValidClassicSchedule(schedule, problem)
                XCTAssertGreaterThanOrEqual(schedule.makespanUS + 1e-9, LowerBound.makespan(problem), strategy.name)
            }
        }
    }

    func testHEFTOnAHandComputedInstance() throws {
        // a -> b, a -> c; a on u0 only; b fast on u1; 1000 bytes = 1 us over the link.
        let tensors = [Tensor(name: "ab", byteSize: 1000, kind: .activation), Tensor(name: "ac", byteSize: 3000, kind: .activation)]
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["ab", "ac"], explicitCostsUS: ["u0": 2, "u1": nil]),
            Operator(name: "b", type: "Task", inputs: ["ab"], outputs: [], explicitCostsUS: ["u0": 10, "u1": 4]),
            Operator(name: "c", type: "Task", inputs: ["ac"], outputs: [], explicitCostsUS: ["u0": 5, "u1": 5]),
        ]
        let graph = try Graph(name: "hand", tensors: tensors, operators: ops, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        let schedule = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        // Ranks: c = 5 + ..., b = 7; a first on u0 [0,2]. b: u0 finish 12, u1 2+1+4 = 7 -> u1.
        // c: u0 finish 7, u1 max(2+3, 7)+5 = 12 -> u0 [2,7].
        XCTAssertEqual(schedule.assignment, [0, 1, 0])
        XCTAssertEqual(schedule.makespanUS, 7, accuracy: 1e-12)
    }

    func testOptimizeNeverWorseThanBaselines() throws {
        var options = PlanOptions()
        options.evaluationBudget = 3_000
        for seed in 10..<16 as Range<UInt64> {
            let problem = classicProblem(tasks: 30, seed: seed)
            let heft = try HEFTStrategy().schedule(problem, options: options).schedule.makespanUS
            let peft = try PEFTStrategy().schedule(problem, options: options).schedule.makespanUS
            let best = try OptimizeStrategy().schedule(problem, options: options).schedule.makespanUS
            XCTAssertLessThanOrEqual(best, min(heft, peft) + 1e-9, "seed \(seed)")
        }
    }

    func testOptimizeIsDeterministic() throws {
        let problem = classicProblem(tasks: 25, seed: 3)
        var options = PlanOptions()
        options.evaluationBudget = 3_000
        let first = try OptimizeStrategy().schedule(problem, options: options).schedule
        let second = try OptimizeStrategy().schedule(problem, options: options).schedule
        XCTAssertEqual(first, second)
    }
}
