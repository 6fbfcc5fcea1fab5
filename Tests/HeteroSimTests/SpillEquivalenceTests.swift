import HeteroBench
import HeteroCost
import HeteroIR
import HeteroPlan
import HeteroRecords
import HeteroSim
import XCTest

/// Plans with memory spills (stores and reloads) run exactly as predicted with contention off,
/// and their copies are validated like transfers.
final class SpillEquivalenceTests: XCTestCase {
    func testSpilledPlansMatchPrediction() throws {
        var spilledPlans = 0
        var copies = 0
        for seed in 0..<14 as Range<UInt64> {
            guard let planned = try Fixtures.classicWithSpills(tasks: 20 + Int(seed % 3) * 8, seed: seed) else { continue }
            guard !planned.plan.copies.isEmpty else { continue }
            spilledPlans += 1
            copies += planned.plan.copies.count
            let result: SimulationResult
            do {
                result = try planned.simulate()
            } catch {
                XCTFail("seed \(seed): \(error)")
                continue
            }
            assertMatchesPrediction(result, "seed \(seed)")
            for (op, simulated) in result.operators.enumerated() {
                XCTAssertEqual(simulated.start.microseconds, planned.plan.startUS[op], accuracy: 1e-6, "seed \(seed) op \(op)")
            }
            // Stores run when planned; a reload may start earlier than the planner's just-in-time
            // start (as soon as its store, its consumer's other inputs and its addresses are
            // ready) but arrives by the time its consumer starts.
            for (index, copy) in planned.plan.copies.enumerated() {
                let simulated = result.copies[index]
                switch copy.kind {
                case .store:
                    XCTAssertEqual(simulated.start.microseconds, copy.startUS, accuracy: 1e-6, "seed \(seed) store \(index)")
                    XCTAssertEqual(simulated.arrival.microseconds, copy.finishUS, accuracy: 1e-6, "seed \(seed) store \(index)")
                case .reload, .prefetch:
                    XCTAssertLessThanOrEqual(simulated.start.microseconds, copy.startUS + 1e-6, "seed \(seed) \(copy.kind) \(index)")
                    let consumer = try XCTUnwrap(copy.consumer)
                    XCTAssertLessThanOrEqual(simulated.arrival, result.operators[consumer].start, "seed \(seed) \(copy.kind) \(index)")
                case .recompute:
                    XCTFail("recomputations are not moves (SimulationPlan.recomputes)")
                }
            }
            // No memory ever holds more than its capacity.
            for memory in result.memories {
                if let capacity = memory.capacityBytes { XCTAssertLessThanOrEqual(memory.peakAddress, capacity, "seed \(seed) \(memory.name)") }
            }
        }
        XCTAssertGreaterThanOrEqual(spilledPlans, 4, "enough instances spill to mean something")
        print("spilled plans: \(spilledPlans), copies: \(copies)")
    }

