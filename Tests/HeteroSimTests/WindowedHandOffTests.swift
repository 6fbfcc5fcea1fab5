import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import HeteroSupport
import TestSupport
import XCTest

/// Windowed hand-offs on the shipped AI Engine tile template cut to 2 x 4 tiles (the plan of
/// `SharedMemoryHandOffTests`: SqueezeNet, split, throughput): an activation too large for a
/// tile's 32 KB data memory streams from its producer to readers on tiles addressing that memory
/// in row windows through a ping-pong buffer there, instead of a DDR4 round trip; the simulator
/// checks each one with its own window rule and rejects a buffer that does not fit, a reader that
/// cannot address the memory, a buffer smaller than two windows and a plan with no interval.
final class WindowedHandOffTests: XCTestCase {
    /// fire2's squeeze output after its ReLU (16 x 55 x 55 int8 on a tile: 48.4 KB, more than a
    /// tile memory) read by the 1x1 and 3x3 expand convolutions: with the producer on r0_c0 and
    /// the readers on r1_c0 (north, sharing r0_c0's memory) it stays on chip as a window buffer of
    /// two 3-row windows; with the readers on r0_c1 (east: cascade only) it goes through DDR4.
    func testWindowRuleFromShapesAndNeighbourPlacement() throws {
        let platform = try SharedMemoryHandOffTests.platform()
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        var costs = try CostEngine(platform: platform).evaluate(graph).table
        costs.windowedStreaming = true
        let problem = try PlanProblem(graph: graph, costs: costs)
        let unit = { (name: String) in costs.unitNames.firstIndex(of: name)! }
        let (home, north, east) = (unit("aie_r0_c0"), unit("aie_r1_c0"), unit("aie_r0_c1"))
        let memory = try XCTUnwrap(costs.residentMemory[home])
        let tensor = try XCTUnwrap(graph.consumers.indices.first { index in
            let readers = graph.consumers[index]
            return readers.count == 2 && readers.allSatisfy { graph.operators[$0].type == "Conv" } && graph.tensors[index].shape?[2] == 55
        }, "fire2's squeeze output")
        let readers = graph.consumers[tensor]
        let kernels = readers.map { graph.operators[$0].attributes["kernel_shape"]?.intsValue?.first ?? 0 }.sorted()
        XCTAssertEqual(kernels, [1, 3])
        let whole = costs.storedBytes(graph.tensors[tensor], on: home)
        XCTAssertGreaterThan(whole, costs.memoryCapacity[memory]!, "too large for a tile memory whole")
        func assignment(readersOn target: Int) -> [Int] {
            var assignment = [Int](repeating: home, count: graph.operators.count)
            for op in assignment.indices where costs.execUS[op][home] == nil { assignment[op] = problem.fastestUnit(op) }
            for reader in readers { assignment[reader] = target }
            return assignment
        }
        let near = assignment(readersOn: north), far = assignment(readersOn: east)
        XCTAssertTrue(problem.isResident(tensor, near))
        XCTAssertTrue(problem.isWindowed(tensor, near))
        XCTAssertFalse(problem.isResident(tensor, far), "the east tile cannot address r0_c0's memory")
        // Two windows of the 3x3 reader's 3 rows, every channel and column: 2 x 16 x 3 x 55 bytes.
        let shape = try XCTUnwrap(graph.tensors[tensor].shape)
        let perElement = whole / (shape[1] * shape[2] * shape[3])
        XCTAssertEqual(problem.residentBufferBytes(tensor, on: home, near), 2 * shape[1] * 3 * shape[3] * perElement)
        XCTAssertGreaterThan(PlanMetrics.streamedBytes(problem, far) - PlanMetrics.streamedBytes(problem, near), Double(whole * 3) - 1,
                             "the far placement writes it to DDR4 and reads it back twice")
        // Without windowed streaming (another objective) the same placement sends it through DDR4.
        costs.windowedStreaming = false
        let latency = try PlanProblem(graph: graph, costs: costs)
        XCTAssertFalse(latency.isResident(tensor, near))
    }

