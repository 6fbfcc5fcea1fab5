import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import TestSupport
import XCTest

/// Multicast reads on the shipped AI Engine tile template (cut to 2 x 4 tiles): the slices of a
/// layer split over tiles read its input once from DDR4, broadcast to all of them; the DDR4
/// bytes of the plan count that input once per read; the simulator executes the plan's reads
/// and rejects reads a multicast cannot make; plans stay deterministic.
final class MulticastTests: XCTestCase {
    struct Planned: Sendable {
        var platform: Platform
        var outcome: PlanPipeline.Outcome
    }

    static let shared = Result { try plan() }

    static func plan() throws -> Planned {
        let platform = try Platform.decode(jsonText: TileArrayFixture.text(rows: 2, columns: 4), file: "tiles.json")
        let model = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        var options = PlanOptions()
        options.objective = .throughput
        options.evaluationBudget = 300
        options.eliteStarts = 0
        options.splitLayers = true
        // Multicast alone: a stream route would take some reads' tensors off DDR4 (`StreamRouteCLITests`).
        options.streamRoutes = false
        return Planned(platform: platform, outcome: try PlanPipeline.run(graph: model, platform: platform, strategy: OptimizeStrategy(), options: options))
    }

    func simulate(_ document: PlanDocument, _ planned: Planned) throws -> SimulationRun {
        try Simulator.run(document, graph: planned.outcome.problem.graph, platform: planned.platform, costs: planned.outcome.costs.table, contention: true)
    }

    func testSplitSlicesShareOneReadAndDDRBytesCountOnce() throws {
        let planned = try Self.shared.get()
        let document = planned.outcome.document
        let problem = planned.outcome.problem
        let graph = problem.graph
        XCTAssertFalse(document.layerSplits?.isEmpty ?? true, "SqueezeNet's large convolutions are split")
        let reads = try XCTUnwrap(document.multicasts, "the split slices' input is multicast")
        XCTAssertFalse(reads.isEmpty)
        let table = planned.outcome.costs.table
        let slices = Set((document.layerSplits ?? []).flatMap { split in (0..<split.slices).map { "\(split.operator)/slice\($0)" } })
        for read in reads {
            XCTAssertEqual(read.memory, "ddr4")
            XCTAssertGreaterThanOrEqual(read.destinations.count, 2)
            XCTAssertLessThanOrEqual(read.destinations.count, 64)
            let tensor = try XCTUnwrap(graph.tensorIndex[read.tensor])
            for (name, unit) in zip(read.destinations, read.units) {
                let op = try XCTUnwrap(graph.operatorIndex[name])
                XCTAssertTrue(graph.operators[op].inputs.contains(read.tensor), "\(name) reads \(read.tensor)")
                XCTAssertTrue(unit.hasPrefix("aie_r"), "\(name) is on a tile, not \(unit)")
                XCTAssertEqual(document.operators.first { $0.name == name }?.unit, unit)
            }
            // One read of the tensor as the tiles store it (int8), the other destinations' reads saved.
            let stored = table.storedBytes(graph.tensors[tensor], on: table.unitNames.firstIndex(of: read.units[0])!)
            XCTAssertEqual(read.bytes, stored, read.tensor)
            XCTAssertEqual(read.savedBytes, stored * (read.destinations.count - 1), read.tensor)
            XCTAssertEqual(read.bufferBytes, 4096)
        }
        XCTAssertTrue(reads.contains { read in read.destinations.allSatisfy(slices.contains) }, "some read feeds a split layer's slices")

        // The same plan without multicast counts every slice's read of its input: the difference
        // in DDR4 bytes is exactly what the reads save, and the interval is no shorter.
        var unicast = table
        unicast.multicastFanout = []
        unicast.multicastBufferBytes = []
        var without = try PlanProblem(graph: graph, costs: unicast)
        without.evicted = problem.evicted
        without.prefetchTrigger = problem.prefetchTrigger
        let assignment = document.operators.map { entry in table.unitNames.firstIndex(of: entry.unit)! }
        let ordered = graph.operators.map { op in assignment[document.operators.firstIndex { $0.name == op.name }!] }
        let saved = Double(reads.reduce(0) { $0 + $1.savedBytes })
        XCTAssertGreaterThan(saved, 0)
        XCTAssertEqual(PlanMetrics.streamedBytes(without, ordered) - PlanMetrics.streamedBytes(problem, ordered), saved, accuracy: Double(reads.count))
        XCTAssertLessThan(PlanMetrics.intervalUS(problem, ordered), PlanMetrics.intervalUS(without, ordered) + 1e-9)
    }

