/// How one unit spent the simulated time.
///
/// `busyUS + stallUS.total + drainedUS == makespan`: every idle gap before an operator is
/// charged to the dependency that enabled it (`StallReason`), and the time after the unit's
/// last operator is `drainedUS`.
public struct UnitStatistics: Sendable, Hashable, Codable {
    public struct Stalls: Sendable, Hashable, Codable {
        /// Waiting for an input computed on another unit (completion + synchronisation).
        public var inputUS: Double = 0
        /// Waiting for a transfer to arrive.
        public var transferUS: Double = 0
        /// Waiting for a buffer at the same addresses to be released.
        public var memoryUS: Double = 0
        /// Waiting for a register group to be programmed.
        public var programmingUS: Double = 0

        public var totalUS: Double { inputUS + transferUS + memoryUS + programmingUS }

        enum CodingKeys: String, CodingKey {
            case inputUS = "input_us"
            case transferUS = "transfer_us"
            case memoryUS = "memory_us"
            case programmingUS = "programming_us"
        }
    }

    public var name: String
    public var operators: Int
    /// Time running operators (command phase included).
    public var busyUS: Double
    /// The command-path part of `busyUS`.
    public var overheadUS: Double
    /// How much longer operators ran than their nominal time because of contention.
    public var contentionUS: Double
    public var stalls: Stalls
    /// Idle after the unit's last operator.
    public var drainedUS: Double
    /// busy / makespan.
    public var utilisation: Double

    enum CodingKeys: String, CodingKey {
        case name, operators, stalls, utilisation
        case busyUS = "busy_us"
        case overheadUS = "overhead_us"
        case contentionUS = "contention_us"
        case drainedUS = "drained_us"
    }
}
