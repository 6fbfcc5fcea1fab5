extension Platform {
    /// The most units a platform may describe: a 2,000-tile array and its hosts fit. Planning
    /// time grows with units × operators (`hetero-plan benchmark scaling`, Results/scaling.md).
    public static let maximumUnits = 4096
    /// The most memories: a shared memory or two plus one local memory per unit.
    public static let maximumMemories = 2 * maximumUnits
    /// The most links: a few per memory.
    public static let maximumLinks = 8 * maximumUnits
    /// The most tile arrays (`"arrays"`).
    public static let maximumArrays = 64
}
