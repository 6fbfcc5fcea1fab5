/// A figure for every ordered pair of units, read as `table[a, b]`. Stored by class: units of
/// one class have the same row and column (transfer figures depend only on the memories units
/// compute from; synchronisation only on the command queue and its cost), so an array of
/// thousands of tiles computing from one memory stores one value rather than millions. A table
/// given pair by pair (a task graph's costs) is its own classes, one unit each.
public struct PairTable<Element: Sendable>: Sendable {
    /// The class of each unit.
    public let classOf: [Int]
    public let classCount: Int
    /// `values[classOf[a] * classCount + classOf[b]]`.
    @usableFromInline let values: [Element]

    /// One value per pair, `rows[a][b]` (every row as long as there are rows).
    public init(_ rows: [[Element]]) {
        classOf = Array(rows.indices)
        classCount = rows.count
        values = rows.flatMap { $0 }
        precondition(values.count == classCount * classCount, "a pair table needs a square array of rows")
    }

    /// `value(ca, cb)` for every pair of classes; `classOf` gives each unit's.
    ///
    /// - Complexity: O(C²) calls for C classes.
    public init(classOf: [Int], classCount: Int, value: (Int, Int) -> Element) {
        self.classOf = classOf
        self.classCount = classCount
        var values: [Element] = []
        values.reserveCapacity(classCount * classCount)
        for a in 0..<classCount { for b in 0..<classCount { values.append(value(a, b)) } }
        self.values = values
    }

    /// Units (rows and columns).
    public var count: Int { classOf.count }

    /// Inlinable, so that callers in other modules read the table directly rather than through
    /// an unspecialised generic call (the scheduler reads it for every edge it times).
    @inlinable @inline(__always)
    public subscript(a: Int, b: Int) -> Element {
        values[classOf[a] &* classCount &+ classOf[b]]
    }

    /// Every row, pair by pair (tests and small tables; O(units²)).
    public var rows: [[Element]] {
        classOf.indices.map { a in classOf.indices.map { b in self[a, b] } }
    }

    /// The value of every pair of classes (each distinct value of the table at least once).
    public var classValues: [Element] { values }

    /// How many units each class has.
    public var classSizes: [Int] {
        var sizes = [Int](repeating: 0, count: classCount)
        for c in classOf { sizes[c] += 1 }
        return sizes
    }
}

extension PairTable where Element == Double {
    /// The sum of `self[a, b]` over ordered pairs of distinct units, from the classes: each pair
    /// of classes weighted by the pairs of units it holds.
    ///
    /// - Complexity: O(units + C²) for C classes.
    public var sumOverDistinctPairs: Double {
        let sizes = classSizes
        var total = 0.0
        for a in 0..<classCount {
            for b in 0..<classCount {
                let pairs = a == b ? sizes[a] * (sizes[a] - 1) : sizes[a] * sizes[b]
                if pairs > 0 { total += Double(pairs) * values[a * classCount + b] }
            }
        }
        return total
    }
}

extension PairTable: Equatable where Element: Equatable {
    public static func == (lhs: PairTable, rhs: PairTable) -> Bool {
        lhs.count == rhs.count && lhs.rows == rhs.rows
    }
}
