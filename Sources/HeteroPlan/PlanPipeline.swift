import Foundation
import HeteroCost
import HeteroIR
import HeteroPlatform

/// The `plan` pipeline as one function, shared by the plan command, the benchmarks and the
/// design-space exploration: costs -> strategy -> memory planning with memory spill -> plan document.
public enum PlanPipeline {
    public struct Outcome: Sendable {
        public var document: PlanDocument
        public var problem: PlanProblem
        /// The strategy's result, its schedule replaced by the memory-spilled one.
        public var result: StrategyResult
        /// The cost engine's result (per-operator details: traffic for the simulator, tiling).
        public var costs: CostEngine.Result
        /// Wall-clock seconds for the whole pipeline.
        public var seconds: Double
    }

    public static func run(graph: Graph, platform: Platform, profile: CostProfile? = nil, strategy: any PlanningStrategy,
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