    func testPlanStreamsInWindowsAndTheSimulatorAcceptsIt() throws {
        let planned = try SharedMemoryHandOffTests.shared.get()
        let document = planned.outcome.document
        let table = planned.outcome.costs.table
        let windowed = try XCTUnwrap(document.windowedHandOffs, "the split SqueezeNet plan streams some activation in windows")
        for handOff in windowed {
            let memory = try XCTUnwrap(table.memoryNames.firstIndex(of: handOff.memory))
            for name in handOff.readerUnits {
                XCTAssertTrue(table.addresses(table.unitNames.firstIndex(of: name)!, memory), "\(name) addresses \(handOff.memory)")
            }
            XCTAssertEqual(handOff.bufferBytes, 2 * handOff.windowBytes)
            XCTAssertLessThanOrEqual(handOff.bufferBytes, table.memoryCapacity[memory]!)
            XCTAssertGreaterThan(handOff.tensorBytes, table.memoryCapacity[memory]!)
            XCTAssertEqual(document.buffers.filter { $0.tensor == handOff.tensor }.map(\.memory), [handOff.memory], "only the window buffer")
            XCTAssertEqual(document.buffers.first { $0.tensor == handOff.tensor }?.bytes, handOff.bufferBytes)
        }
        XCTAssertNoThrow(try Simulator.run(document, graph: planned.outcome.problem.graph, platform: planned.platform, costs: table, contention: true))

        // The same assignment on a cost table without windowed streaming (another objective, or
        // --windowed-hand-offs off) sends the windowed activations through DDR4 again: more DDR4
        // bytes (not by every windowed tensor's size: an intermediate of a fused chain on one tile
        // never went to DDR4), an interval no shorter.
        let problem = planned.outcome.problem
        var plain = table
        plain.windowedStreaming = false
        var without = try PlanProblem(graph: problem.graph, costs: plain)
        without.evicted = problem.evicted
        without.prefetchTrigger = problem.prefetchTrigger
        let assignment = problem.graph.operators.map { op in table.unitNames.firstIndex(of: document.operators.first { $0.name == op.name }!.unit)! }
        XCTAssertGreaterThan(PlanMetrics.streamedBytes(without, assignment), PlanMetrics.streamedBytes(problem, assignment) + 1)
        XCTAssertGreaterThanOrEqual(PlanMetrics.intervalUS(without, assignment), PlanMetrics.intervalUS(problem, assignment) - 1e-9)
    }

    private func rejection(_ change: (inout PlanDocument, CostTable) throws -> Void) throws -> SimulationViolation? {
        let planned = try SharedMemoryHandOffTests.shared.get()
        var document = planned.outcome.document
        let costs = planned.outcome.costs.table
        try change(&document, costs)
        do {
            _ = try Simulator.run(document, graph: planned.outcome.problem.graph, platform: planned.platform, costs: costs, contention: true)
            return nil
        } catch let violation as SimulationViolation {
            return violation
        }
    }

    /// A window buffer claimed larger than its tile memory (as a larger window would need).
    func testSimulatorRejectsAWindowBufferThatDoesNotFit() throws {
        let document = try SharedMemoryHandOffTests.shared.get().outcome.document
        let handOff = try XCTUnwrap(document.windowedHandOffs?.first)
        let violation = try rejection { document, costs in
            let capacity = try XCTUnwrap(costs.memoryCapacity[costs.memoryNames.firstIndex(of: handOff.memory)!])
            document.windowedHandOffs![0].bufferBytes = capacity + 1
            let buffer = try XCTUnwrap(document.buffers.firstIndex { $0.tensor == handOff.tensor })
            document.buffers[buffer].bytes = capacity + 1
        }
        XCTAssertEqual(violation?.kind, .capacityExceeded, "\(String(describing: violation))")
        XCTAssertEqual(violation?.tensor, handOff.tensor)
    }

    func testSimulatorRejectsAReaderOnATileSharingNoMemory() throws {
        let violation = try rejection { document, costs in
            let handOff = try XCTUnwrap(document.windowedHandOffs?.first)
            let memory = costs.memoryNames.firstIndex(of: handOff.memory)!
            // A tile that does not address the buffer's memory, moved under one reader.
            let stranger = try XCTUnwrap(costs.unitNames.indices.first { costs.residentMemory[$0] != nil && !costs.addresses($0, memory) })
            let reader = try XCTUnwrap(document.operators.firstIndex { $0.name == handOff.readers[0] })
            document.operators[reader].unit = costs.unitNames[stranger]
        }
        XCTAssertEqual(violation?.kind, .brokenWindow, "\(String(describing: violation))")
        XCTAssertTrue(violation?.found.contains("shares no memory") ?? false, "\(String(describing: violation))")
    }

    func testSimulatorRejectsABufferSmallerThanTwoWindowsAndAPlanWithoutInterval() throws {
        let small = try rejection { document, _ in
            let handOff = try XCTUnwrap(document.windowedHandOffs?.first)
            document.windowedHandOffs![0].bufferBytes = handOff.windowBytes
            let buffer = try XCTUnwrap(document.buffers.firstIndex { $0.tensor == handOff.tensor })
            document.buffers[buffer].bytes = handOff.windowBytes
        }
        XCTAssertEqual(small?.kind, .brokenWindow, "\(String(describing: small))")
        XCTAssertTrue(small?.expected.contains("two windows") ?? false, "\(String(describing: small))")

        let unpipelined = try rejection { document, _ in document.summary.intervalUS = nil }
        XCTAssertEqual(unpipelined?.kind, .brokenWindow, "\(String(describing: unpipelined))")
    }

    /// Without the `windowed_hand_offs` entry a window-sized buffer is not the tensor's size: the
    /// plan is refused as input, naming the buffer.
    func testWindowBufferWithoutItsEntryIsRefused() throws {
        let planned = try SharedMemoryHandOffTests.shared.get()
        var document = planned.outcome.document
        XCTAssertNotNil(document.windowedHandOffs)
        document.windowedHandOffs = nil
        XCTAssertThrowsError(try Simulator.run(document, graph: planned.outcome.problem.graph, platform: planned.platform,
                                               costs: planned.outcome.costs.table, contention: true)) { error in
            guard case InputError.invalid(_, _, let problems) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(problems.contains { $0.path.description.contains("buffers") }, "\(problems)")
        }
    }
}
