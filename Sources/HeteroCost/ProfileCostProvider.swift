import HeteroPlatform

/// Measured latencies from a `CostProfile`: by operator name first, then by type and input shapes.
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
        if let latency = byName["\(context.op.name)|\(unit.name)"] {
            return .fixed(latency, bound: .measured)
        }
        guard let candidates = byType["\(context.op.type)|\(unit.name)"] else { return nil }
        let shapes = context.inputs.compactMap { $0 }.filter { $0.kind != .constant }.map { $0.shape ?? [] }
        // A shape-specific entry beats a type-wide one.
        if let exact = candidates.first(where: { $0.shapes == shapes }) { return .fixed(exact.latency, bound: .measured) }
        if let general = candidates.first(where: { $0.shapes == nil }) { return .fixed(general.latency, bound: .measured) }
        return nil
    }
}
