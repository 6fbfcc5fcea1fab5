import HeteroBench
import HeteroCost
import HeteroIR
import HeteroPlan
import HeteroRecords
import HeteroSim
import XCTest

/// The list scheduler's contention model (shared memory and link bandwidth, DMA engines) on
/// cases small enough to compute by hand, checked against the simulator with contention on.
final class ContentionPredictionTests: XCTestCase {
    /// Units u0 and u1 compute from `dram` (1000 bytes/us), u2 from `sram` (unlimited bandwidth);
    /// one link each way between them at 500 bytes/us with `engines` DMA engines.
    /// Every operator takes 100 us wherever it runs; `traffic[op]` is (overhead us, bytes).
    func problem(_ operators: [Operator], tensors: [Tensor], traffic: [(Double, Int)], engines: Int = 1,
                 contention: Bool = true) throws -> PlanProblem {
        let graph = try Graph(name: "contention", tensors: tensors, operators: operators, inputs: [], outputs: [])
        let units = ["u0", "u1", "u2"]
        let unitMemory = [0, 0, 1]
        let classic = ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 500)
        let crosses = (0..<3).map { a in (0..<3).map { b in unitMemory[a] != unitMemory[b] } }
        let perByte = crosses.map { row in row.map { $0 ? 1.0 / 500 : 0 } }
        let zero = crosses.map { row in row.map { _ in 0.0 } }
        let routes = (0..<3).map { a in (0..<3).map { b in crosses[a][b] ? [unitMemory[a] == 1 ? 0 : 1] : [] } }
        var table = CostTable(unitNames: units, unitKinds: ["dla", "dsp", "cpu"], execUS: classic.execUS, reasons: classic.reasons,
                              transferFixedUS: zero, transferPerByteUS: perByte, syncUS: zero, unitMemory: unitMemory,
                              memoryNames: ["dram", "sram"], memoryCapacity: [nil, nil], routes: routes,
                              linkEngines: [engines, engines], contention: contention, energyPJ: classic.energyPJ,
                              transferEnergyPJPerByte: zero)
        table.memoryTransferFixedUS = [[0, 0], [0, 0]]
        table.memoryTransferPerByteUS = [[0, 1.0 / 500], [1.0 / 500, 0]]
        table.memoryBytesPerUS = [1000, .infinity]
        table.memoryBytes = traffic.map { _, bytes in [bytes, bytes, bytes] }
        table.overheadUS = traffic.map { overhead, _ in [overhead, overhead, overhead] }
        table.links = [
            LinkModel(label: "sram -> dram", fromMemory: 1, toMemory: 0, bytesPerUS: 500, latencyUS: 0, engines: engines),
            LinkModel(label: "dram -> sram", fromMemory: 0, toMemory: 1, bytesPerUS: 500, latencyUS: 0, engines: engines),
        ]
        return try PlanProblem(graph: graph, costs: table)
    }

    func task(_ name: String, on unit: String, inputs: [String] = [], outputs: [String] = []) -> Operator {
        let costs: [String: Double?] = ["u0": nil, "u1": nil, "u2": nil].merging([unit: 100]) { _, new in new }
        return Operator(name: name, type: "Task", inputs: inputs, outputs: outputs, explicitCostsUS: costs)
    }

    /// Builds the schedule and returns it with the simulator's makespan, contention on.
    func simulate(_ problem: PlanProblem, assignment: [Int], priority: [Int]) throws -> (schedule: Schedule, simulatedOn: Double) {
        let schedule = ScheduleBuilder(problem: problem).build(assignment: assignment, priority: priority)
        let plan = SimulationPlan(schedule: schedule, memory: MemoryPlanner.plan(problem, schedule))
        var on = SimulationOptions()
        on.contention = true
        let contended = try Simulator(graph: problem.graph, machine: SimulationMachine(costs: problem.costs, platform: nil), options: on).run(plan)
        return (schedule, contended.makespanUS)
    }

    /// Two independent operators on u0 and u1, each streaming DRAM's whole bandwidth: together
    /// they take twice as long. The planner gives the bandwidth to the first placed (a: 0-100 us,
    /// b: 0-200 us), the simulator shares it (both end at 200 us): the makespans agree.
    func testStreamsSharingAMemoryTakeTwiceAsLong() throws {
        let problem = try problem([task("a", on: "u0"), task("b", on: "u1")].map { op in
            var op = op
            op.explicitCostsUS = ["u0": 100, "u1": 100, "u2": nil]
            return op
        }, tensors: [], traffic: [(0, 100_000), (0, 100_000)])
        let (schedule, simulated) = try simulate(problem, assignment: [0, 1], priority: [0, 1])
        XCTAssertEqual(schedule.operators[0].finishUS, 100, accuracy: 1e-9)
        XCTAssertEqual(schedule.operators[1].startUS, 0, accuracy: 1e-9)
        XCTAssertEqual(schedule.operators[1].finishUS, 200, accuracy: 1e-9)
        XCTAssertEqual(schedule.makespanUS, 200, accuracy: 1e-9)
        XCTAssertEqual(simulated, 200, accuracy: 1e-6)

        // Without contention the same plan takes 100 us.
        var ideal = ScheduleBuilder(problem: problem)
        ideal.contention = false
        XCTAssertEqual(ideal.build(assignment: [0, 1], priority: [0, 1]).makespanUS, 100, accuracy: 1e-9)

        // Knowing this, the optimizer sees no gain in splitting them over u0 and u1.
        var options = PlanOptions()
        options.evaluationBudget = 500
        let optimized = try OptimizeStrategy().schedule(problem, options: options).schedule
        XCTAssertEqual(optimized.makespanUS, 200, accuracy: 1e-9)
    }

    /// Streams that fit together (400 + 400 of 1000 bytes/us) do not slow each other.
    func testStreamsWithinTheBandwidthDoNotContend() throws {
        let problem = try problem([task("a", on: "u0"), task("b", on: "u1")], tensors: [], traffic: [(0, 40_000), (0, 40_000)])
        let (schedule, simulated) = try simulate(problem, assignment: [0, 1], priority: [0, 1])
        XCTAssertEqual(schedule.makespanUS, 100, accuracy: 1e-9)
        XCTAssertEqual(simulated, 100, accuracy: 1e-6)
    }

    /// An operator's command overhead (20 us) moves no data: the streams start at 20 us, share
    /// 80 us of full-bandwidth work each, and end at 180 us.
    func testOverheadIsNotShared() throws {
        let problem = try problem([task("a", on: "u0"), task("b", on: "u1")], tensors: [], traffic: [(20, 80_000), (20, 80_000)])
        let (schedule, simulated) = try simulate(problem, assignment: [0, 1], priority: [0, 1])
        XCTAssertEqual(schedule.operators[0].finishUS, 100, accuracy: 1e-9)
        XCTAssertEqual(schedule.operators[1].finishUS, 180, accuracy: 1e-9)
        XCTAssertEqual(simulated, 180, accuracy: 1e-6)
    }

    /// p on u2 (SRAM) feeds x to c on u0 and y to d on u1 (DRAM): two 50 kB transfers over one
    /// 500 bytes/us link. With one DMA engine the second queues behind the first (arrivals at 200
    /// and 300 us); with two they share the bandwidth and the last still arrives at 300 us. (One
    /// tensor read on both units would be transferred into DRAM once.)
    func testTransfersShareALinkAndItsEngines() throws {
        let tensors = [Tensor(name: "x", byteSize: 50_000, kind: .activation), Tensor(name: "y", byteSize: 50_000, kind: .activation)]
        let operators = [task("p", on: "u2", outputs: ["x", "y"]), task("c", on: "u0", inputs: ["x"]), task("d", on: "u1", inputs: ["y"])]
        for engines in [1, 2] {
            let problem = try problem(operators, tensors: tensors, traffic: [(0, 0), (0, 0), (0, 0)], engines: engines)
            let (schedule, simulated) = try simulate(problem, assignment: [2, 0, 1], priority: [0, 1, 2])
            XCTAssertEqual(schedule.transfers.map(\.finishUS).sorted(), [200, 300], "\(engines) engines")
            XCTAssertEqual(schedule.makespanUS, 400, accuracy: 1e-9)
            XCTAssertEqual(simulated, 400, accuracy: 1e-6, "\(engines) engines")
        }
    }

    /// A platform with contention off: the schedule is the classic one.
    func testNoContentionMeansTheClassicSchedule() throws {
        let problem = try problem([task("a", on: "u0"), task("b", on: "u1")], tensors: [], traffic: [(0, 100_000), (0, 100_000)],
                                  contention: false)
        let schedule = ScheduleBuilder(problem: problem).build(assignment: [0, 1], priority: [0, 1])
        XCTAssertEqual(schedule.makespanUS, 100, accuracy: 1e-9)
    }
}
