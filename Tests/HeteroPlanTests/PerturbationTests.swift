@testable import HeteroPlan
import HeteroIR
import XCTest

/// The optimizer's perturbation stage (`OptimizeStrategy.perturbationStage`): connected clusters
/// relocated at once and repaired, kept only when better.
final class PerturbationTests: XCTestCase {
    /// A chain of six tasks, 10 us each on u0 and 8 us on u1, joined by 20 us transfers. From all
    /// on u0 (60 us) every single-operator move adds transfers, so their descent stays; relocating the chain
    /// (a cluster grown along it, the rest repaired) reaches all on u1, 48 us.
    func testRelocatesAConnectedClusterNoSingleMoveImproves() throws {
        let costs: [String: Double?] = ["u0": 10, "u1": 8]
        let names = (0..<6).map { "t\($0)" }
        let tensors = (0..<5).map { Tensor(name: "t\($0)->t\($0 + 1)", byteSize: 20_000, kind: .activation) }
        let operators = names.indices.map { index in
            Operator(name: names[index], type: "Task", inputs: index == 0 ? [] : [tensors[index - 1].name],
                     outputs: index == 5 ? [] : [tensors[index].name], explicitCostsUS: costs)
        }
        let graph = try Graph(name: "chain", tensors: tensors, operators: operators, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        let start = Refiner.Candidate(assignment: Array(repeating: 0, count: 6), priority: Array(0..<6), score: 60)
        var descent = latencyRefiner(problem, start: start.assignment, budget: 1_000)
        XCTAssertEqual(descent.descend(start, operators: Array(0..<6), limit: 1_000).score, 60, accuracy: 1e-9)
        var options = PlanOptions()
        options.perturbationBudgetDivisor = 5
        var search = latencyRefiner(problem, start: start.assignment, budget: 1_000)
        var log: [SearchRecord] = []
        let best = OptimizeStrategy().perturbationStage(start, refiner: &search, options: options, log: &log)
        XCTAssertEqual(best.assignment, Array(repeating: 1, count: 6))
        XCTAssertEqual(best.score, 48, accuracy: 1e-9)
        guard case let .perturbation(summary)? = log.last else { return XCTFail("no perturbation record: \(log)") }
        XCTAssertGreaterThan(summary.kept, 0)
        XCTAssertEqual(summary.to, 48, accuracy: 1e-9)
        XCTAssertTrue(log.last!.decision.reason.contains("makespan 60.000 -> 48.000 us"), log.last!.decision.reason)
    }

    /// On seeded classic instances the stage never worsens its start, stays within its budget
    /// (the last round may finish one order comparison past it), is deterministic, and is off at
    /// divisor 0.
    func testNeverWorsensStaysInBudgetAndIsDeterministic() throws {
        for seed in 0..<3 as Range<UInt64> {
            let problem = classicProblem(tasks: 30, seed: 900 + seed)
            let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
            let start = Refiner.Candidate(assignment: heft.assignment, priority: Refiner.priority(of: heft), score: heft.makespanUS)
            var options = PlanOptions()
            options.perturbationBudgetDivisor = 4
            var results: [Refiner.Candidate] = []
            for _ in 0..<2 {
                var search = latencyRefiner(problem, start: heft.assignment, budget: 2_000)
                var log: [SearchRecord] = []
                results.append(OptimizeStrategy().perturbationStage(start, refiner: &search, options: options, log: &log))
                XCTAssertLessThanOrEqual(search.evaluations, 500 + 2)
                XCTAssertEqual(log.count, 1)
            }
            XCTAssertEqual(results[0].assignment, results[1].assignment)
            XCTAssertEqual(results[0].priority, results[1].priority)
            XCTAssertLessThanOrEqual(results[0].score, start.score + 1e-9)
            options.perturbationBudgetDivisor = 0
            var off = latencyRefiner(problem, start: heft.assignment, budget: 2_000)
            var log: [SearchRecord] = []
            XCTAssertEqual(OptimizeStrategy().perturbationStage(start, refiner: &off, options: options, log: &log).assignment, start.assignment)
            XCTAssertEqual(off.evaluations, 0)
            XCTAssertTrue(log.isEmpty)
        }
    }
}
