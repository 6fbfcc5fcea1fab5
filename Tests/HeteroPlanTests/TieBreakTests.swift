@testable import HeteroPlan
import HeteroIR
import XCTest

/// The refiner's makespan tie-break (`PlanOptions.TieBreak.finishTimes`): among orders of one
/// makespan the one that finishes its operators earlier scores lower, by at most 0.1 ppm of the
/// makespan; without it they score the same.
final class TieBreakTests: XCTestCase {
    /// t0 runs only on A (10 us), t2 only on B (20 us, so the makespan is 20 whatever A does),
    /// t1 on A (1 us). On A, t1 before t0 finishes the operators at 1, 11, 20; t0 before t1 at
    /// 10, 11, 20 (sums 32 and 41).
    func testEarlierFinishesBreakAMakespanTie() throws {
        let operators = [
            Operator(name: "t0", type: "Task", inputs: [], outputs: [], explicitCostsUS: ["A": 10, "B": nil]),
            Operator(name: "t1", type: "Task", inputs: [], outputs: [], explicitCostsUS: ["A": 1, "B": 1]),
            Operator(name: "t2", type: "Task", inputs: [], outputs: [], explicitCostsUS: ["A": nil, "B": 20]),
        ]
        let graph = try Graph(name: "tie", tensors: [], operators: operators, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["A", "B"]))
        let assignment = [0, 0, 1]
        let reference = ScheduleBuilder(problem: problem, insertion: false).build(assignment: assignment, priority: [0, 1, 2])
        XCTAssertEqual(reference.makespanUS, 20, accuracy: 1e-9)
        let tied = ObjectiveScore(problem: problem, objective: .latency, reference: reference, tieBreak: .finishTimes)
        let early = tied.score(assignment: assignment, priority: [1, 0, 2])
        let late = tied.score(assignment: assignment, priority: [0, 1, 2])
        XCTAssertLessThan(early, late - 1e-9)
        XCTAssertEqual(early, 20 + ObjectiveScore.tieBreakWeight * 32 / 3, accuracy: 1e-12)
        XCTAssertEqual(late, 20 + ObjectiveScore.tieBreakWeight * 41 / 3, accuracy: 1e-12)
        XCTAssertLessThanOrEqual(late - 20, 20 * 1e-7)
        // A schedule's score, and every figure reported, stays the makespan.
        XCTAssertEqual(tied.score(reference), 20, accuracy: 1e-12)
        let plain = ObjectiveScore(problem: problem, objective: .latency, reference: reference, tieBreak: .none)
        XCTAssertEqual(plain.score(assignment: assignment, priority: [1, 0, 2]), plain.score(assignment: assignment, priority: [0, 1, 2]))
        // Other objectives already break ties with the makespan: no second tie-break.
        let energy = ObjectiveScore(problem: problem, objective: .energy, reference: reference, tieBreak: .finishTimes)
        XCTAssertFalse(energy.finishTieBreak)
    }
}
