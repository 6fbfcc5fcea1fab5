import HeteroPlatform

/// A rough area or money figure per platform variant, so Pareto fronts have a cost axis:
/// a fixed figure per unit, a figure per MAC per cycle (at the unit's compute type) and a figure
/// per KiB of each memory. Names are those of the base platform; copies made by a cloning axis cost
/// what their original costs. Memories with unlimited capacity cost nothing.
public struct AreaCostModel: Sendable {
    public var perUnit: [String: Double]
    public var perMAC: [String: Double]
    public var perKiB: [String: Double]

    public init(perUnit: [String: Double], perMAC: [String: Double], perKiB: [String: Double]) {
        self.perUnit = perUnit
        self.perMAC = perMAC
        self.perKiB = perKiB
    }

    /// The cost of a variant; `origins` maps a copied unit or memory to the one it was copied from.
    public func cost(of platform: Platform, origins: [String: String]) -> Double {
        var total = 0.0
        for unit in platform.units {
            let name = origins[unit.name] ?? unit.name
            total += perUnit[name] ?? 0
            if let rate = perMAC[name] {
                let macs = unit.computeType.flatMap { unit.macsPerCycle[$0] } ?? 0
                total += rate * macs
            }
        }
        for memory in platform.memories {
            guard let rate = perKiB[origins[memory.name] ?? memory.name], let bytes = memory.capacityBytes else { continue }
            total += rate * Double(bytes) / 1024
        }
        return total
    }
}
