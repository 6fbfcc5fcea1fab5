import Foundation
import HeteroCost
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroSupport

/// Plans one point: builds the platform variant, runs `PlanPipeline` (as `hetero-plan plan`
/// does) and measures the result. Never throws: a failure
/// becomes a `failed` record carrying the error's message.
public struct PointEvaluator: Sendable {
    public let spec: SweepSpec
    /// Strategy name -> strategy (the CLI passes its `--strategy` catalogue).
    public let strategies: [String: any PlanningStrategy]
    private let graphs: [String: Graph]

    public init(spec: SweepSpec, strategies: [String: any PlanningStrategy]) {
        self.spec = spec
        self.strategies = strategies
        graphs = Dictionary(uniqueKeysWithValues: spec.models.map { ($0.name, $0.graph) })
    }

    public func evaluate(_ point: SweepPoint) -> PointRecord {
        let start = Date()
        do {
            let metrics = try measure(point)
            return PointRecord(point: point, status: .ok, error: nil, metrics: metrics,
                               elapsedSeconds: Date().timeIntervalSince(start))
        } catch {
            return PointRecord(point: point, status: .failed, error: "\(error)", metrics: [:],
                               elapsedSeconds: Date().timeIntervalSince(start))
        }
    }

    private func measure(_ point: SweepPoint) throws -> [String: Double] {
        guard let graph = graphs[point.model] else { throw EvaluationError.unknownModel(point.model) }
        guard let strategy = strategies[point.strategy] else { throw EvaluationError.unknownStrategy(point.strategy) }
        guard let objective = PlanOptions.Objective(rawValue: point.objective) else {
            throw EvaluationError.unknownObjective(point.objective)
        }
        let variant = try PlatformVariant.make(base: spec.basePlatform, axes: spec.axes, parameters: point.parameters)
        let platform = try Platform.decode(variant.document, file: "\(spec.name) point \(point.id)")

        var options = PlanOptions()
        options.objective = objective
        options.timeLimitSeconds = spec.plannerTimeLimitSeconds
        options.seed = spec.plannerSeed
        options.evaluationBudget = spec.plannerEvaluationBudget
        options.residency = spec.plannerResidency
        let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: strategy, options: options)
        let document = outcome.document
        var metrics = PointMetrics.measure(problem: outcome.problem, schedule: outcome.result.schedule, costs: outcome.costs)
        if let energy = document.summary.energyUJ { metrics["energy_uj"] = energy }
        metrics["latency_us"] = document.summary.makespanUS
        metrics["lower_bound_us"] = document.summary.lowerBoundUS
        metrics["transfers"] = Double(document.summary.transfers)
        metrics["transfer_bytes"] = Double(document.summary.transferBytes)
        metrics["unit_switches"] = Double(document.summary.unitSwitches)
        if let interval = document.summary.intervalUS { metrics["interval_us"] = interval }
        if let cost = spec.cost { metrics["cost"] = cost.cost(of: platform, origins: variant.origins) }
        return metrics
    }
}

/// Why a point could not be planned before the planner ran.
public enum EvaluationError: Error, CustomStringConvertible {
    case unknownModel(String)
    case unknownStrategy(String)
    case unknownObjective(String)
    case timedOut(seconds: Double)

    public var description: String {
        switch self {
        case .unknownModel(let name): return "no model named \(name) in the spec"
        case .unknownStrategy(let name): return "no strategy named \(name) in this build"
        case .unknownObjective(let name): return "objective \(name) is not implemented"
        case .timedOut(let seconds): return "exceeded the per-point time limit of \(format(seconds)) s"
        }
    }
}