    func testDroppingAReloadIsDetected() throws {
        var checked = 0
        for seed in 0..<30 as Range<UInt64> where checked < 3 {
            guard var planned = try Fixtures.classicWithSpills(tasks: 24, seed: seed),
                  let reload = planned.plan.copies.firstIndex(where: { $0.kind == .reload }) else { continue }
            planned.plan.copies.remove(at: reload)
            XCTAssertThrowsError(try planned.simulate(), "seed \(seed)") { error in
                let kind = (error as? SimulationViolation)?.kind
                XCTAssertTrue(kind == .missingInput || kind == .staleInput, "seed \(seed): \(error)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }
}

/// A tensor spilled between its reads (memory spill, planned by `MemorySpiller`): the early
/// reader reads the home copy, the late one a reload; the simulator validates every read and
/// matches the prediction.
final class SpillBetweenReadsTests: XCTestCase {
    func testEarlyReaderReadsTheHomeCopyAndTheLateOneTheReload() throws {
        let tensors = [
            Tensor(name: "t", byteSize: 600, kind: .activation), Tensor(name: "bc", byteSize: 500, kind: .activation),
            Tensor(name: "cd", byteSize: 500, kind: .activation), Tensor(name: "de", byteSize: 500, kind: .activation),
        ]
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["t"], explicitCostsUS: ["u0": 1, "u1": nil]),
            Operator(name: "b", type: "Task", inputs: ["t"], outputs: ["bc"], explicitCostsUS: ["u0": 1, "u1": nil]),
            Operator(name: "c", type: "Task", inputs: ["bc"], outputs: ["cd"], explicitCostsUS: ["u0": 10, "u1": nil]),
            Operator(name: "d", type: "Task", inputs: ["cd"], outputs: ["de"], explicitCostsUS: ["u0": 10, "u1": nil]),
            Operator(name: "e", type: "Task", inputs: ["t", "de"], outputs: [], explicitCostsUS: ["u0": 1, "u1": nil]),
        ]
        let graph = try Graph(name: "early-late", tensors: tensors, operators: ops, inputs: [], outputs: [])
        let units = ["u0", "u1"]
        let classic = ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000)
        var table = CostTable(unitNames: units, unitKinds: ["dla", "cpu"], execUS: classic.execUS, reasons: classic.reasons,
                              transferFixedUS: classic.transferFixedUS, transferPerByteUS: classic.transferPerByteUS, syncUS: classic.syncUS,
                              unitMemory: [0, 1], memoryNames: ["local", "dram"], memoryCapacity: [1500, nil], routes: classic.routes,
                              linkEngines: classic.linkEngines, contention: false, energyPJ: classic.energyPJ,
                              transferEnergyPJPerByte: classic.transferEnergyPJPerByte)
        table.memoryTransferFixedUS = classic.transferFixedUS.rows
        table.memoryTransferPerByteUS = classic.transferPerByteUS.rows
        let problem = try PlanProblem(graph: graph, costs: table)
        let schedule = ScheduleBuilder(problem: problem).build(assignment: [0, 0, 0, 0, 0], priority: [0, 1, 2, 3, 4])
        // Without a spill t, bc and cd (or t, cd and de) are live together: 1600 bytes.
        XCTAssertEqual(MemoryPlanner.plan(problem, schedule).usage[0].lowerBoundBytes, 1600)
        let spilled = try MemorySpiller.run(problem, schedule)
        XCTAssertEqual(spilled.spills.map(\.subject), ["tensor \"t\""])
        XCTAssertLessThanOrEqual(spilled.memory.usage[0].peakBytes, 1500)
        let placed = spilled.schedule.operators
        XCTAssertEqual(placed[1].startUS, 1, accuracy: 1e-12, "b reads the home copy without waiting")
        XCTAssertEqual(placed[4].startUS, placed[3].finishUS + 0.6, accuracy: 1e-9, "e waits for the 0.6 us reload")
        let copies = spilled.schedule.spills
        XCTAssertEqual(copies.map(\.kind), [.store, .reload])
        XCTAssertEqual(copies[1].consumer, 4)
        // The home copy lives until both the store and b are done, then t is away until its reload.
        let home = spilled.memory.buffers.filter { $0.tensor == 0 && $0.memory == 0 }.sorted { $0.startUS < $1.startUS }
        XCTAssertEqual(home.count, 2)
        XCTAssertEqual(home[0].endUS, max(copies[0].finishUS, placed[1].finishUS), accuracy: 1e-12)
        XCTAssertEqual(home[1].startUS, copies[1].startUS, accuracy: 1e-12)
        let planned = PlannedCase(problem: problem, machine: SimulationMachine(costs: problem.costs, platform: nil),
                                  plan: SimulationPlan(schedule: spilled.schedule, memory: spilled.memory), memory: spilled.memory)
        let result = try planned.simulate()
        assertMatchesPrediction(result, "spill between reads")
        XCTAssertLessThanOrEqual(result.memories[0].peakAddress, 1500)
        // Dropping the reload leaves e reading a freed (or never written) copy: detected.
        var broken = planned
        broken.plan.copies.removeAll { $0.kind == .reload }
        XCTAssertThrowsError(try broken.simulate()) { error in
            let kind = (error as? SimulationViolation)?.kind
            XCTAssertTrue(kind == .missingInput || kind == .staleInput, "\(error)")
        }
    }
}
