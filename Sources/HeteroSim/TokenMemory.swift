/// The contents of one memory for functional validation: which token (which version of which
/// tensor) each byte holds, as disjoint address segments.
///
/// A write stores a token over `[offset, offset + bytes)`, replacing whatever was there (old
/// data is never erased, only overwritten, as in a real memory); a read reports whether the
/// whole range holds the expected token, and if not what it holds instead.
///
/// Invariant: `segments` is sorted by `lower`, and segments do not overlap (`upper` of one is at
/// most `lower` of the next). Adjacent segments may hold the same token.
///
/// - Complexity: O(log S + k) to locate a range covering k segments among S, plus O(S) for the
///   array insertion on a write. S is at most the number of distinct buffer boundaries.
struct TokenMemory {
    struct Segment: Equatable {
        var lower: Int
        var upper: Int
        var token: UInt64
    }

    /// What a read found.
    enum Reading: Equatable {
        case expected
        /// Part of the range was never written.
        case unwritten(at: Int)
        /// Part of the range holds another token.
        case other(token: UInt64, at: Int)
    }

    private(set) var segments: [Segment] = []

    /// Index of the first segment whose `upper` is above `address`.
    private func firstEnding(after address: Int) -> Int {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].upper <= address { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func write(_ token: UInt64, offset: Int, bytes: Int) {
        guard bytes > 0 else { return }
        let lower = offset
        let upper = offset + bytes
        var first = firstEnding(after: lower)
        // Fast path: rewriting exactly one existing segment (a buffer written again at the same
        // addresses, the common case) changes only its token.
        if first < segments.count, segments[first].lower == lower, segments[first].upper == upper {
            segments[first].token = token
            return
        }
        var replacement: [Segment] = []
        if first < segments.count, segments[first].lower < lower {
            replacement.append(Segment(lower: segments[first].lower, upper: lower, token: segments[first].token))
        }
        var last = first
        while last < segments.count, segments[last].lower < upper { last += 1 }
        replacement.append(Segment(lower: lower, upper: upper, token: token))
        if last > first, segments[last - 1].upper > upper {
            replacement.append(Segment(lower: upper, upper: segments[last - 1].upper, token: segments[last - 1].token))
        }
        if first > segments.count { first = segments.count }
        segments.replaceSubrange(first..<last, with: replacement)
        checkInvariants()
    }

    func read(_ token: UInt64, offset: Int, bytes: Int) -> Reading {
        guard bytes > 0 else { return .expected }
        let upper = offset + bytes
        var cursor = offset
        var index = firstEnding(after: offset)
        while cursor < upper {
            guard index < segments.count, segments[index].lower <= cursor else { return .unwritten(at: cursor) }
            if segments[index].token != token { return .other(token: segments[index].token, at: cursor) }
            cursor = segments[index].upper
            index += 1
        }
        return .expected
    }

    /// The distinct tokens stored anywhere in `[offset, offset + bytes)`, in address order.
    func tokens(offset: Int, bytes: Int) -> [UInt64] {
        guard bytes > 0 else { return [] }
        var result: [UInt64] = []
        var index = firstEnding(after: offset)
        while index < segments.count, segments[index].lower < offset + bytes {
            if !result.contains(segments[index].token) { result.append(segments[index].token) }
            index += 1
        }
        return result
    }

    private func checkInvariants() {
        #if HETERO_INTERNAL_CHECKS
        for (a, b) in zip(segments, segments.dropFirst()) {
            precondition(a.lower < a.upper && a.upper <= b.lower, "token segments out of order: \(a) then \(b)")
        }
        #endif
    }
}
