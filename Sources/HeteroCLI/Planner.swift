import Foundation
import HeteroCost
import HeteroIR
import HeteroPlan
import HeteroPlatform

/// The `plan` pipeline as one function, shared by the plan command and the benchmarks:
/// costs -> strategy -> memory plan -> plan document.
enum Planner {
    struct Outcome {
        var document: PlanDocument
        var problem: PlanProblem
        var result: StrategyResult
        /// The cost engine's result (the simulator needs its per-operator traffic).
        var costs: CostEngine.Result
        var seconds: Double
    }

    static func run(graph: Graph, platform: Platform, profile: CostProfile? = nil, strategy: any PlanningStrategy,
                    options: PlanOptions) throws -> Outcome {
        let start = Date()
        let costs = try CostEngine(platform: platform, profile: profile).evaluate(graph)
        let problem = try PlanProblem(graph: graph, costs: costs.table)
        var result = try strategy.schedule(problem, options: options)
        let spilled = try MemorySpiller.run(problem, result.schedule)
        result.schedule = spilled.schedule
        let document = PlanDocument(problem: problem, platformName: platform.name, strategy: strategy.name,
                                    objective: options.objective, result: result, memory: spilled.memory, spills: spilled.spills)
        return Outcome(document: document, problem: problem, result: result, costs: costs, seconds: Date().timeIntervalSince(start))
    }
}
