import HeteroPlan
import HeteroSupport
import OrderedCollections

extension SweepSpec {
    /// The most points a sweep may have (axis combinations × models × strategies × objectives).
    /// Every point is one plan and one line of `results.jsonl`, and the runner, the merger and
    /// `--dry-run` enumerate them in memory: 100,000 points take ~20 minutes with `heft` and
    /// days with `optimize` on one machine. Larger design spaces are sampled
    /// (`"sampling": {"mode": "random", "count": N}`) or split into several sweeps.
    public static let maximumPoints = 100_000

    /// Number of axis-value combinations in the full grid, or `Int.max` when that overflows (a
    /// randomly sampled grid may be astronomically large; only `count` of it is drawn).
    public var gridSize: Int {
        Self.saturatingProduct(axes.map(\.values.count))
    }

    /// Number of axis combinations the sweep plans: the grid, or the sample drawn from it.
    public var combinationCount: Int {
        switch sampling {
        case .grid: return gridSize
        case .random(let count, _): return min(count, gridSize)
        }
    }

    /// Number of points, computed without enumerating them (`Int.max` when it overflows).
    public var pointCount: Int {
        Self.saturatingProduct([combinationCount, models.count, strategies.count, objectives.count])
    }

    /// Every point of the sweep in its canonical order: axis combinations (grid order or seeded
    /// random draw), then models, strategies and objectives.
    ///
    /// - Precondition: `pointCount <= maximumPoints` (`load` and `decode` refuse larger sweeps).
    public func points() -> [SweepPoint] {
        var points: [SweepPoint] = []
        points.reserveCapacity(pointCount)
        forEachPoint { points.append($0) }
        return points
    }

    /// Calls `body` with each point in canonical order, building one point at a time.
    public func forEachPoint(_ body: (SweepPoint) throws -> Void) rethrows {
        precondition(pointCount <= Self.maximumPoints, "a validated sweep has at most \(Self.maximumPoints) points")
        var index = 0
        try forEachCombination { combination in
            var parameters = OrderedDictionary<String, JSONValue>()
            for (axis, valueIndex) in zip(axes, combination) { parameters[axis.name] = axis.values[valueIndex] }
            for model in models {
                for strategy in strategies {
                    for objective in objectives {
                        try body(SweepPoint(index: index, model: model.name, strategy: strategy,
                                            objective: objective, parameters: parameters))
                        index += 1
                    }
                }
            }
        }
    }

    /// Axis-value index tuples: the grid in odometer order (last axis fastest), or a seeded draw
    /// without repetition.
    private func forEachCombination(_ body: ([Int]) throws -> Void) rethrows {
        let sizes = axes.map(\.values.count)
        switch sampling {
        case .grid:
            var combination = [Int](repeating: 0, count: sizes.count)
            for _ in 0..<gridSize {
                try body(combination)
                var axis = sizes.count - 1
                while axis >= 0 {
                    combination[axis] += 1
                    if combination[axis] < sizes[axis] { break }
                    combination[axis] = 0
                    axis -= 1
                }
            }
        case .random(_, let seed):
            let wanted = combinationCount
            var generator = SplitMix64(seed: seed)
            var seen = Set<[Int]>()
            while seen.count < wanted {
                let combination = sizes.map { Int(generator.next() % UInt64($0)) }
                if seen.insert(combination).inserted { try body(combination) }
            }
        }
    }

    /// The product of `factors`, or `Int.max` when it overflows.
    static func saturatingProduct(_ factors: [Int]) -> Int {
        var product = 1
        for factor in factors {
            let (result, overflow) = product.multipliedReportingOverflow(by: factor)
            if overflow { return Int.max }
            product = result
        }
        return product
    }
}
