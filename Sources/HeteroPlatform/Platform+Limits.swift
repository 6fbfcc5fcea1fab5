extension Platform {
    /// The most units a platform may describe. Planning cost grows with units × operators (the
    /// cost table, every list-scheduling step) and with units² (transfer routes, the assignment
    /// ILP), so a few hundred units already take tens of seconds per plan; real SoCs have at most
    /// a few dozen programmable units. Describe an array of identical cores (AI Engine tiles,
    /// NCE tiles) as one unit with their combined throughput, or sweep the count with
    /// `clone_unit` in `explore`.
    public static let maximumUnits = 256
    /// The most memories: a shared memory or two plus one local memory per unit.
    public static let maximumMemories = 2 * maximumUnits
    /// The most links: a few per memory.
    public static let maximumLinks = 8 * maximumUnits
}
