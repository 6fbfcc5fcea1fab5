import HeteroBench
import HeteroCost
import HeteroImport
import HeteroIR
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// The serial-or-crossing bound (`LowerBound.serialOrCrossing`): a funnel of operators either
/// runs on one unit (the sum of their times there) or pays a hand-off on some edge.
final class SerialOrCrossingBoundTests: XCTestCase {
    /// A 1 us source, four 10 us branches and a 1 us join on two identical units, every edge
    /// carrying a 20,000-byte tensor (20 us at 1,000 B/us). Serial on one unit the graph takes
    /// 42 us; any split pays a hand-off on a branch's way in or out (at least 1 + 20 + 10 + 1).
    /// The path (12 us: every branch beside the source), the load (21 us: half the work each)
    /// and the LP (fractional splits pay fractional hand-offs) all miss it; this bound is
    /// 12 us + the hand-off, and the proven optimum (42 us, serial) is above it.
    func testFunnelPaysAHandOffOrRunsSerially() throws {
        let units = ["u0", "u1"]
        let costs: (Double) -> [String: Double?] = { time in ["u0": time, "u1": time] }
        var operators = [Operator(name: "a", type: "Task", inputs: [], outputs: (0..<4).map { "a->b\($0)" }, explicitCostsUS: costs(1))]
        for b in 0..<4 {
            operators.append(Operator(name: "b\(b)", type: "Task", inputs: ["a->b\(b)"], outputs: ["b\(b)->d"], explicitCostsUS: costs(10)))
        }
        operators.append(Operator(name: "d", type: "Task", inputs: (0..<4).map { "b\($0)->d" }, outputs: [], explicitCostsUS: costs(1)))
        let tensors = (0..<4).flatMap { ["a->b\($0)", "b\($0)->d"] }.map { Tensor(name: $0, byteSize: 20_000, kind: .activation) }
        let graph = try Graph(name: "funnel", tensors: tensors, operators: operators, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: units))
        let handOff = try XCTUnwrap(problem.edges.map { problem.fastestCommunication($0, from: 0, to: 1) }.min())
        XCTAssertGreaterThanOrEqual(handOff, 20 - 1e-9)
        let all = Array(0..<problem.operatorCount)
        XCTAssertEqual(try XCTUnwrap(LowerBound.serialOrCrossing(problem, operators: all, fromStart: true)), 12 + handOff, accuracy: 1e-9)
        let others = max(try XCTUnwrap(LowerBound.communicatingPath(problem)), LowerBound.unitLoad(problem),
                         try XCTUnwrap(LowerBound.relaxation(problem)))
        XCTAssertLessThan(others, 12 + handOff - 1, "another bound already sees the hand-off: the test no longer isolates this one")
        let bound = LowerBound.strongest(problem)
        XCTAssertGreaterThanOrEqual(bound, (12 + handOff) * (1 - 1e-9), "the reported bound does not count the funnel")
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        let exact = try ExactILPStrategy().schedule(problem, options: options)
        XCTAssertEqual(exact.solver?.status, "optimal")
        XCTAssertEqual(exact.schedule.makespanUS, 42, accuracy: 1e-6)
        XCTAssertLessThanOrEqual(bound, exact.schedule.makespanUS * (1 + 1e-9))
    }

    /// The same fork with its source and join able to run on u0 only: both cuts are on u0, so a
    /// branch moved to u1 pays a hand-off on its way in and another on its way out (52 us); the
    /// segmented bound's detour case sees it and reaches the optimum, 42 us (every operator on
    /// u0), where the single hand-off of the crossing case gives 32 us.
    func testDetourBetweenCutsOnOneUnitReachesTheOptimum() throws {
        let units = ["u0", "u1"]
        var operators = [Operator(name: "a", type: "Task", inputs: [], outputs: (0..<4).map { "a->b\($0)" }, explicitCostsUS: ["u0": 1, "u1": nil])]
        for b in 0..<4 {
            operators.append(Operator(name: "b\(b)", type: "Task", inputs: ["a->b\(b)"], outputs: ["b\(b)->d"], explicitCostsUS: ["u0": 10, "u1": 10]))
        }
        operators.append(Operator(name: "d", type: "Task", inputs: (0..<4).map { "b\($0)->d" }, outputs: [], explicitCostsUS: ["u0": 1, "u1": nil]))
        let tensors = (0..<4).flatMap { ["a->b\($0)", "b\($0)->d"] }.map { Tensor(name: $0, byteSize: 20_000, kind: .activation) }
        let graph = try Graph(name: "pinned-funnel", tensors: tensors, operators: operators, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: units))
        XCTAssertEqual(LowerBound.segments(problem).count, 2)
        let all = Array(0..<problem.operatorCount)
        XCTAssertLessThan(try XCTUnwrap(LowerBound.serialOrCrossing(problem, operators: all, fromStart: true)), 33)
        XCTAssertEqual(try XCTUnwrap(LowerBound.segmented(problem)), 42, accuracy: 1e-6, "the detour case did not count both hand-offs")
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        let exact = try ExactILPStrategy().schedule(problem, options: options)
        XCTAssertEqual(exact.solver?.status, "optimal")
        XCTAssertEqual(exact.schedule.makespanUS, 42, accuracy: 1e-6)
        XCTAssertEqual(LowerBound.strongest(problem), 42, accuracy: 1e-6)
    }

    /// A fork on u0 (source and join can run only there) into two 30 us and two 10 us branches, on
    /// three identical units, every edge a 5,000-byte tensor (a hand-off h of 5 us): the optimum
    /// (42 us) moves both long branches off u0 (each paying 2h) and keeps the short ones on it.
    /// Keeping a long branch on u0 costs 61 us of u0's time, moving it costs 2h + 31, so the piece
    /// after the source lasts at least 2h + 31 (`Funnel.serialOrDetour`). The path (31 us from the
    /// source's finish), the loads (the branches spread over three units) and the LP miss it, and
    /// so did the cheapest single detour (2h + 11, a short branch moved), which the old bound took.
    func testLongBranchesMustStayOrPayTheirDetour() throws {
        let units = ["u0", "u1", "u2"]
        let pinned: [String: Double?] = ["u0": 1, "u1": nil, "u2": nil]
        let lengths: [Double] = [30, 30, 10, 10]
        var operators = [Operator(name: "a", type: "Task", inputs: [], outputs: lengths.indices.map { "a->b\($0)" }, explicitCostsUS: pinned)]
        for (b, time) in lengths.enumerated() {
            operators.append(Operator(name: "b\(b)", type: "Task", inputs: ["a->b\(b)"], outputs: ["b\(b)->d"],
                                      explicitCostsUS: ["u0": time, "u1": time, "u2": time]))
        }
        operators.append(Operator(name: "d", type: "Task", inputs: lengths.indices.map { "b\($0)->d" }, outputs: [], explicitCostsUS: pinned))
        let tensors = lengths.indices.flatMap { ["a->b\($0)", "b\($0)->d"] }.map { Tensor(name: $0, byteSize: 5_000, kind: .activation) }
        let graph = try Graph(name: "long-branches", tensors: tensors, operators: operators, inputs: [], outputs: [])
        let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: units))
        let handOff = try XCTUnwrap(problem.edges.map { problem.fastestCommunication($0, from: 0, to: 1) }.min())
        XCTAssertEqual(handOff, 5, accuracy: 1e-9)
        let pieces = LowerBound.segments(problem)
        XCTAssertEqual(pieces.count, 2)
        let expected = 1 + 2 * handOff + 31
        let others = max(try XCTUnwrap(LowerBound.communicatingPath(problem)), LowerBound.unitLoad(problem),
                         try XCTUnwrap(LowerBound.relaxation(problem)),
                         1 + (LowerBound.relaxation(problem, operators: pieces[1], budget: .init()) ?? 0),
                         1 + 2 * handOff + 11)
        XCTAssertLessThan(others, expected - 1, "another bound already sees the long branches: the test no longer isolates this one")
        XCTAssertEqual(try XCTUnwrap(LowerBound.segmented(problem)), expected, accuracy: 1e-6, "the long branches' detours were not counted")
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        let exact = try ExactILPStrategy().schedule(problem, options: options)
        XCTAssertEqual(exact.solver?.status, "optimal")
        XCTAssertEqual(exact.schedule.makespanUS, expected, accuracy: 1e-6)
        XCTAssertEqual(LowerBound.strongest(problem), expected, accuracy: 1e-6)
    }

    /// Seeded random layered graphs closed by a join of every sink (a funnel), small enough for
    /// ilp-exact to prove optimality, over communication-to-computation ratios where hand-offs are
    /// cheap to dear: the bound never exceeds a proven optimum, and it is the strongest bound on
    /// some of them.
    func testNeverAboveAProvenOptimum() throws {
        var proven = 0
        var binding = 0
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        let units = ["u0", "u1", "u2"]
        for ccr in [0.5, 5.0] {
            for seed in UInt64(0)..<5 {
                var generator = RandomTaskGraph(tasks: 7, units: units)
                generator.ccr = ccr
                generator.heterogeneity = 0.5
                let graph = try funnel(generator.generate(seed: 900 + seed), ccr: ccr, seed: seed)
                let problem = try PlanProblem(graph: graph, costs: classicCosts(graph, units: units))
                let all = Array(0..<problem.operatorCount)
                let value = try XCTUnwrap(LowerBound.serialOrCrossing(problem, operators: all, fromStart: true), "ccr \(ccr) seed \(seed)")
                let others = max(LowerBound.communicatingPath(problem) ?? 0, LowerBound.unitLoad(problem),
                                 LowerBound.relaxed(problem) ?? 0)
                if value > others * (1 + 1e-6) { binding += 1 }
                let exact = try ExactILPStrategy().schedule(problem, options: options)
                guard exact.solver?.status == "optimal" else { continue }
                proven += 1
                XCTAssertLessThanOrEqual(value, exact.schedule.makespanUS * (1 + 1e-9), "ccr \(ccr) seed \(seed)")
                XCTAssertLessThanOrEqual(LowerBound.segmented(problem) ?? 0, exact.schedule.makespanUS * (1 + 1e-9), "ccr \(ccr) seed \(seed)")
                XCTAssertLessThanOrEqual(LowerBound.strongest(problem), exact.schedule.makespanUS * (1 + 1e-9), "ccr \(ccr) seed \(seed)")
            }
        }
        XCTAssertGreaterThanOrEqual(proven, 8, "too few proven optima to compare with")
        XCTAssertGreaterThan(binding, 0, "the bound never beat the others on these funnels")
    }

    /// `graph` with a join task that reads every task without a consumer (random costs, a tensor of
    /// the generator's size per edge), so every task reaches the last.
    private func funnel(_ graph: Graph, ccr: Double, seed: UInt64) throws -> Graph {
        var rng = SplitMix64(seed: 77 + seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        var operators = graph.operators
        var tensors = graph.tensors
        var inputs: [String] = []
        for index in operators.indices where operators[index].outputs.isEmpty {
            let name = "\(operators[index].name)->join"
            tensors.append(Tensor(name: name, byteSize: Int(20 * ccr * (0.5 + uniform()) * 1000), kind: .activation))
            operators[index].outputs.append(name)
            inputs.append(name)
        }
        let time = 10 * (0.5 + uniform())
        operators.append(Operator(name: "join", type: "Task", inputs: inputs, outputs: [], explicitCostsUS: ["u0": time, "u1": time, "u2": time]))
        return try Graph(name: graph.name + "-funnel", tensors: tensors, operators: operators, inputs: [], outputs: [])
    }
}
