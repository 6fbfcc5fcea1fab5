import HeteroCost

/// What one operator does to the memory it computes from, as far as contention is concerned:
/// its command-path overhead (time during which it moves no data) and the bytes it streams
/// during the rest of its time.
///
/// The cost model's time is `overhead + max(compute, memory)`; the simulator spreads `bytes`
/// evenly over the busy part, so an operator alone never asks for more than its memory's
/// bandwidth and runs exactly as long as the cost table says.
public struct OperatorTraffic: Sendable, Hashable {
    public var overheadUS: Double
    public var bytes: Double

    public init(overheadUS: Double, bytes: Double) {
        self.overheadUS = overheadUS
        self.bytes = bytes
    }

    public static let none = OperatorTraffic(overheadUS: 0, bytes: 0)

    /// Per (operator, unit) traffic from the cost table (`overheadUS`, `memoryBytes`); units that
    /// cannot run an operator get `.none`. Measured or given costs (profiles, task graphs) carry
    /// no byte counts and so do not contend for memory bandwidth.
    public static func table(_ costs: CostTable) -> [[OperatorTraffic]] {
        guard costs.memoryBytes.count == costs.operatorCount else { return [] }
        return (0..<costs.operatorCount).map { op in
            (0..<costs.unitCount).map { unit in
                costs.execUS[op][unit] == nil ? .none
                    : OperatorTraffic(overheadUS: op < costs.overheadUS.count ? costs.overheadUS[op][unit] : 0,
                                      bytes: Double(costs.memoryBytes[op][unit]))
            }
        }
    }
}
