import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import TestSupport
import XCTest

/// Kernels on units with a program memory (the shipped AI Engine tile template cut to a few
/// tiles): every strategy's plan fits each tile's program memory, HEFT's by moving kernels off
/// overflowing tiles with a `packing` decision; a kernel larger than the program memory cannot
/// run on a tile; and a kernel that fits nowhere is an error naming the tile.
final class ProgramPackingTests: XCTestCase {
    static func platform(rows: Int, columns: Int, edit: (inout [String: Any]) -> Void = { _ in }) throws -> Platform {
        try Platform.decode(jsonText: TileArrayFixture.text(rows: rows, columns: columns, edit: edit), file: "tiles.json")
    }

    static func squeezenet() throws -> Graph { try ModelLoader.load(path: Repository.model("light_squeezenet.onnx")) }

    /// Program bytes per unit of a plan, from the platform's figures (not the planner's table);
    /// `graph` is the planned one (layers split over tiles included). A Concat the tile performs
    /// in place (SqueezeNet's and the splits' channel joins at batch 1) runs no kernel.
    static func programBytes(_ document: PlanDocument, _ platform: Platform, _ graph: Graph) -> [String: Int] {
        var used: [String: Int] = [:]
        for (index, placed) in document.operators.enumerated() {
            guard let unit = platform.unit(named: placed.unit), unit.programMemoryBytes != nil else { continue }
            let type = graph.operators[index].type
            used[placed.unit, default: 0] += unit.support(for: type)?.inPlace == true ? 0 : unit.programBytes(for: type)
        }
        return used
    }

    func testEveryStrategyAndObjectiveFitsTheProgramMemories() throws {
        // 8 KB per tile: two convolution kernels at most; no PL, so convolutions go to the tiles.
        let platform = try Self.platform(rows: 2, columns: 2) { document in
            guard var arrays = document["arrays"] as? [[String: Any]], var tile = arrays[0]["tile"] as? [String: Any],
                  let units = document["units"] as? [[String: Any]], let memories = document["memories"] as? [[String: Any]],
                  let links = document["links"] as? [[String: Any]] else { return }
            tile["program_memory_bytes"] = 8192
            arrays[0]["tile"] = tile
            document["arrays"] = arrays
            document["units"] = units.filter { $0["name"] as? String != "pl" }
            document["memories"] = memories.filter { $0["name"] as? String != "pl_ram" }
            document["links"] = links.filter { $0["to"] as? String != "pl_ram" }
        }
        XCTAssertNil(platform.unit(named: "pl"))
        let graph = try Self.squeezenet()
        for (strategy, objective) in [(HEFTStrategy() as any PlanningStrategy, PlanOptions.Objective.latency), (GreedyStrategy(), .latency),
                                      (OptimizeStrategy(), .latency), (OptimizeStrategy(), .throughput)] {
            var options = PlanOptions()
            options.objective = objective
            options.evaluationBudget = 800
            options.eliteStarts = 0
            // Layers split over the tiles too: the slices are kernels like any other.
            options.splitLayers = true
            let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: strategy, options: options)
            let context = "\(strategy.name) \(objective)"
            let used = Self.programBytes(outcome.document, platform, outcome.problem.graph)
            XCTAssertFalse(used.isEmpty, "\(context): some kernel runs on a tile")
            for (unit, bytes) in used { XCTAssertLessThanOrEqual(bytes, 8192, "\(context): \(unit)") }
            let packing = try XCTUnwrap(outcome.document.packing, context)
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: packing.map { ($0.unit, $0.programBytes) }), used, context)
            for tile in packing { XCTAssertLessThanOrEqual(tile.runTimeRatio, 1 + 1e-9, "\(context): \(tile.unit)") }
            if strategy is GreedyStrategy {
                // Greedy puts every convolution on the first of the equally fast tiles: kernels had to move.
                let moved = outcome.document.decisions.filter { $0.kind == .packing }
                XCTAssertEqual(moved.first?.subject, "aie_r0_c0", context)
                XCTAssertTrue(moved.first?.reason.contains("program memory; moved ") ?? false, "\(moved)")
            }
        }
    }

    func testKernelLargerThanTheProgramMemoryCannotRunOnATile() throws {
        let platform = try Self.platform(rows: 1, columns: 2) { TileArrayFixture.setProgramBytes(20_000, of: "Conv", in: &$0) }
        let graph = try Self.squeezenet()
        let costs = try CostEngine(platform: platform).evaluate(graph).table
        let conv = try XCTUnwrap(graph.operators.firstIndex { $0.type == "Conv" })
        let tile = try XCTUnwrap(costs.unitNames.firstIndex(of: "aie_r0_c1"))
        XCTAssertNil(costs.execUS[conv][tile])
        XCTAssertEqual(costs.reasons[conv][tile], "its kernel's program (20000 bytes) does not fit aie_r0_c1's program memory (16384 bytes)")
        XCTAssertNotNil(costs.execUS[conv][costs.unitNames.firstIndex(of: "pl")!], "the PL still runs it")
    }

    func testKernelsPinnedToOneTileBeyondItsProgramMemoryAreAnError() throws {
        let platform = try Self.platform(rows: 1, columns: 2)
        let graph = try Self.squeezenet()
        var pins = AffinityPins()
        try pins.pinType(AffinityPins.Pin(target: "Conv", unit: "aie_r0_c0", source: "test"))
        XCTAssertThrowsError(try PlanPipeline.run(graph: graph, platform: platform, strategy: HEFTStrategy(), options: PlanOptions(), pins: pins)) { error in
            guard case .programMemoryFull(let unit, let needed, let capacity, _) = error as? PlanError else { return XCTFail("\(error)") }
            XCTAssertEqual(unit, "aie_r0_c0")
            XCTAssertEqual(capacity, 16384)
            XCTAssertGreaterThan(needed, capacity)
        }
    }
}
