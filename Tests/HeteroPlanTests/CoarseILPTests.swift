import HeteroCost
import HeteroIR
@testable import HeteroPlan
import XCTest

final class CoarseILPTests: XCTestCase {
    /// On task graphs without chains every group is one operator, so the coarse MILP relaxes the
    /// fine problem: its bound is a lower bound on every schedule, and it is reported as the plan's.
    func testCoarseILPBoundIsBelowEveryScheduleAndTightensTheCombinatorialBound() throws {
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        var tightened = 0
        for seed in 20..<24 as Range<UInt64> {
            let problem = classicProblem(tasks: 30, seed: seed)
            let result = try OptimizeStrategy().schedule(problem, options: options)
            XCTAssertNotNil(result.solver, "the coarse ILP ran")
            XCTAssertTrue(result.decisions.contains { $0.subject == "coarse ILP" })
            let heft = try HEFTStrategy().schedule(problem, options: options).schedule.makespanUS
            let exactBoundHolds = try XCTUnwrap(result.lowerBoundUS)
            XCTAssertLessThanOrEqual(exactBoundHolds, result.schedule.makespanUS + 1e-6)
            XCTAssertLessThanOrEqual(exactBoundHolds, heft + 1e-6)
            if exactBoundHolds > LowerBound.makespan(problem) + 1e-6 { tightened += 1 }
            assertValidClassicSchedule(result.schedule, problem)
        }
        XCTAssertGreaterThan(tightened, 0, "the ILP bound should beat critical path and work/units somewhere")
    }

    /// The coarse ILP's branch-and-cut stops on its simplex work budget (iterations = work /
    /// nonzeros), at the same point in every run, and the explanation names the limit.
    func testTheCoarseILPStopsAtItsWorkBudgetAndSaysSo() throws {
        var options = PlanOptions()
        options.evaluationBudget = 200
        options.windowSearchWindows = 0
        options.coarseILPWork = 1
        let problem = classicProblem(tasks: 30, seed: 20)
        let first = try OptimizeStrategy().schedule(problem, options: options)
        let coarse = try XCTUnwrap(first.decisions.first { $0.subject == "coarse ILP" })
        XCTAssertTrue(coarse.reason.contains("(branch-and-cut iteration limit 1)"), coarse.reason)
        XCTAssertFalse(coarse.reason.contains("time cap"), coarse.reason)
        assertValidClassicSchedule(first.schedule, problem)
        let second = try OptimizeStrategy().schedule(problem, options: options)
        XCTAssertEqual(second.schedule, first.schedule)
        XCTAssertEqual(second.decisions, first.decisions)
    }

    func testFormulationWarmStartIsFeasibleAndDecodesToAValidAssignment() throws {
        let problem = classicProblem(tasks: 25, seed: 7)
        let coarsening = Coarsening(problem, heavyEdges: false)
        let formulation = CoarseFormulation(problem: problem, coarsening: coarsening)
        XCTAssertTrue(formulation.boundsFineProblem)
        let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        let values = formulation.values(for: heft.assignment)
        // Independently check every row of the model at the warm start.
        for constraint in formulation.model.constraints {
            let lhs = constraint.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.variable] }
            XCTAssertGreaterThanOrEqual(lhs, constraint.lowerBound - 1e-6, constraint.name)
            XCTAssertLessThanOrEqual(lhs, constraint.upperBound + 1e-6, constraint.name)
        }
        // Its makespan variable relaxes the list schedule of the same assignment.
        XCTAssertLessThanOrEqual(formulation.model.objectiveValue(at: values), heft.makespanUS + 1e-6)
        let (assignment, _) = formulation.decode(values)
        XCTAssertEqual(assignment, heft.assignment)
    }

    func testChainsAreOnlyContractedBetweenOperatorsTheSameUnitsCanRun() throws {
        // a -> b -> c -> d, a chain; c cannot run on u1. Only a-b (both anywhere) may merge, and
        // c-d would merge only if d had c's support.
        let tensors = ["ab", "bc", "cd"].map { Tensor(name: $0, byteSize: 100, kind: .activation) }
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["ab"], explicitCostsUS: ["u0": 1, "u1": 1]),
            Operator(name: "b", type: "Task", inputs: ["ab"], outputs: ["bc"], explicitCostsUS: ["u0": 1, "u1": 1]),
            Operator(name: "c", type: "Task", inputs: ["bc"], outputs: ["cd"], explicitCostsUS: ["u0": 1, "u1": nil]),
            Operator(name: "d", type: "Task", inputs: ["cd"], outputs: [], explicitCostsUS: ["u0": 1, "u1": 1]),
        ]
        let graph = try Graph(name: "chain", tensors: tensors, operators: ops, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        let coarsening = Coarsening(problem, heavyEdges: false)
        XCTAssertEqual(coarsening.groups, [[0, 1], [2], [3]])
        XCTAssertEqual(coarsening.capableUnits(0, problem), [0, 1])
    }
}

