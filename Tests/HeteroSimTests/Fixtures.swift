import Foundation
import HeteroBench
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroRecords
import HeteroPlatform
import HeteroSim
import TestSupport
import XCTest

/// A planned problem ready to simulate.
struct PlannedCase {
    var problem: PlanProblem
    var machine: SimulationMachine
    var plan: SimulationPlan
    var memory: MemoryPlan

    func simulate(_ options: SimulationOptions = SimulationOptions()) throws(SimulationViolation) -> SimulationResult {
        try Simulator(graph: problem.graph, machine: machine, options: options).run(plan)
    }
}

enum Fixtures {
    /// A random classic-model task graph on three units, each with its own memory.
    static func classic(tasks: Int, seed: UInt64, strategy: any PlanningStrategy = HEFTStrategy()) throws -> PlannedCase {
        let units = ["u0", "u1", "u2"]
        let graph = try RandomTaskGraph(tasks: tasks, units: units).generate(seed: seed)
        let problem = try PlanProblem(graph: graph, costs: ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000))
        return try plan(problem, machine: SimulationMachine(costs: problem.costs, platform: nil), strategy: strategy)
    }

    /// A random task graph on three units where u0 and u1 compute from one memory (m0) and u2
    /// from another (m1), both as small as the memory-spill pass can cope with (tried from 95%
    /// of the unconstrained plan's peak down to `lowest`, in 5% steps), with an unlimited `dram`
    /// that no unit computes from to spill into. Links run at 1000 bytes/us; a consumer on
    /// another unit pays 0.5 us of synchronisation. The plan is HEFT's schedule after the
    /// memory-spill pass; nil when no capacity below the peak can be met.
    static func classicWithSpills(tasks: Int, seed: UInt64, lowest: Double = 0.5) throws -> PlannedCase? {
        let units = ["u0", "u1", "u2"]
        let graph = try RandomTaskGraph(tasks: tasks, units: units).generate(seed: seed)
        let unitMemory = [0, 0, 1]
        func problem(_ capacities: [Int?]) throws -> PlanProblem {
            let classic = ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000)
            let crosses = (0..<3).map { a in (0..<3).map { b in unitMemory[a] != unitMemory[b] } }
            let perByte = crosses.map { row in row.map { $0 ? 0.001 : 0 } }
            let fixed = crosses.map { row in row.map { _ in 0.0 } }
            let sync = (0..<3).map { a in (0..<3).map { b in a == b ? 0 : 0.5 } }
            let routes = (0..<3).map { a in (0..<3).map { b in crosses[a][b] ? [unitMemory[a] * 2 + unitMemory[b]] : [] } }
            var table = CostTable(unitNames: units, unitKinds: classic.unitKinds, execUS: classic.execUS, reasons: classic.reasons,
                                  transferFixedUS: fixed, transferPerByteUS: perByte, syncUS: sync, unitMemory: unitMemory,
                                  memoryNames: ["m0", "m1", "dram"], memoryCapacity: capacities + [nil], routes: routes,
                                  linkEngines: [1, 1, 1, 1], contention: false, energyPJ: classic.energyPJ,
                                  transferEnergyPJPerByte: fixed)
            table.memoryTransferFixedUS = (0..<3).map { _ in [0, 0, 0] }
            table.memoryTransferPerByteUS = (0..<3).map { a in (0..<3).map { b in a == b ? 0 : 0.001 } }
            return try PlanProblem(graph: graph, costs: table)
        }
        let free = try problem([nil, nil])
        let schedule = try HEFTStrategy().schedule(free, options: PlanOptions()).schedule
        let peaks = MemoryPlanner.plan(free, schedule).usage.prefix(2).map(\.peakBytes)
        var best: PlannedCase?
        for fraction in stride(from: 0.95, through: lowest, by: -0.05) {
            let limited = try problem(peaks.map { Int(Double($0) * fraction) })
            let initial = try HEFTStrategy().schedule(limited, options: PlanOptions()).schedule
            let spilled: MemorySpiller.Outcome
            do { spilled = try MemorySpiller.run(limited, initial) } catch { break }
            best = PlannedCase(problem: limited, machine: SimulationMachine(costs: limited.costs, platform: nil),
                               plan: SimulationPlan(schedule: spilled.schedule, memory: spilled.memory), memory: spilled.memory)
        }
        return best
    }

    /// A task graph given inline (hand-made fault cases).
    static func tasks(_ graph: Graph, assignment: [Int]) throws -> PlannedCase {
        let units = ["u0", "u1", "u2"]
        let problem = try PlanProblem(graph: graph, costs: ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000))
        let order = Array(0..<graph.operators.count)
        let schedule = ScheduleBuilder(problem: problem).build(assignment: assignment, priority: order)
        let memory = MemoryPlanner.plan(problem, schedule)
        return PlannedCase(problem: problem, machine: SimulationMachine(costs: problem.costs, platform: nil),
                           plan: SimulationPlan(schedule: schedule, memory: memory), memory: memory)
    }

    /// A shipped model on a platform file, with the cost engine's traffic figures.
    /// `residency`: Belady's next-use policy by default — it evicts (memory spill) as the
    /// optimizing policy does, which the simulator must then agree with, and plans several times
    /// faster in a debug build; which tensors the policy picks is not what these tests check.
    static func model(_ name: String, platform platformFile: String = "onnc-cpu-dsp-dla.json", contention: Bool? = nil,
                      strategy: any PlanningStrategy = HEFTStrategy(), residency: ResidencyPolicy = .nextUse) throws -> PlannedCase {
        let graph = try ModelLoader.load(path: Repository.model(name + ".onnx"))
        var platform = try Platform.load(path: Repository.platform(platformFile))
        if let contention { platform.interconnect.contention = contention }
        let costs = try CostEngine(platform: platform).evaluate(graph)
        let problem = try PlanProblem(graph: graph, costs: costs.table)
        let machine = SimulationMachine(costs: costs.table, platform: platform)
        return try plan(problem, machine: machine, strategy: strategy, residency: residency)
    }

    static func plan(_ problem: PlanProblem, machine: SimulationMachine, strategy: any PlanningStrategy,
                     residency: ResidencyPolicy = .optimize) throws -> PlannedCase {
        var options = PlanOptions()
        options.evaluationBudget = 2_000
        let searched = try strategy.schedule(problem, options: options).schedule
        // Activations stay in resident memories where they fit (the pipeline's residency stage).
        let resident = try ResidencyPlanner.run(problem, searched, policy: residency, objective: .latency)
        let memory = MemoryPlanner.plan(resident.problem, resident.schedule)
        return PlannedCase(problem: resident.problem, machine: machine, plan: SimulationPlan(schedule: resident.schedule, memory: memory),
                           memory: memory)
    }
}

/// Asserts |simulated - predicted| <= 1e-9 · predicted.
func assertMatchesPrediction(_ result: SimulationResult, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
    let tolerance = 1e-9 * max(result.predictedMakespanUS, 1e-12)
    XCTAssertEqual(result.makespanUS, result.predictedMakespanUS, accuracy: tolerance,
                   "\(message): simulated \(result.makespanUS) us, predicted \(result.predictedMakespanUS) us", file: file, line: line)
}

/// ResNet-50 planned on Meteor Lake's NPU (fallback npu, shave) by the pipeline, after `configure`
/// changed the platform and the options (contention, CMX size, residency, weight prefetch).
func planResNetOnMeteorLakeNPU(_ configure: (inout Platform, inout PlanOptions) -> Void) throws -> (PlanPipeline.Outcome, Graph, Platform) {
    let graph = try ModelLoader.load(path: Repository.model("light_resnet50.onnx"))
    var platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
    var options = PlanOptions()
    options.fallbackPriority = ["npu", "shave"]
    configure(&platform, &options)
    return (try PlanPipeline.run(graph: graph, platform: platform, strategy: FallbackStrategy(), options: options), graph, platform)
}
