import HeteroIR

/// A model planned at every point of a sweep.
public struct SweepModel: Sendable {
    /// The short name used in point ids, tables and plots.
    public var name: String
    /// The file as resolved from the spec's directory.
    public var path: String
    public var inputShapes: [String: [Int]]
    /// The loaded graph.
    public var graph: Graph
}
