import HeteroSupport

/// One dimension of a sweep: a named parameter and the values it takes.
public struct SweepAxis: Sendable {
    /// What the axis changes in the base platform.
    public enum Target: Sendable {
        /// Sets the field(s) at these JSON pointers to the value times `scale`.
        case pointers([JSONPointer], scale: Double)
        /// Makes `count` copies in total of the named unit (its local memory and that memory's
        /// links are copied with it; the shared memory is not).
        case cloneUnit(String)
    }

    public var name: String
    public var target: Target
    /// The values as written in results (before scaling).
    public var values: [JSONValue]
    /// Whether the values grow geometrically (plotted on a log axis).
    public var geometric: Bool

    public init(name: String, target: Target, values: [JSONValue], geometric: Bool) {
        self.name = name
        self.target = target
        self.values = values
        self.geometric = geometric
    }
}