    func testSimulatorExecutesReadsOnceAndWithinFivePercent() throws {
        let planned = try Self.shared.get()
        let document = planned.outcome.document
        let run = try simulate(document, planned)
        let predicted = document.summary.makespanUS
        XCTAssertEqual(run.result.makespanUS, predicted, accuracy: predicted * 0.05, "simulated against predicted, contention on")
        // The same schedule executed without its multicast reads reads every slice's input again:
        // never faster.
        var unicast = document
        unicast.multicasts = nil
        let slower = try simulate(unicast, planned)
        XCTAssertGreaterThanOrEqual(slower.result.makespanUS, run.result.makespanUS - 1e-6)
    }

    func testSimulatorRejectsABrokenMulticast() throws {
        let planned = try Self.shared.get()
        let document = planned.outcome.document
        let graph = planned.outcome.problem.graph
        let reads = try XCTUnwrap(document.multicasts)
        func expectBroken(_ edit: (inout PlanDocument) throws -> Void, _ found: String, file: StaticString = #filePath, line: UInt = #line) throws {
            var broken = document
            try edit(&broken)
            XCTAssertThrowsError(try simulate(broken, planned), file: file, line: line) { error in
                guard let violation = error as? SimulationViolation else { return XCTFail("\(error)", file: file, line: line) }
                XCTAssertEqual(violation.kind, .brokenMulticast, file: file, line: line)
                XCTAssertTrue(violation.found.contains(found), "\(violation)", file: file, line: line)
            }
        }
        // A destination that does not read the tensor.
        let stranger = try XCTUnwrap(graph.operators.first { !$0.inputs.contains(reads[0].tensor) && $0.type == "Conv" })
        try expectBroken({ $0.multicasts![0].destinations.append(stranger.name); $0.multicasts![0].units.append("aie_r0_c0") },
                         "does not read \"\(reads[0].tensor)\"")
        // The same destination in two reads of one tensor.
        try expectBroken({ $0.multicasts!.append($0.multicasts![0]) }, "is a destination of read 0 and of read \(reads.count)")
        // Destinations on units without a multicast: the same plan on a cost table without one.
        var plain = planned.outcome.costs.table
        plain.multicastFanout = []
        plain.multicastBufferBytes = []
        XCTAssertThrowsError(try Simulator.run(document, graph: graph, platform: planned.platform, costs: plain, contention: true)) { error in
            XCTAssertEqual((error as? SimulationViolation)?.kind, .brokenMulticast, "\(error)")
            XCTAssertTrue((error as? SimulationViolation)?.found.hasSuffix("has none") ?? false, "\(error)")
        }
        // Receive windows larger than half a tile's data memory.
        try expectBroken({ $0.multicasts![0].bufferBytes = 20_000 }, "32768 bytes of capacity")
    }

    func testMoreDestinationsThanTheFanOutIsRejected() throws {
        let planned = try Self.shared.get()
        let read = try XCTUnwrap(planned.outcome.document.multicasts?.first { $0.destinations.count >= 3 })
        var platform = planned.platform
        for index in platform.units.indices where platform.units[index].multicast != nil { platform.units[index].multicast!.maxDestinations = 2 }
        let costs = try CostEngine(platform: platform).evaluate(planned.outcome.problem.graph).table
        XCTAssertThrowsError(try Simulator.run(planned.outcome.document, graph: planned.outcome.problem.graph, platform: platform, costs: costs)) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .brokenMulticast)
            XCTAssertTrue(violation.found.contains("destinations") || violation.expected.contains("at most 2"), "\(violation) for \(read.tensor)")
        }
    }

    func testPlansWithMulticastAreDeterministic() throws {
        let first = try Self.shared.get().outcome.document
        let second = try Self.plan().outcome.document
        XCTAssertEqual(first.multicasts, second.multicasts)
        XCTAssertEqual(try first.deterministicBytes(), try second.deterministicBytes())
    }
}
