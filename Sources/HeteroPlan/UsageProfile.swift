/// How much of one shared resource (a memory's or a link's bandwidth in bytes/us, or a link's
/// DMA engines) is reserved over time: a piecewise-constant function, `use[i]` holding on
/// `[times[i], times[i + 1])` and the last value forever after.
///
/// Times are those of a schedule, so they start at 0. Reservations only add, so the profile is
/// the running total of everything placed so far.
///
/// - Complexity: finding a segment is O(log S) for S breakpoints; a reservation over k segments is
///   O(k + S) (inserting a breakpoint moves the later ones).
struct UsageProfile: Sendable {
    let capacity: Double
    private(set) var times: [Double] = Self.origin
    private(set) var use: [Double] = Self.origin

    /// One breakpoint at 0 with nothing reserved, shared by every fresh profile until it is
    /// first written (copy on write), so a ledger over thousands of memories and links, built
    /// for every schedule, allocates only for the resources a schedule uses.
    private static let origin: [Double] = [0]

    init(capacity: Double) {
        self.capacity = capacity
    }

    /// Index of the segment containing `time` (the last breakpoint at or before it).
    func segment(containing time: Double) -> Int {
        var low = 0, high = times.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if times[middle] <= time { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Where segment `index` ends (`.infinity` for the last).
    @inline(__always)
    func end(of index: Int) -> Double {
        index + 1 < times.count ? times[index + 1] : .infinity
    }

    /// What is left of the capacity in segment `index` (never negative).
    @inline(__always)
    func available(in index: Int) -> Double {
        max(0, capacity - use[index])
    }

    /// A rate held over `[from, to)`.
    struct Piece {
        var from: Double
        var to: Double
        var rate: Double
    }

    /// Adds each piece's rate over its interval. The pieces are in time order and do not
    /// overlap (one stream's rates, as `ContentionLedger` collects them); consecutive pieces
    /// usually touch, so one search finds the first and the rest follow by walking.
    mutating func add(_ pieces: [Piece]) {
        var index = -1
        for piece in pieces where piece.to > piece.from && piece.rate != 0 {
            if index < 0 || index >= times.count || times[index] != piece.from { index = split(at: piece.from) }
            while true {
                let end = end(of: index)
                if end > piece.to {
                    times.insert(piece.to, at: index + 1)
                    use.insert(use[index], at: index + 1)
                }
                use[index] += piece.rate
                index += 1
                if end >= piece.to { break }
            }
        }
    }

    /// Adds `amount` over `[from, to)`.
    mutating func add(_ amount: Double, from: Double, to: Double) {
        guard to > from, amount != 0 else { return }
        let first = split(at: from)
        let last = split(at: to)
        for index in first..<last { use[index] += amount }
    }

    /// Makes `time` a breakpoint; returns its index.
    private mutating func split(at time: Double) -> Int {
        let index = segment(containing: time)
        if times[index] == time { return index }
        times.insert(time, at: index + 1)
        use.insert(use[index], at: index + 1)
        return index + 1
    }
}
