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
/// A unit kind can get its own model (a systolic-array model for a DLA) by a provider that answers
/// for that kind and returns `nil` for the others.
public protocol CostProvider: Sendable {
    /// Short name shown in reports (`analytic`, `profile`, `task graph`).
    var name: String { get }
    /// True when the answer depends only on the operator's signature (type, attributes, tensor
    /// shapes and types; see `CostEngine.signature`) and the unit, so the engine may reuse it for
    /// every operator with the same signature. False when it depends on the operator's name or
    /// position (a profile entry by name). Defaults to false.
    var cachesBySignature: Bool { get }
    /// The cost, or nil when this provider has nothing to say about the pair.
    func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform) -> OperatorCost?
    /// `cost(of:on:platform:)` with the platform's route table at hand (`CostEngine` keeps one):
    /// the same answer, from a provider that follows routes between memories without searching
    /// the platform's links again on each call. Defaults to `cost(of:on:platform:)`.
    func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform, routes: RouteTable) -> OperatorCost?
}

extension CostProvider {
    public var cachesBySignature: Bool { false }

    public func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform, routes: RouteTable) -> OperatorCost? {
        cost(of: context, on: unit, platform: platform)
    }
}
