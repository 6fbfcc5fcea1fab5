import Foundation

/// Makespan lower bounds that hold for every schedule of a problem under the planner's timing
/// rules: each operator takes at least its `PlanProblem.boundDuration` on its unit (fused,
/// resident or plain, whichever is shortest, with the weights a prefetch could put on chip; a
/// closed fused chain's members re-timed within the chain), each edge between units at least
/// `PlanProblem.fastestCommunication` and the submission its consumer must then pay
/// (`communicatingPath`; other submission costs only add), a unit runs one operator at a time,
/// and contention, spills and evictions only lengthen a schedule.
public enum LowerBound {
    /// The longest path when every operator runs on its fastest unit and data moves for free.
    public static func criticalPath(_ problem: PlanProblem) -> Double {
        criticalPath(problem, operators: Array(0..<problem.operatorCount))
    }

    /// `criticalPath` of the subgraph `operators` (ascending) induce.
    static func criticalPath(_ problem: PlanProblem, operators: [Int]) -> Double {
        var finish = [Double](repeating: 0, count: problem.operatorCount)
        for op in operators {
            let start = problem.incoming[op].reduce(0.0) { max($0, finish[$1.producer]) }
            finish[op] = start + fastest(problem, op)
        }
        return operators.map { finish[$0] }.max() ?? 0
    }

    /// Total work at each operator's fastest time spread perfectly over all units.
    public static func workPerUnit(_ problem: PlanProblem) -> Double {
        var total = 0.0
        for op in 0..<problem.operatorCount { total += fastest(problem, op) }
        return total / Double(max(1, problem.unitCount))
    }

    /// The load bound of unrelated units: for weights w_u >= 0 summing to 1, the makespan is at
    /// least sum_u w_u · load_u >= sum_op min_u w_u · t(op,u), whatever the assignment. The
    /// weights are improved by `loadIterations` deterministic exponentiated-subgradient steps
    /// (the first step, equal weights, is `workPerUnit`); the best value seen is the bound. On
    /// heterogeneous units (an NPU ten times faster than the CPU) it is far above `workPerUnit`.
    ///
    /// - Complexity: O(loadIterations · operators · units).
    public static func unitLoad(_ problem: PlanProblem, iterations: Int = loadIterations) -> Double {
        unitLoad(problem, operators: Array(0..<problem.operatorCount), iterations: iterations)
    }

    /// `unitLoad` with the memories units compute from as more resources, when the problem's
    /// contention is on (`MemoryTraffic`): an operator on unit u loads u with t(op,u) and u's
    /// memory with its least bytes there over the memory's bandwidth, and every resource's load
    /// is at most the makespan, so for weights over units and memories summing to 1 the makespan
    /// is at least sum_op min_u (w_u · t(op,u) + w_m(u) · traffic(op,u)). On the VC1902 every
    /// unit computes from one 25.6 GB/s DDR4 whose bandwidth the AI Engines' weight streams and
    /// prefetch copies share. Whole graphs only: a piece's prefetch copies may run during earlier
    /// pieces. Equal to `unitLoad` without contention.
    public static func unitAndMemoryLoad(_ problem: PlanProblem, iterations: Int = loadIterations) -> Double {
        unitLoad(problem, operators: Array(0..<problem.operatorCount), iterations: iterations, traffic: MemoryTraffic(problem))
    }

    /// `unitLoad` of the operators in `operators` alone, with the memories of `traffic` as more
    /// resources (see `unitAndMemoryLoad`).
    static func unitLoad(_ problem: PlanProblem, operators: [Int], iterations: Int = loadIterations,
                         traffic: MemoryTraffic? = nil) -> Double {
        let units = problem.unitCount
        guard units > 1 || traffic != nil else { return operators.reduce(0.0) { $0 + fastest(problem, $1) } }
        let memories = traffic?.memories.count ?? 0
        let resources = units + memories
        let durations = problem.boundDurations
        let times = operators.map { op in (0..<units).map { durations[op, $0] } }
        // traffic: per operator and unit, the memory resource it loads and for how long.
        let loads: [[(resource: Int, time: Double)]] = traffic.map { traffic in
            operators.map { op in (0..<units).map { u in
                traffic.resource[u] < 0 ? (-1, 0) : (units + traffic.resource[u], traffic.loadUS(problem, op, u))
            } }
        } ?? []
        var weights = [Double](repeating: 1 / Double(resources), count: resources)
        var best = 0.0
        for step in 0..<max(1, iterations) {
            var value = 0.0
            var gradient = [Double](repeating: 0, count: resources)
            for (k, row) in times.enumerated() {
                var chosen = -1
                var least = Double.infinity
                for u in 0..<units {
                    guard let t = row[u] else { continue }
                    var cost = weights[u] * t
                    if memories > 0, case let load = loads[k][u], load.resource >= 0 { cost += weights[load.resource] * load.time }
                    if cost < least { least = cost; chosen = u }
                }
                guard chosen >= 0 else { continue }
                value += least
                gradient[chosen] += row[chosen]!
                if memories > 0, case let load = loads[k][chosen], load.resource >= 0 { gradient[load.resource] += load.time }
            }
            best = max(best, value)
            // Raise the weights of the resources that carry more than the mean: multiplicative steps on
            // the normalised subgradient, with a step that shrinks as 1/sqrt(step).
            let scale = gradient.max() ?? 0
            guard scale > 0 else { break }
            let rate = 1 / (Double(step + 1)).squareRoot()
            var total = 0.0
            for r in 0..<resources {
                weights[r] *= exp(rate * (gradient[r] - value) / scale)
                total += weights[r]
            }
            for r in 0..<resources { weights[r] /= total }
        }
        return best
    }

    /// Subgradient steps of `unitLoad`.
    public static let loadIterations = 100

    /// The best of the combinatorial bounds and an optional solver bound.
    public static func makespan(_ problem: PlanProblem, solverBound: Double? = nil) -> Double {
        // The whole graph as a funnel (one sink) gives its path and its serial-or-crossing bound at once.
        let funnel = Funnel(problem, operators: Array(0..<problem.operatorCount), fromStart: true, after: nil)
        let path = funnel?.path ?? communicatingPath(problem) ?? criticalPath(problem)
        return max(path, unitAndMemoryLoad(problem), funnel?.serialOrCrossing ?? 0, solverBound ?? 0)
    }

    /// The shortest time the operator takes on any unit.
    static func fastest(_ problem: PlanProblem, _ op: Int) -> Double {
        let durations = problem.boundDurations
        return (0..<problem.unitCount).compactMap { durations[op, $0] }.min() ?? 0
    }
}
