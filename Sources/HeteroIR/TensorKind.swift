/// Where a tensor's data comes from.
public enum TensorKind: String, Codable, Sendable, Hashable {
    /// A graph input, supplied at run time.
    case input
    /// A weight or other value known before execution (initializers and folded constants).
    case constant
    /// Produced by an operator during execution.
    case activation
}
