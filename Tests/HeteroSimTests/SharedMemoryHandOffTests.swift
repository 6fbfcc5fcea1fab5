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

/// Shared-memory hand-offs on the shipped AI Engine tile template cut to 2 x 4 tiles: an
/// activation that fits a tile's data memory stays in its producer's memory when its readers sit
/// on tiles sharing that memory (the north/south neighbours, `neighbour_memory`), so it never
/// makes the DDR4 round trip; readers on a tile that does not share it (the east tile, joined
/// only by the cascade) stream it from DDR4; the simulator runs the hand-offs in place and
/// rejects a reader that cannot address the memory; plans stay deterministic.
final class SharedMemoryHandOffTests: XCTestCase {
    struct Planned: Sendable {
        var platform: Platform
        var outcome: PlanPipeline.Outcome
    }

    static let shared = Result { try plan() }

    static func platform() throws -> Platform {
        try Platform.decode(jsonText: TileArrayFixture.text(rows: 2, columns: 4), file: "tiles.json")
    }

    static func plan() throws -> Planned {
        let platform = try platform()
        let model = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        var options = PlanOptions()
        options.objective = .throughput
        options.evaluationBudget = 60
        options.eliteStarts = 0
        // Split, the plan is DDR4-bound (every activation a tile operator does not keep on chip
        // makes a round trip through it), so what stays on chip shortens the interval.
        options.splitLayers = true
        // Without stream routes (`StreamRouteCLITests`): readers on distant tiles read through DDR4 here.
        options.streamRoutes = false
        return Planned(platform: platform, outcome: try PlanPipeline.run(graph: model, platform: platform, strategy: OptimizeStrategy(), options: options))
    }

    /// A SqueezeNet squeeze output (an activation a tile's 32 KB data memory holds) read by
    /// operators on the tile north of its producer's keeps its DDR4 bytes out of the stream,
    /// and the same readers on the east tile (cascade only, no shared memory) stream them.
    func testNeighbourReadsInPlaceAndEastTileStreamsFromDDR4() throws {
        let platform = try Self.platform()
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        let costs = try CostEngine(platform: platform).evaluate(graph).table
        let problem = try PlanProblem(graph: graph, costs: costs)
        let unit = { (name: String) in costs.unitNames.firstIndex(of: name)! }
        let (home, north, east) = (unit("aie_r0_c0"), unit("aie_r1_c0"), unit("aie_r0_c1"))
        XCTAssertEqual(costs.sharedMemories[home], [costs.residentMemory[north]!], "r0_c0 shares memory with r1_c0 only")
        XCTAssertTrue(costs.addresses(north, costs.residentMemory[home]!))
        XCTAssertFalse(costs.addresses(east, costs.residentMemory[home]!), "the cascade is not a shared memory")

        // fire6's squeeze output after its ReLU (48 x 13 x 13), read by the two expand convolutions,
        // whose outputs join in place in a Concat buffer no tile memory holds (on chip in neither case).
        let tensor = try XCTUnwrap(graph.tensorIndex["r34"])
        let producer = try XCTUnwrap(graph.producer[tensor])
        let readers = graph.consumers[tensor]
        XCTAssertEqual(readers.map { graph.operators[$0].type }, ["Conv", "Conv"])
        let bytes = costs.storedBytes(graph.tensors[tensor], on: home)
        XCTAssertLessThanOrEqual(bytes, 32_768)
        func assignment(readersOn target: Int) -> [Int] {
            var assignment = [Int](repeating: home, count: graph.operators.count)
            // Every operator that can run on a tile does, on r0_c0; the rest where it is fastest.
            for op in assignment.indices where costs.execUS[op][home] == nil { assignment[op] = problem.fastestUnit(op) }
            for reader in readers { assignment[reader] = target }
            return assignment
        }
        XCTAssertEqual(assignment(readersOn: north)[producer], home)
        let near = assignment(readersOn: north), far = assignment(readersOn: east)
        XCTAssertTrue(problem.isResident(tensor, near), "read in place from the neighbour's shared memory")
        XCTAssertFalse(problem.isResident(tensor, far), "the east tile cannot address r0_c0's memory")
        // The far placement writes the tensor to DDR4 once and reads it back once per reader (and
        // the convolutions' outputs, which the ReLUs on r0_c0 read in place from r1_c0's memory
        // in the near placement, make the round trip too).
        let difference = PlanMetrics.streamedBytes(problem, far) - PlanMetrics.streamedBytes(problem, near)
        XCTAssertGreaterThanOrEqual(difference, Double(bytes * (1 + readers.count)) - 1)
        for reader in readers {
            let nearBytes = try XCTUnwrap(problem.timing(reader, north, near)).streamedBytes
            let farBytes = try XCTUnwrap(problem.timing(reader, east, far)).streamedBytes
            XCTAssertGreaterThanOrEqual(farBytes - nearBytes, Double(bytes) - 1, "the reader on r0_c1 streams r34 from DDR4")
        }
        // No transfer and no wait beyond synchronisation for the neighbour's reads.
        let schedule = ScheduleBuilder(problem: problem).build(assignment: near, priority: Array(0..<graph.operators.count))
        XCTAssertFalse(schedule.transfers.contains { $0.tensor == tensor })
    }

