import HeteroBench
import HeteroCost
import HeteroIR
@testable import HeteroPlan
import HeteroRecords
import XCTest

final class MemoryTests: XCTestCase {
    /// Two units, each computing from its own memory; memory 0 holds `capacity` bytes, memory 1 is
    /// unlimited; links at 1000 bytes/us. Only u0 runs the tasks, so everything lives in memory 0.
    func problem(capacity: Int?) throws -> PlanProblem {
        // a -> b -> c -> d, and a -> d: a's output waits in memory while b and c run.
        let tensors = [
            Tensor(name: "a->b", byteSize: 400, kind: .activation), Tensor(name: "a->d", byteSize: 600, kind: .activation),
            Tensor(name: "b->c", byteSize: 500, kind: .activation), Tensor(name: "c->d", byteSize: 500, kind: .activation),
        ]
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["a->b", "a->d"], explicitCostsUS: ["u0": 1, "u1": nil]),
            Operator(name: "b", type: "Task", inputs: ["a->b"], outputs: ["b->c"], explicitCostsUS: ["u0": 10, "u1": nil]),
            Operator(name: "c", type: "Task", inputs: ["b->c"], outputs: ["c->d"], explicitCostsUS: ["u0": 10, "u1": nil]),
            Operator(name: "d", type: "Task", inputs: ["a->d", "c->d"], outputs: [], explicitCostsUS: ["u0": 1, "u1": nil]),
        ]
        let graph = try Graph(name: "spill", tensors: tensors, operators: ops, inputs: [], outputs: [])
        let units = ["u0", "u1"]
        let classic = ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000)
        var table = CostTable(unitNames: units, unitKinds: ["dla", "cpu"], execUS: classic.execUS, reasons: classic.reasons,
                              transferFixedUS: classic.transferFixedUS, transferPerByteUS: classic.transferPerByteUS, syncUS: classic.syncUS,
                              unitMemory: [0, 1], memoryNames: ["local", "dram"], memoryCapacity: [capacity, nil], routes: classic.routes,
                              linkEngines: classic.linkEngines, contention: false, energyPJ: classic.energyPJ,
                              transferEnergyPJPerByte: classic.transferEnergyPJPerByte)
        table.memoryTransferFixedUS = classic.transferFixedUS.rows
        table.memoryTransferPerByteUS = classic.transferPerByteUS.rows
        return try PlanProblem(graph: graph, costs: table)
    }

    func testPlanRespectsLifetimesAndBound() throws {
        let problem = try problem(capacity: nil)
        let schedule = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        let plan = MemoryPlanner.plan(problem, schedule)
        let local = plan.usage[0]
        // At c's run: a->d (600) + b->c (500) + c->d (500) are live.
        XCTAssertEqual(local.lowerBoundBytes, 1600)
        XCTAssertGreaterThanOrEqual(local.peakBytes, local.lowerBoundBytes)
        assertNoOverlaps(plan)
    }

    /// Without a spill 1600 bytes are live while c runs; spilling a->d leaves at most 1500 (a->b,
    /// b->c and a->d before its store completes).
    func testOverflowForcesASpillAndThePlanStaysValid() throws {
        let problem = try problem(capacity: 1500)
        let schedule = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        let outcome = try MemorySpiller.run(problem, schedule)
        XCTAssertEqual(outcome.spills.map(\.subject), ["tensor \"a->d\""])
        XCTAssertLessThanOrEqual(outcome.memory.usage[0].peakBytes, 1500)
        assertNoOverlaps(outcome.memory)
        // d waits for the store (0.6 us) after a, and reloads (0.6 us) only once c has finished.
        let ops = outcome.schedule.operators
        XCTAssertEqual(ops[3].startUS, ops[2].finishUS + 0.6, accuracy: 1e-9)
        let copies = outcome.schedule.spills
        XCTAssertEqual(copies.map(\.kind), [.store, .reload])
        XCTAssertEqual(copies[0].startUS, ops[0].finishUS, accuracy: 1e-12)
        XCTAssertEqual(copies[1].finishUS, ops[3].startUS, accuracy: 1e-12)
        // The spilled tensor occupies the unlimited memory between store and reload.
        XCTAssertTrue(outcome.memory.buffers.contains { $0.memory == 1 && $0.tensor == problem.graph.tensorIndex["a->d"]! })
    }

    func testNothingToSpillIsAnErrorNamingMemoryAndTensors() throws {
        let problem = try problem(capacity: 900)
        let schedule = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        XCTAssertThrowsError(try MemorySpiller.run(problem, schedule)) { error in
            guard case .memoryOverflow(let memory, _, let capacity, _, let live, _)? = error as? PlanError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(memory, "local")
            XCTAssertEqual(capacity, 900)
            XCTAssertTrue(live.contains { $0.hasPrefix("b->c") }, "\(live)")
        }
    }

    /// A zero-time reader and a producer starting at the same instant may run in either order on
    /// their unit, so the tensor read then must not share addresses with the one produced then
    /// (YOLOv8's Reshapes on meteor-lake's NPU deadlocked the simulator when they did).
    func testBufferReadByAZeroTimeOperatorIsNotReusedAtThatInstant() throws {
        let tensors = [
            Tensor(name: "a->r", byteSize: 400, kind: .activation), Tensor(name: "a->p", byteSize: 4, kind: .activation),
            Tensor(name: "p->q", byteSize: 400, kind: .activation),
        ]
        let ops = [
            Operator(name: "a", type: "Task", inputs: [], outputs: ["a->r", "a->p"], explicitCostsUS: ["u0": 1]),
            Operator(name: "r", type: "Task", inputs: ["a->r"], outputs: [], explicitCostsUS: ["u0": 0]),
            Operator(name: "p", type: "Task", inputs: ["a->p"], outputs: ["p->q"], explicitCostsUS: ["u0": 0]),
            Operator(name: "q", type: "Task", inputs: ["p->q"], outputs: [], explicitCostsUS: ["u0": 1]),
        ]
        let graph = try Graph(name: "instant", tensors: tensors, operators: ops, inputs: [], outputs: [])
        let classic = ClassicCosts.table(graph, units: ["u0"], bandwidthBytesPerUS: 1000)
        let table = CostTable(unitNames: ["u0"], unitKinds: ["dla"], execUS: classic.execUS, reasons: classic.reasons,
                              transferFixedUS: classic.transferFixedUS, transferPerByteUS: classic.transferPerByteUS, syncUS: classic.syncUS,
                              unitMemory: [0], memoryNames: ["local"], memoryCapacity: [nil], routes: classic.routes,
                              linkEngines: classic.linkEngines, contention: false, energyPJ: classic.energyPJ,
                              transferEnergyPJPerByte: classic.transferEnergyPJPerByte)
        let problem = try PlanProblem(graph: graph, costs: table)
        let schedule = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        let r = schedule.operators[1], p = schedule.operators[2]
        XCTAssertEqual(r.startUS, r.finishUS)
        XCTAssertEqual(r.finishUS, p.startUS, "the test needs r's read and p's write at one instant")
        let plan = MemoryPlanner.plan(problem, schedule)
        let read = try XCTUnwrap(plan.buffers.first { $0.tensor == 0 })
        let written = try XCTUnwrap(plan.buffers.first { $0.tensor == 2 })
        XCTAssertTrue(read.offset + read.bytes <= written.offset || written.offset + written.bytes <= read.offset,
                      "a->r at \(read.offset) and p->q at \(written.offset) share addresses")
        assertNoOverlaps(plan)
    }

    /// No two buffers of one memory overlap in both address range and lifetime.
    func assertNoOverlaps(_ plan: MemoryPlan, file: StaticString = #filePath, line: UInt = #line) {
        for memory in Set(plan.buffers.map(\.memory)) {
            let buffers = plan.buffers.filter { $0.memory == memory }
            for (index, a) in buffers.enumerated() {
                for b in buffers[(index + 1)...] {
                    let timeOverlap = MemoryPlanner.overlaps(a, b)
                    let spaceOverlap = a.offset < b.offset + b.bytes && b.offset < a.offset + a.bytes
                    XCTAssertFalse(timeOverlap && spaceOverlap, "buffers of tensors \(a.tensor) and \(b.tensor) overlap", file: file, line: line)
                }
            }
        }
    }
}
