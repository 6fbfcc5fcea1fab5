import HeteroPlatform

/// Measured latencies from a `CostProfile`: by operator name first, then by type and input shapes.
///
/// A profile measures time, not energy, so a measured cost carries the analytic model's energy
/// estimate (arithmetic and bytes moved do not depend on how long the operator took).
public struct ProfileCostProvider: CostProvider {
    public let name = "profile"
    let byName: [String: Double]
    let byType: [String: [(shapes: [[Int]]?, latency: Double)]]

    public init(_ profile: CostProfile) {
        var byName: [String: Double] = [:]
        var byType: [String: [(shapes: [[Int]]?, latency: Double)]] = [:]
        for entry in profile.entries {
            if let name = entry.operatorName {
                byName["\(name)|\(entry.unit)"] = entry.latencyUS
            } else if let type = entry.operatorType {
                byType["\(type)|\(entry.unit)", default: []].append((entry.inputShapes, entry.latencyUS))
            }
        }
        self.byName = byName
        self.byType = byType
    }

    public func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform) -> OperatorCost? {
        measured(context, on: unit) { AnalyticCostProvider().cost(of: context, on: unit, platform: platform) }
    }

    public func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform, routes: RouteTable) -> OperatorCost? {
        measured(context, on: unit) { AnalyticCostProvider().cost(of: context, on: unit, platform: platform, routes: routes) }
    }

    /// The measured latency with the energy of the analytic cost `analytic` gives.
    private func measured(_ context: OperatorContext, on unit: ProcessingUnit, analytic: () -> OperatorCost?) -> OperatorCost? {
        guard let latency = latency(of: context, on: unit) else { return nil }
        var cost = OperatorCost.fixed(latency, bound: .measured)
        cost.energyPJ = analytic()?.energyPJ ?? 0
        return cost
    }

    /// The measured latency: by name, else by type with the operator's non-constant input shapes,
    /// else by type alone.
    func latency(of context: OperatorContext, on unit: ProcessingUnit) -> Double? {
        if let latency = byName["\(context.op.name)|\(unit.name)"] { return latency }
        guard let candidates = byType["\(context.op.type)|\(unit.name)"] else { return nil }
        let shapes = context.inputs.compactMap { $0 }.filter { $0.kind != .constant }.map { $0.shape ?? [] }
        if let exact = candidates.first(where: { $0.shapes == shapes }) { return exact.latency }
        return candidates.first(where: { $0.shapes == nil })?.latency
    }
}
