import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import TestSupport
import XCTest

/// Weights prefetched into an on-chip memory ahead of their readers (`WeightPrefetcher`):
/// planned by the pipeline, executed and checked by the simulator, and each fault the prefetch
/// can suffer detected.
final class WeightPrefetchTests: XCTestCase {
    /// ResNet-50 on Meteor Lake's NPU (fallback npu, shave) with or without weight prefetch.
    func plan(prefetch: Bool, contention: Bool = false) throws -> (PlanPipeline.Outcome, Graph, Platform) {
        try planResNetOnMeteorLakeNPU { platform, options in
            platform.interconnect.contention = contention
            options.weightPrefetch = prefetch
        }
    }

    func simulate(_ planned: (PlanPipeline.Outcome, Graph, Platform)) throws -> SimulationResult {
        try Simulator.run(planned.0.document, graph: planned.1, platform: planned.2, costs: planned.0.costs.table).result
    }

    func prefetches(_ document: PlanDocument) -> [PlanDocument.SpillCopy] { document.spillCopies.filter { $0.kind == .prefetch } }

    func testPrefetchedWeightsAreReadOnChipAndTheSimulationIsExact() throws {
        let with = try plan(prefetch: true)
        let without = try plan(prefetch: false)
        let document = with.0.document
        let copies = prefetches(document)
        XCTAssertFalse(copies.isEmpty, "some of ResNet-50's weights are prefetched into CMX")
        XCTAssertTrue(prefetches(without.0.document).isEmpty)
        XCTAssertLessThan(document.summary.makespanUS, without.0.document.summary.makespanUS)
        let operators = Dictionary(uniqueKeysWithValues: document.operators.map { ($0.name, $0) })
        for copy in copies {
            let reader = try XCTUnwrap(copy.consumer.flatMap { operators[$0] })
            XCTAssertEqual(copy.fromMemory, "dram")
            XCTAssertEqual(copy.toMemory, "cmx")
            XCTAssertLessThanOrEqual(copy.finishUS, reader.startUS + 1e-9, "\(copy.tensor) lands before \(reader.name) starts")
            // It starts with an earlier operator on the reader's unit.
            XCTAssertTrue(document.operators.contains { $0.unit == reader.unit && $0.startUS == copy.startUS && $0.startUS < reader.startUS },
                          "the prefetch of \(copy.tensor) starts beside an operator before \(reader.name)")
            let buffer = try XCTUnwrap(document.buffers.first { $0.tensor == copy.tensor && $0.memory == "cmx" })
            XCTAssertEqual(buffer.bytes, copy.bytes)
            XCTAssertEqual(buffer.startUS, copy.startUS)
            XCTAssertEqual(buffer.endUS, reader.finishUS)
        }
        // Its reader is faster than when it streams the weight.
        let reader = try XCTUnwrap(copies.first { $0.bytes > 100_000 }?.consumer)
        let duration = { (document: PlanDocument) in document.operators.first { $0.name == reader }.map { $0.finishUS - $0.startUS }! }
        XCTAssertLessThan(duration(document), duration(without.0.document))
        let capacity = try XCTUnwrap(with.2.memory(named: "cmx")?.capacityBytes)
        XCTAssertLessThanOrEqual(try XCTUnwrap(document.memories.first { $0.name == "cmx" }).peakBytes, capacity)
        XCTAssertTrue(document.decisions.contains { $0.kind == .residency && $0.reason.contains("prefetched into cmx") })
        assertMatchesPrediction(try simulate(with), "ResNet-50 with weight prefetch, contention off")
        // Contention on: the copies share the NPU's DMA path with the operators' streams.
        let contended = try plan(prefetch: true, contention: true)
        XCTAssertFalse(prefetches(contended.0.document).isEmpty)
        let result = try simulate(contended)
        XCTAssertEqual(result.makespanUS, result.predictedMakespanUS, accuracy: 0.05 * result.predictedMakespanUS)
    }

    /// A plan whose prefetch copy was dropped: its reader finds nothing written in the buffer.
    func testADroppedPrefetchIsDetected() throws {
        var planned = try plan(prefetch: true)
        let index = try XCTUnwrap(planned.0.document.spillCopies.firstIndex { $0.kind == .prefetch })
        let dropped = planned.0.document.spillCopies.remove(at: index)
        XCTAssertThrowsError(try simulate(planned)) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .missingInput)
            XCTAssertEqual(violation.tensor, dropped.tensor)
        }
    }

    /// A prefetch planned into addresses that a live activation still holds.
    func testAPrefetchIntoABufferStillInUseIsDetected() throws {
        var planned = try plan(prefetch: true)
        var document = planned.0.document
        let weights = Set(prefetches(document).map(\.tensor))
        let cmx = document.buffers.indices.filter { document.buffers[$0].memory == "cmx" }
        let pair = cmx.lazy.flatMap { a in cmx.lazy.map { b in (a, b) } }.first { a, b in
            let x = document.buffers[a], y = document.buffers[b]
            return !weights.contains(x.tensor) && weights.contains(y.tensor) && x.startUS < y.startUS && y.startUS < x.endUS
        }
        let (live, prefetched) = try XCTUnwrap(pair)
        document.buffers[prefetched].offset = document.buffers[live].offset
        planned.0.document = document
        XCTAssertThrowsError(try simulate(planned)) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .bufferOverlap)
        }
    }
}
