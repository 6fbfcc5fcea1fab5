import HeteroPlatform

/// Costs given in the model itself (task-graph `cost_us`): a number runs, `null` or a missing unit
/// does not.
public struct ExplicitCostProvider: CostProvider {
    public let name = "task graph"

    public init() {}

    public func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform) -> OperatorCost? {
        guard let costs = context.op.explicitCostsUS else { return nil }
        guard let entry = costs[unit.name], let time = entry else {
            return .cannotRun("the task graph gives no cost for \(unit.name)")
        }
        return .fixed(time, bound: .given)
    }
}
