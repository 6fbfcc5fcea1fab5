import HeteroCost
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import TestSupport
import XCTest

/// Recomputation instead of eviction (issue 11): the residency stage recomputes an evicted
/// activation before its last reader only where that shortens the plan, and the simulator runs a
/// recomputation exactly as the planner timed it.
///
/// GoogLeNet (Inception-v1) on the ONNC platform, HEFT's schedule, contention off, with the SoC
/// SRAM (the DLA's and CPU's resident memory) cut to 384 KiB so that many activations are evicted.
/// There no recomputation pays (the recomputed producer, alone on the reader's unit, costs more
/// than the eviction it replaces, or its inputs kept on chip overflow the SRAM), so the tests that
/// need one force it: the first evicted activation whose recomputation fits.
final class RecomputeTests: XCTestCase {
    static let sramKiB = 384

    func plan(recompute: Bool = true) throws -> (ResidencyPlanner.Outcome, PlannedCase) {
        let graph = try ModelLoader.load(path: Repository.model("light_inception_v1.onnx"))
        var platform = try Platform.load(path: Repository.platform("onnc-cpu-dsp-dla.json"))
        platform.interconnect.contention = false
        platform.memories[try XCTUnwrap(platform.memories.firstIndex { $0.name == "soc_sram" })].capacityBytes = Self.sramKiB * 1024
        let costs = try CostEngine(platform: platform).evaluate(graph)
        let problem = try PlanProblem(graph: graph, costs: costs.table)
        let searched = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        let outcome = try ResidencyPlanner.run(problem, searched, policy: .optimize, objective: .latency, recompute: recompute)
        return (outcome, planned(outcome.problem, outcome.schedule, SimulationMachine(costs: costs.table, platform: platform)))
    }

    func planned(_ problem: PlanProblem, _ schedule: Schedule, _ machine: SimulationMachine) -> PlannedCase {
        let memory = MemoryPlanner.plan(problem, schedule)
        return PlannedCase(problem: problem, machine: machine, plan: SimulationPlan(schedule: schedule, memory: memory), memory: memory)
    }

    /// The optimize plan with its first evicted activation that can be recomputed, whose earlier
    /// readers stay before its recomputation and whose memory plan fits, recomputed before its last
    /// reader instead (re-timed in the plan's order, as the residency stage tries it).
    /// With `accepting`, the first such plan it accepts.
    func forced(accepting: (PlannedCase) -> Bool = { _ in true }) throws -> (chosen: ResidencyPlanner.Outcome, forced: PlannedCase, tensor: Int) {
        let (outcome, planned) = try plan()
        let graph = outcome.problem.graph
        let schedule = outcome.schedule
        let assignment = schedule.assignment
        let priority = schedule.operators.indices.sorted { (schedule.operators[$0].startUS, $0) < (schedule.operators[$1].startUS, $1) }
        for tensor in outcome.problem.evictedActivations(assignment) {
            let readers = graph.consumers[tensor].sorted { (schedule.operators[$0].startUS, $0) < (schedule.operators[$1].startUS, $1) }
            guard let reader = readers.last, outcome.problem.canRecompute(tensor, before: reader, assignment) else { continue }
            var problem = outcome.problem
            problem.evicted[tensor] = false
            problem.recomputes[tensor] = reader
            let built = ScheduleBuilder(problem: problem, insertion: false).build(assignment: assignment, priority: priority)
            guard readers.dropLast().allSatisfy({ built.operators[$0].startUS < built.operators[reader].startUS }) else { continue }
            let candidate = self.planned(problem, built, planned.machine)
            guard candidate.memory.usage.allSatisfy({ usage in usage.capacityBytes.map { usage.peakBytes <= $0 } ?? true }),
                  accepting(candidate) else { continue }
            return (outcome, candidate, tensor)
        }
        throw XCTSkip("no evicted activation of the plan can be recomputed within the SRAM")
    }

    /// Where recomputing costs more than the eviction it would replace it is not chosen: the
    /// forced recomputation's plan is no shorter than the chosen one, which has none.
    func testRecomputationIsNotChosenWhereNotCheaper() throws {
        let (chosen, forced, tensor) = try forced()
        XCTAssertTrue(chosen.problem.recomputes.isEmpty)
        XCTAssertTrue(chosen.problem.evicted[tensor])
        let summary = try XCTUnwrap(chosen.decisions.first { $0.subject == "recomputation" })
        XCTAssertTrue(summary.reason.contains(" 0 are recomputed"), summary.reason)
        XCTAssertGreaterThanOrEqual(forced.plan.predictedMakespanUS, chosen.schedule.makespanUS)
    }

    /// A recomputation simulates exactly as planned (contention off): the reader's unit runs the
    /// producer again, reading its inputs where they are, and writes the tensor's second buffer.
    func testForcedRecomputationSimulatesExactly() throws {
        let (_, planned, tensor) = try forced()
        let graph = planned.problem.graph
        let record = try XCTUnwrap(planned.plan.recomputes.first)
        XCTAssertEqual(planned.plan.recomputes.count, 1)
        let reader = try XCTUnwrap(record.consumer)
        XCTAssertEqual(record.tensor, tensor)
        XCTAssertEqual(record.producer, graph.producer[tensor])
        XCTAssertEqual(record.unit, planned.plan.units[reader])
        XCTAssertEqual(record.inputs, planned.problem.recomputeInputs(tensor))
        XCTAssertEqual(record.startUS, planned.plan.startUS[reader], accuracy: 1e-9, "the reader's occupancy starts with it")
        XCTAssertGreaterThan(record.finishUS, record.startUS)
        XCTAssertLessThan(record.finishUS, planned.plan.finishUS[reader])
        // Two buffers in the resident memory: before the gap, and from the recomputation on.
        XCTAssertEqual(planned.memory.buffers.filter { $0.tensor == tensor && $0.memory == record.toMemory }.count, 2)
        assertMatchesPrediction(try planned.simulate(), "Inception-v1 with a recomputation")
    }

    /// A plan whose reader has lost its recomputation, its tensor's addresses reused in the gap,
    /// reads other data where its tensor should be.
    func testDroppedRecomputationIsDetected() throws {
        let (_, planned, tensor) = try forced { FaultInjection.dropRecompute($0) != nil }
        let mutated = try XCTUnwrap(FaultInjection.dropRecompute(planned))
        let reader = try XCTUnwrap(planned.plan.recomputes.first?.consumer)
        XCTAssertThrowsError(try mutated.simulate()) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .missingInput, "\(violation)")
            XCTAssertEqual(violation.tensor, planned.problem.graph.tensors[tensor].name, "\(violation)")
            XCTAssertEqual(violation.operator, planned.problem.graph.operators[reader].label, "\(violation)")
        }
    }

    func testRecomputingPlansAreDeterministic() throws {
        let first = try forced()
        let second = try forced()
        XCTAssertEqual(first.tensor, second.tensor)
        XCTAssertEqual(first.forced.plan, second.forced.plan)
        XCTAssertEqual(first.chosen.decisions, second.chosen.decisions)
    }
}
