import HeteroIR
import HeteroPlatform

/// What a cost provider sees of one operator.
public struct OperatorContext: Sendable {
    public let graph: Graph
    public let index: Int
    public var op: Operator { graph.operators[index] }

    /// Input tensors in positional order (nil for omitted ones).
    public var inputs: [Tensor?] {
        op.inputs.map { $0.isEmpty ? nil : graph.tensor(named: $0) }
    }

    public var outputs: [Tensor] {
        op.outputs.compactMap { $0.isEmpty ? nil : graph.tensor(named: $0) }
    }
}

/// A way of costing operators on units. Several exist (analytic roofline, measured profiles, a
/// task graph's explicit costs); the engine asks them in priority order and takes the first answer.
public protocol CostProvider: Sendable {
    /// Short name shown in reports (`analytic`, `profile`, `task graph`).
    var name: String { get }
    /// The cost, or nil when this provider has nothing to say about the pair.
    func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform) -> OperatorCost?
}
