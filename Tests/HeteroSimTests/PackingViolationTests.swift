import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import TestSupport
import XCTest

/// Kernels packed on AI Engine tiles (`program_memory_bytes`): a throughput plan of SqueezeNet on
/// the shipped tile template cut to 2 x 3 tiles is valid, its tiles' run-time ratios are at most 1
/// and their programs fit; a tile overloaded in time (kernels moved onto it, or an interval
/// understated) or in program memory is detected by the simulator's own arithmetic.
final class PackingViolationTests: XCTestCase {
    struct Case: Sendable {
        var graph: Graph
        var machine: SimulationMachine
        var plan: SimulationPlan
        var problem: PlanProblem
        var document: PlanDocument

        func simulate() throws(SimulationViolation) -> SimulationResult {
            try Simulator(graph: graph, machine: machine).run(plan)
        }
    }

    /// One plan for every test (planning takes most of their time in a debug build).
    static let shared = Result { try plan() }

    static func planned() throws -> Case { try shared.get() }

    static func plan() throws -> Case {
        let platform = try Platform.decode(jsonText: TileArrayFixture.text(rows: 2, columns: 3), file: "tiles.json")
        let model = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        var options = PlanOptions()
        options.objective = .throughput
        options.evaluationBudget = 1_500
        options.eliteStarts = 0
        options.splitLayers = true
        // Without stream routes (`StreamRouteCLITests`): readers on distant tiles read through DDR4 here.
        options.streamRoutes = false
        let outcome = try PlanPipeline.run(graph: model, platform: platform, strategy: OptimizeStrategy(), options: options)
        // The planned graph: SqueezeNet with its large convolutions split over the tiles.
        let graph = outcome.problem.graph
        let table = outcome.costs.table
        var plan = try SimulationPlan(resolving: outcome.document, file: "(plan)", graph: graph, unitNames: table.unitNames,
                                      memoryNames: table.memoryNames, residency: table)
        plan.intervalUS = outcome.document.summary.intervalUS
        return Case(graph: graph, machine: SimulationMachine(costs: table, platform: platform), plan: plan, problem: outcome.problem,
                    document: outcome.document)
    }

    /// Units with a program memory, busiest first (by the planner's durations).
    static func tilesByBusy(_ planned: Case) -> [(unit: Int, busy: Double)] {
        let problem = planned.problem
        var busy = [Double](repeating: 0, count: problem.unitCount)
        for op in 0..<problem.operatorCount {
            busy[planned.plan.units[op]] += problem.duration(op, planned.plan.units[op], planned.plan.units) ?? 0
        }
        return (0..<problem.unitCount).filter { planned.machine.programCapacity[$0] != nil && busy[$0] > 0 }
            .map { ($0, busy[$0]) }.sorted { $0.busy > $1.busy }
    }

    func testThroughputPlanPacksKernelsWithinRatioAndProgramMemory() throws {
        let planned = try Self.planned()
        XCTAssertNoThrow(try planned.simulate())
        let packing = try XCTUnwrap(planned.document.packing)
        XCTAssertFalse(packing.isEmpty)
        for tile in packing {
            XCTAssertLessThanOrEqual(tile.runTimeRatio, 1 + 1e-9, tile.unit)
            XCTAssertLessThanOrEqual(tile.programBytes, tile.programCapacityBytes, tile.unit)
        }
        XCTAssertGreaterThan(packing.map(\.kernels).max() ?? 0, 1, "several kernels share a tile")
        XCTAssertGreaterThan(packing.count, 1, "the throughput plan spreads kernels over several tiles")
    }

    func testKernelsMovedOntoATileOverloadIt() throws {
        let planned = try Self.planned()
        let interval = try XCTUnwrap(planned.plan.intervalUS)
        let (tile, _) = try XCTUnwrap(Self.tilesByBusy(planned).first)
        var mutated = planned
        // Other tiles' kernels onto the busiest tile, keeping their times, until it needs more than the interval.
        var busy = 0.0
        for op in 0..<planned.problem.operatorCount where planned.machine.programCapacity[planned.plan.units[op]] != nil {
            mutated.plan.units[op] = tile
        }
        for op in 0..<planned.problem.operatorCount where mutated.plan.units[op] == tile {
            busy += planned.problem.duration(op, tile, mutated.plan.units) ?? 0
        }
        try XCTSkipUnless(busy > interval * 1.01, "the tiles' work fits one tile's interval (\(busy) us of \(interval) us)")
        XCTAssertThrowsError(try mutated.simulate()) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .runTimeRatioExceeded, violation.description)
            XCTAssertEqual(violation.unit, planned.machine.unitNames[tile])
            XCTAssertTrue(violation.description.contains("run-time ratio"), violation.description)
        }
    }

    func testUnderstatedIntervalIsDetected() throws {
        var mutated = try Self.planned()
        let tiles = Self.tilesByBusy(mutated)
        let busy = try XCTUnwrap(tiles.first).busy
        mutated.plan.intervalUS = busy * 0.9
        let overloaded = tiles.filter { $0.busy > busy * 0.9 * 1.001 }.map { mutated.machine.unitNames[$0.unit] }
        XCTAssertThrowsError(try mutated.simulate()) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .runTimeRatioExceeded, violation.description)
            XCTAssertTrue(overloaded.contains(violation.unit ?? ""), "\(violation.description) not among \(overloaded)")
        }
    }

    func testProgramMemoryOverflowIsDetected() throws {
        var mutated = try Self.planned()
        let used = mutated.plan.units.indices.reduce(into: [Int: Int]()) { used, op in
            let unit = mutated.plan.units[op]
            if mutated.machine.programCapacity[unit] != nil { used[unit, default: 0] += mutated.machine.costs.programBytes[op][unit] }
        }
        let (tile, bytes) = try XCTUnwrap(used.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })
        mutated.machine.programCapacity[tile] = bytes - 1
        XCTAssertThrowsError(try mutated.simulate()) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .programMemoryExceeded, violation.description)
            XCTAssertEqual(violation.unit, mutated.machine.unitNames[tile])
            XCTAssertTrue(violation.found.contains("\(bytes) bytes of programs"), violation.description)
        }
    }
}
