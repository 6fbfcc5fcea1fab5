import HeteroSupport
import OrderedCollections

/// One design point: a platform variant (axis values), a model, a strategy and an objective.
public struct SweepPoint: Sendable, Equatable {
    /// Position in the spec's enumeration order (shards and tables use it).
    public var index: Int
    public var model: String
    public var strategy: String
    public var objective: String
    /// Axis name -> value, in axis order.
    public var parameters: OrderedDictionary<String, JSONValue>
    /// A stable identifier: FNV-1a of the canonical JSON of everything above except `index`, so the
    /// same parameters give the same id on every machine and in every run, whatever else the spec
    /// lists.
    public var id: String

    public init(index: Int, model: String, strategy: String, objective: String, parameters: OrderedDictionary<String, JSONValue>) {
        self.index = index
        self.model = model
        self.strategy = strategy
        self.objective = objective
        self.parameters = parameters
        self.id = FNV1a.hex(Self.identity(model: model, strategy: strategy, objective: objective, parameters: parameters).canonicalText)
    }

    static func identity(model: String, strategy: String, objective: String,
                         parameters: OrderedDictionary<String, JSONValue>) -> JSONValue {
        .object(["model": .string(model), "strategy": .string(strategy), "objective": .string(objective),
                 "parameters": .object(parameters)])
    }

    /// `name=value` pairs for progress lines.
    public var label: String {
        ([model] + parameters.map { "\($0.key)=\($0.value.canonicalText)" } + [strategy]).joined(separator: " ")
    }
}
