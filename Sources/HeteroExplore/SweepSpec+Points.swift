import HeteroPlan
import HeteroSupport
import OrderedCollections

extension SweepSpec {
    /// Number of axis-value combinations in the full grid.
    public var gridSize: Int {
        axes.reduce(1) { $0 * $1.values.count }
    }

    /// Every point of the sweep in its canonical order: axis combinations (grid order or seeded
    /// random draw), then models, strategies and objectives.
    public func points() -> [SweepPoint] {
        var points: [SweepPoint] = []
        for combination in combinations() {
            var parameters = OrderedDictionary<String, JSONValue>()
            for (axis, valueIndex) in zip(axes, combination) { parameters[axis.name] = axis.values[valueIndex] }
            for model in models {
                for strategy in strategies {
                    for objective in objectives {
                        points.append(SweepPoint(index: points.count, model: model.name, strategy: strategy,
                                                 objective: objective, parameters: parameters))
                    }
                }
            }
        }
        return points
    }

    /// Axis-value index tuples.
    private func combinations() -> [[Int]] {
        let sizes = axes.map(\.values.count)
        switch sampling {
        case .grid:
            var result: [[Int]] = [[]]
            for size in sizes {
                result = result.flatMap { prefix in (0..<size).map { prefix + [$0] } }
            }
            return result
        case .random(let count, let seed):
            let wanted = min(count, gridSize)
            var generator = SplitMix64(seed: seed)
            var seen = Set<[Int]>()
            var result: [[Int]] = []
            while result.count < wanted {
                let combination = sizes.map { Int(generator.next() % UInt64($0)) }
                if seen.insert(combination).inserted { result.append(combination) }
            }
            return result
        }
    }
}
