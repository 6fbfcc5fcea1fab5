import Foundation

/// `PlanProblem.boundDuration` of every (operator, unit), computed once per problem on first use
/// and shared by every lower bound (`LowerBound`, `RelaxationFormulation`, `StreamRuns`): each
/// asks for all operators on all units, several times over, and one duration checks every weight
/// a prefetch could put on chip over the platform's routes (ResNet-50 split on the 402 units of
/// the VC1902 tiles: a fifth of the planning time before the table).
struct BoundDurations: Sendable {
    let units: Int
    /// `values[op * units + unit]`; nil where the unit cannot run the operator.
    let values: [Double?]

    /// Each operator's `unfusedFastest` and `fusedFastest` on each unit, and each composite's
    /// closed chain, are computed once (a chain member's duration reads every member's).
    init(_ problem: PlanProblem) {
        let units = problem.unitCount, operators = problem.operatorCount
        self.units = units
        var unfused = [Double?](repeating: nil, count: operators * units)
        var fused = [Double?](repeating: nil, count: operators * units)
        for op in 0..<operators {
            for unit in 0..<units {
                unfused[op * units + unit] = problem.unfusedFastest(op, unit)
                fused[op * units + unit] = problem.fusedFastest(op, unit)
            }
        }
        let chains = problem.costs.composites.indices.map { problem.closedChain($0) }
        var values = [Double?](repeating: nil, count: operators * units)
        for op in 0..<operators {
            // `compositeOf` is empty when the table has no composites.
            let members = op < problem.costs.compositeOf.count ? problem.costs.compositeOf[op].flatMap { chains[$0] } : nil
            for unit in 0..<units {
                values[op * units + unit] = problem.computedBoundDuration(
                    op, unfused: { unfused[$0 * units + unit] }, fused: { fused[$0 * units + unit] }, chain: members)
            }
        }
        self.values = values
    }

    @inline(__always)
    subscript(op: Int, unit: Int) -> Double? { values[op &* units &+ unit] }
}

/// The holder a problem and its copies share: the table is made by the first reader (copies of a
/// problem differ only in evictions, recomputations and prefetches, which the bound durations do
/// not depend on). A class so that copies share it; `table` is guarded by `lock`.
final class _BoundDurationCache: @unchecked Sendable {
    private let lock = NSLock()
    private var table: BoundDurations?

    func durations(_ problem: PlanProblem) -> BoundDurations {
        lock.withLock {
            if let table { return table }
            let made = BoundDurations(problem)
            table = made
            return made
        }
    }
}
