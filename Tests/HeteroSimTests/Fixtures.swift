import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
@testable import HeteroSim
import XCTest

/// A planned problem ready to simulate.
struct PlannedCase {
    var problem: PlanProblem
    var machine: SimulationMachine
    var plan: SimulationPlan
    var memory: MemoryPlan

    func simulate(_ options: SimulationOptions = SimulationOptions()) throws(SimulationViolation) -> SimulationResult {
        try Simulator(problem: problem, machine: machine, options: options).run(plan)
    }
}

enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

    static let modelNames = ["light_bvlc_alexnet", "light_densenet121", "light_inception_v1", "light_inception_v2", "light_resnet50",
                             "light_shufflenet", "light_squeezenet", "light_vgg19", "light_zfnet512"]

    /// A random classic-model task graph on three units, each with its own memory.
    static func classic(tasks: Int, seed: UInt64, strategy: any PlanningStrategy = HEFTStrategy()) throws -> PlannedCase {
        let units = ["u0", "u1", "u2"]
        let graph = RandomTaskGraph(tasks: tasks, units: units).generate(seed: seed)
        let problem = try PlanProblem(graph: graph, costs: ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000))
        return try plan(problem, machine: SimulationMachine(costs: problem.costs, platform: nil), strategy: strategy)
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
    static func model(_ name: String, platform platformFile: String = "Platforms/onnc-cpu-dsp-dla.json", contention: Bool? = nil,
                      strategy: any PlanningStrategy = HEFTStrategy()) throws -> PlannedCase {
        let graph = try ModelLoader.load(path: path("Models/\(name).onnx"))
        var platform = try Platform.load(path: path(platformFile))
        if let contention { platform.interconnect.contention = contention }
        let costs = try CostEngine(platform: platform).evaluate(graph)
        let problem = try PlanProblem(graph: graph, costs: costs.table)
        let machine = SimulationMachine(costs: costs.table, platform: platform, traffic: OperatorTraffic.table(costs.details))
        return try plan(problem, machine: machine, strategy: strategy)
    }

    static func plan(_ problem: PlanProblem, machine: SimulationMachine, strategy: any PlanningStrategy) throws -> PlannedCase {
        var options = PlanOptions()
        options.timeLimitSeconds = 2
        options.evaluationBudget = 2_000
        let schedule = try strategy.schedule(problem, options: options).schedule
        let memory = MemoryPlanner.plan(problem, schedule)
        return PlannedCase(problem: problem, machine: machine, plan: SimulationPlan(schedule: schedule, memory: memory), memory: memory)
    }
}

/// Asserts |simulated - predicted| <= 1e-9 · predicted.
func assertMatchesPrediction(_ result: SimulationResult, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
    let tolerance = 1e-9 * max(result.predictedMakespanUS, 1e-12)
    XCTAssertEqual(result.makespanUS, result.predictedMakespanUS, accuracy: tolerance,
                   "\(message): simulated \(result.makespanUS) us, predicted \(result.predictedMakespanUS) us", file: file, line: line)
}
