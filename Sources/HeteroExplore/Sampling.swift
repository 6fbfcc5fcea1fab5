/// Which combinations of axis values a sweep visits.
public enum Sampling: Sendable, Equatable {
    /// Every combination (the Cartesian product), in axis order, last axis fastest.
    case grid
    /// `count` distinct combinations drawn uniformly with a seeded SplitMix64 generator, so the same
    /// spec always gives the same points (fewer when the grid is smaller than `count`).
    case random(count: Int, seed: UInt64)
}
