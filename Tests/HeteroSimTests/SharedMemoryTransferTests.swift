import HeteroBench
import HeteroCost
import HeteroIR
import HeteroPlan
import HeteroRecords
import HeteroSim
import XCTest

/// A tensor read on two units that share a memory is transferred into that memory once; a plan
/// copying it there twice is invalid.
final class SharedMemoryTransferTests: XCTestCase {
    /// u0 computes from m0; u1 and u2 both from m1. a (on u0) produces t, read by b (u1) and c (u2).
    func planned() throws -> PlannedCase {
        let graph = try Graph(name: "shared", tensors: [Tensor(name: "t", byteSize: 4000, kind: .activation)],
                              operators: [
                                  Operator(name: "a", type: "Task", inputs: [], outputs: ["t"], explicitCostsUS: ["u0": 5, "u1": nil, "u2": nil]),
                                  Operator(name: "b", type: "Task", inputs: ["t"], outputs: [], explicitCostsUS: ["u0": nil, "u1": 3, "u2": nil]),
                                  Operator(name: "c", type: "Task", inputs: ["t"], outputs: [], explicitCostsUS: ["u0": nil, "u1": nil, "u2": 4]),
                              ],
                              inputs: [], outputs: [])
        let units = ["u0", "u1", "u2"]
        let classic = ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000)
        var sync = classic.syncUS.rows
        sync[0][1] = 0.5
        sync[0][2] = 1.5
        var table = CostTable(unitNames: units, unitKinds: ["cpu", "dsp", "dla"], execUS: classic.execUS, reasons: classic.reasons,
                              transferFixedUS: classic.transferFixedUS, transferPerByteUS: classic.transferPerByteUS, syncUS: PairTable(sync),
                              unitMemory: [0, 1, 1], memoryNames: ["m0", "m1"], memoryCapacity: [nil, nil], routes: classic.routes,
                              linkEngines: classic.linkEngines, contention: false, energyPJ: classic.energyPJ,
                              transferEnergyPJPerByte: classic.transferEnergyPJPerByte)
        table.memoryTransferFixedUS = classic.transferFixedUS.rows
        table.memoryTransferPerByteUS = classic.transferPerByteUS.rows
        let problem = try PlanProblem(graph: graph, costs: table)
        let schedule = ScheduleBuilder(problem: problem).build(assignment: [0, 1, 2], priority: [0, 1, 2])
        let memory = MemoryPlanner.plan(problem, schedule)
        return PlannedCase(problem: problem, machine: SimulationMachine(costs: table, platform: nil),
                           plan: SimulationPlan(schedule: schedule, memory: memory), memory: memory)
    }

    func testOneTransferPerDestinationMemory() throws {
        let planned = try planned()
        XCTAssertEqual(planned.plan.transfers.map { "\($0.fromUnit)->\($0.toUnit)" }, ["0->1"])
        // c reads the copy b's transfer made, after its own unit's synchronisation (1.5 us).
        let transfer = planned.plan.transfers[0]
        XCTAssertEqual(planned.plan.startUS[2], transfer.finishUS + 1.5, accuracy: 1e-9)
        XCTAssertEqual(planned.plan.startUS[1], transfer.finishUS + 0.5, accuracy: 1e-9)
        assertMatchesPrediction(try planned.simulate(), "shared memory")
    }

    func testASecondTransferIntoTheSameMemoryIsAnInvalidPlan() throws {
        var planned = try planned()
        var second = planned.plan.transfers[0]
        second.toUnit = 2
        planned.plan.transfers.append(second)
        XCTAssertThrowsError(try planned.simulate()) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .duplicateTransfer)
            XCTAssertEqual(violation.tensor, "t")
            XCTAssertEqual(violation.memory, "m1")
            XCTAssertTrue(violation.description.contains("duplicate-transfer"), violation.description)
            XCTAssertTrue(violation.description.contains("already copies it there"), violation.description)
        }
    }
}
