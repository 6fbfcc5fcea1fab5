import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import TestSupport
import XCTest

/// Activations in on-chip resident memories, evictions when they overflow, and one submission
/// per subgraph — planned by the pipeline and checked by the simulator.
final class ResidencyTests: XCTestCase {
    /// ResNet-50 on Meteor Lake's NPU (fallback npu, shave), contention off, with `cmx` of
    /// `cmxBytes` (the platform's when nil).
    func plan(residency: ResidencyPolicy, cmxBytes: Int? = nil) throws -> (PlanPipeline.Outcome, Graph, Platform) {
        try planResNetOnMeteorLakeNPU { platform, options in
            platform.interconnect.contention = false
            if let cmxBytes, let index = platform.memories.firstIndex(where: { $0.name == "cmx" }) { platform.memories[index].capacityBytes = cmxBytes }
            options.residency = residency
        }
    }

    func simulate(_ planned: (PlanPipeline.Outcome, Graph, Platform)) throws -> SimulationResult {
        try Simulator.run(planned.0.document, graph: planned.1, platform: planned.2, costs: planned.0.costs.table).result
    }

    func cmxBuffers(_ document: PlanDocument) -> [PlanDocument.Buffer] { document.buffers.filter { $0.memory == "cmx" } }

    func testResNetActivationsStayInCMXAndTheNPUStreamsOnlyWeights() throws {
        let resident = try plan(residency: .optimize)
        let dram = try plan(residency: .dram)
        let kept = cmxBuffers(resident.0.document)
        XCTAssertGreaterThan(kept.count, 100, "most of ResNet-50's activations stay in CMX")
        XCTAssertTrue(cmxBuffers(dram.0.document).isEmpty)
        // An fp32 activation kept by the FP16 NPU takes half of its bytes.
        let r0 = try XCTUnwrap(kept.first { $0.tensor == "r0" })
        XCTAssertEqual(r0.bytes, 2 * 64 * 112 * 112)
        let capacity = try XCTUnwrap(resident.2.memory(named: "cmx")?.capacityBytes)
        XCTAssertLessThanOrEqual(kept.map { $0.offset + $0.bytes }.max() ?? 0, capacity)
        XCTAssertLessThan(resident.0.document.summary.makespanUS, 0.8 * dram.0.document.summary.makespanUS)
        let streamed = PlanMetrics.streamedBytes(resident.0.problem, resident.0.result.schedule.assignment)
        let streamedDRAM = PlanMetrics.streamedBytes(dram.0.problem, dram.0.result.schedule.assignment)
        XCTAssertLessThan(streamed, 0.6 * streamedDRAM)
        for planned in [resident, dram] {
            let result = try simulate(planned)
            assertMatchesPrediction(result, "ResNet-50 on the NPU")
        }
    }

    /// With a 1 MiB CMX the activations no longer fit: activations are evicted, capacity holds
    /// at every instant, the plan simulates exactly, and the optimizing policy is never worse than
    /// Belady's next-use rule.
    func testSmallCMXEvictsActivationsAndThePlanStaysValid() throws {
        let optimized = try plan(residency: .optimize, cmxBytes: 1 << 20)
        let belady = try plan(residency: .nextUse, cmxBytes: 1 << 20)
        let full = try plan(residency: .optimize)
        for planned in [optimized, belady] {
            let evicted = planned.0.problem.evictedActivations(planned.0.result.schedule.assignment)
            XCTAssertFalse(evicted.isEmpty)
            XCTAssertTrue(planned.0.document.decisions.contains { $0.kind == .memorySpill && $0.reason.contains("evicted") })
            XCTAssertLessThanOrEqual(planned.0.document.memories.first { $0.name == "cmx" }!.peakBytes, 1 << 20)
            assertMatchesPrediction(try simulate(planned), "ResNet-50 with 1 MiB of CMX")
        }
        XCTAssertLessThanOrEqual(optimized.0.document.summary.makespanUS, belady.0.document.summary.makespanUS * (1 + 1e-12))
        XCTAssertGreaterThan(optimized.0.document.summary.makespanUS, full.0.document.summary.makespanUS)
    }

    /// The NPU-only plan is one subgraph: the host's submission cost is paid once, by the first
    /// operator, while every operator pays the per-operation cost.
    func testOneSubmissionForAnNPUOnlySubgraph() throws {
        let planned = try plan(residency: .optimize)
        let problem = planned.0.problem
        let assignment = planned.0.result.schedule.assignment
        let npu = try XCTUnwrap(problem.costs.unitNames.firstIndex(of: "npu"))
        XCTAssertEqual(problem.costs.submitUS[npu], 10)
        let submitting = (0..<problem.operatorCount).filter {
            problem.costs.startsSubmission($0, on: assignment[$0], producers: problem.producers[$0]) { assignment[$0] }
        }
        XCTAssertEqual(submitting, [0], "only the first convolution starts a submission")
        // The first operator's overhead holds the submission; every other's only its operation cost.
        let overheads = (0..<problem.operatorCount).map { problem.timing($0, assignment[$0], assignment)!.overheadUS }
        XCTAssertGreaterThanOrEqual(overheads[0], 10)
        XCTAssertLessThan(overheads.dropFirst().max()!, 10)
        assertMatchesPrediction(try simulate(planned), "ResNet-50 on the NPU")
    }

    /// Fault injection: two activations kept in CMX at the same addresses while both are live —
    /// an eviction that overwrote a live tensor — is detected.
    func testOverlappingCMXBuffersAreDetected() throws {
        var planned = try plan(residency: .optimize)
        var document = planned.0.document
        let cmx = document.buffers.indices.filter { document.buffers[$0].memory == "cmx" }
        // Two buffers whose lifetimes overlap but whose addresses do not.
        let pair = cmx.lazy.flatMap { a in cmx.lazy.map { b in (a, b) } }.first { a, b in
            let x = document.buffers[a], y = document.buffers[b]
            return a < b && x.startUS < y.endUS && y.startUS < x.endUS && x.bytes == y.bytes && x.offset != y.offset
        }
        let (a, b) = try XCTUnwrap(pair)
        document.buffers[b].offset = document.buffers[a].offset
        planned.0.document = document
        XCTAssertThrowsError(try simulate(planned)) { error in
            XCTAssertTrue(error is SimulationViolation, "\(error)")
        }
    }
}
