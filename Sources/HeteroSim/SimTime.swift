/// Simulated time: a whole number of ticks, so that event times add exactly and never drift.
///
/// One tick is a femtosecond. The cost model's times are microseconds as `Double`s; each
/// duration is rounded once, to the nearest tick, when the simulator reads it, and from then on
/// every event time is an exact integer sum. The rounding error along a chain of k durations is
/// at most k/2 ticks. Picoseconds were tried first and are not fine enough for the requirement
/// that, contention off, the simulated makespan equal the planner's `Double` arithmetic to 1e-9
/// relative: ShuffleNet's 4.3 ms plan, a chain of hundreds of sub-microsecond operators, came out
/// 3.8e-10 off (1.6 ps), and a faster platform shrinks the makespan but not the rounding. With
/// femtoseconds the same plan is within 1e-12. An `Int64` of femtoseconds spans 9,223 seconds of
/// simulated time, ample for one inference.
public struct SimTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Ticks per microsecond (one tick = one femtosecond).
    public static let ticksPerMicrosecond: Int64 = 1_000_000_000

    public var ticks: Int64

    @inlinable
    public init(ticks: Int64) {
        self.ticks = ticks
    }

    public static let zero = SimTime(ticks: 0)

    /// `microseconds` rounded to the nearest tick. Negative or non-finite durations are a
    /// programmer error (the cost table has neither).
    @inlinable
    public init(microseconds: Double) {
        precondition(microseconds.isFinite && microseconds >= 0 && microseconds < 9e9,
                     "duration \(microseconds) us is not a finite non-negative time")
        ticks = Int64((microseconds * Double(Self.ticksPerMicrosecond)).rounded())
    }

    /// The time in microseconds.
    @inlinable
    public var microseconds: Double { Double(ticks) / Double(Self.ticksPerMicrosecond) }

    @inlinable
    public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.ticks < rhs.ticks }

    @inlinable
    public static func + (lhs: SimTime, rhs: SimTime) -> SimTime { SimTime(ticks: lhs.ticks + rhs.ticks) }

    @inlinable
    public static func - (lhs: SimTime, rhs: SimTime) -> SimTime { SimTime(ticks: lhs.ticks - rhs.ticks) }

    public var description: String { "\(microseconds) us" }
}
