/// A data movement the engine executes: a planned transfer between units, a memory-spill
/// store or reload between memories, or a weight prefetch into a resident memory. Moves are
/// entities `operatorCount + x` of the engine, in the order: the plan's transfers, then its copies.
struct _Move {
    enum Kind { case transfer, store, reload, prefetch }

    var kind: Kind
    var tensor: Int
    /// The operator producing the tensor (-1 for a graph input).
    var producer: Int
    var fromMemory: Int
    var toMemory: Int
    /// Transfer: its units. Store: the producer's unit both ways. Reload and prefetch: the
    /// consumer's unit both ways. Used for synchronisation delays and for naming the unit in reports.
    var fromUnit: Int
    var toUnit: Int
    /// The operator a reload or prefetch is made for (-1 otherwise).
    var consumer: Int
    var bytes: Int
    /// Planned times (buffer resolution uses the start).
    var startUS: Double
    var finishUS: Double
}