    func testPlanHandsOffOnChipAndSimulatesWithinFivePercent() throws {
        let planned = try Self.shared.get()
        let document = planned.outcome.document
        let problem = planned.outcome.problem
        let table = planned.outcome.costs.table
        let handOffs = try XCTUnwrap(document.handOffs, "the plan keeps some activation in a tile memory its neighbour reads")
        XCTAssertFalse(handOffs.isEmpty)
        for handOff in handOffs {
            let producer = try XCTUnwrap(table.unitNames.firstIndex(of: handOff.producerUnit))
            XCTAssertEqual(table.memoryNames[table.residentMemory[producer]!], handOff.memory)
            let memory = try XCTUnwrap(table.memoryNames.firstIndex(of: handOff.memory))
            for name in handOff.readerUnits {
                XCTAssertTrue(table.addresses(table.unitNames.firstIndex(of: name)!, memory), "\(name) addresses \(handOff.memory)")
            }
            XCTAssertTrue(handOff.readerUnits.contains { $0 != handOff.producerUnit })
            XCTAssertTrue(document.buffers.contains { $0.tensor == handOff.tensor && $0.memory == handOff.memory },
                          "\(handOff.tensor) has its buffer in \(handOff.memory)")
            XCTAssertFalse(document.buffers.contains { $0.tensor == handOff.tensor && $0.memory == "ddr4" }, "\(handOff.tensor) never goes to DDR4")
        }
        // The same assignment on a cost table without shared memories streams the handed-off
        // activations through DDR4 again: more DDR4 bytes, an interval no shorter.
        var plain = table
        plain.sharedMemories = []
        var without = try PlanProblem(graph: problem.graph, costs: plain)
        without.evicted = problem.evicted
        without.prefetchTrigger = problem.prefetchTrigger
        let assignment = problem.graph.operators.map { op in table.unitNames.firstIndex(of: document.operators.first { $0.name == op.name }!.unit)! }
        XCTAssertGreaterThan(PlanMetrics.streamedBytes(without, assignment), PlanMetrics.streamedBytes(problem, assignment)
                             + Double(handOffs.reduce(0) { $0 + $1.bytes }) - 1)
        XCTAssertGreaterThanOrEqual(PlanMetrics.intervalUS(without, assignment), PlanMetrics.intervalUS(problem, assignment) - 1e-9)

        let run = try Simulator.run(document, graph: problem.graph, platform: planned.platform, costs: table, contention: true)
        let predicted = document.summary.makespanUS
        XCTAssertEqual(run.result.makespanUS, predicted, accuracy: predicted * 0.05, "simulated against predicted, contention on")
    }

    /// The plan's hand-offs on a machine whose tiles share no memory: a reader on the
    /// neighbouring tile then finds no buffer it can address (the buffer is in its neighbour's
    /// memory, none in DDR4), and the simulator stops with a missing input instead of reading it.
    func testSimulatorRejectsAReaderThatCannotAddressTheMemory() throws {
        let planned = try Self.shared.get()
        let document = planned.outcome.document
        let handOff = try XCTUnwrap(document.handOffs?.first)
        var isolated = planned.outcome.costs.table
        isolated.sharedMemories = []
        XCTAssertThrowsError(try Simulator.run(document, graph: planned.outcome.problem.graph, platform: planned.platform, costs: isolated,
                                               contention: true)) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .missingInput, "\(violation)")
            XCTAssertTrue(violation.found.contains("no buffer"), "\(violation) (first hand-off: \(handOff.tensor))")
        }
    }

    func testPlansWithHandOffsAreDeterministic() throws {
        let first = try Self.shared.get().outcome.document
        let second = try Self.plan().outcome.document
        XCTAssertEqual(first.handOffs, second.handOffs)
        XCTAssertEqual(try first.deterministicBytes(), try second.deterministicBytes())
    }
}