final class HeavyEdgeTests: XCTestCase {
    func testHeavyEdgesAreContractedOnlyWhenNoOtherPathJoinsTheirEnds() throws {
        // a -> b, a -> c, b -> d, c -> d, e -> d; 100 kB tensors cost 100 us between units
        // (classic costs, 1000 B/us) against 1-5 us of compute, except e -> d (10 B, light).
        let big = 100_000
        let tensors = [("ab", big), ("ac", big), ("bd", big), ("cd", big), ("ed", 10)].map { Tensor(name: $0.0, byteSize: $0.1, kind: .activation) }
        let costs: [String: Double?] = ["u0": 1, "u1": 2]
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["ab", "ac"], explicitCostsUS: costs),
            Operator(name: "b", type: "Task", inputs: ["ab"], outputs: ["bd"], explicitCostsUS: costs),
            Operator(name: "c", type: "Task", inputs: ["ac"], outputs: ["cd"], explicitCostsUS: costs),
            Operator(name: "e", type: "Task", inputs: [], outputs: ["ed"], explicitCostsUS: ["u0": 5, "u1": 5]),
            Operator(name: "d", type: "Task", inputs: ["bd", "cd", "ed"], outputs: [], explicitCostsUS: costs),
        ]
        let graph = try Graph(name: "heavy", tensors: tensors, operators: ops, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        let coarsening = Coarsening(problem)
        let group = { (name: String) in coarsening.groupOf[graph.operators.firstIndex { $0.name == name }!] }
        // a-b merges first (edge order breaks the tie with a-c); a-c has no other path a ~> c, so
        // it merges too; d then joins through b-d or c-d, whose other path now runs inside the
        // group. e stays alone: its edge is light.
        XCTAssertEqual(group("a"), group("b"))
        XCTAssertEqual(group("a"), group("c"))
        XCTAssertEqual(group("a"), group("d"))
        XCTAssertNotEqual(group("e"), group("d"))
        // The quotient graph stays acyclic.
        XCTAssertNotNil(CoarseFormulation(problem: problem, coarsening: coarsening).topologicalOrder)
    }

    func testAHeavyEdgeWithAnotherPathBetweenItsEndsIsNotContracted() throws {
        // a -> b is heavy, a -> c -> b is light: merging a and b would put c before and after them.
        let tensors = [("ab", 100_000), ("ac", 10), ("cb", 10)].map { Tensor(name: $0.0, byteSize: $0.1, kind: .activation) }
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["ab", "ac"], explicitCostsUS: ["u0": 1, "u1": 1]),
            Operator(name: "c", type: "Task", inputs: ["ac"], outputs: ["cb"], explicitCostsUS: ["u0": 50, "u1": 50]),
            Operator(name: "b", type: "Task", inputs: ["ab", "cb"], outputs: [], explicitCostsUS: ["u0": 1, "u1": 1]),
        ]
        let graph = try Graph(name: "triangle", tensors: tensors, operators: ops, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
        let coarsening = Coarsening(problem)
        XCTAssertEqual(coarsening.groups.count, 3)
    }
}
