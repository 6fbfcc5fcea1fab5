/// The contents of one page of a memory (see `_TokenMemory`): which token each byte holds, as
/// disjoint address segments.
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
struct _TokenPage {
    struct Segment: Equatable {
        var lower: Int
        var upper: Int
        var token: UInt64
    }

    /// What a read found.
    typealias Reading = _TokenMemory.Reading

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
        // At most three segments replace segments[first ..< last]: the part of the first one
        // below the range, the range itself and the part of the last one above it.
        var pieces = (Segment(lower: 0, upper: 0, token: 0), Segment(lower: 0, upper: 0, token: 0), Segment(lower: 0, upper: 0, token: 0))
        var pieceCount = 0
        if first < segments.count, segments[first].lower < lower {
            pieces.0 = Segment(lower: segments[first].lower, upper: lower, token: segments[first].token)
            pieceCount = 1
        }
        var last = first
        while last < segments.count, segments[last].lower < upper { last += 1 }
        let written = Segment(lower: lower, upper: upper, token: token)
        if pieceCount == 0 { pieces.0 = written } else { pieces.1 = written }
        pieceCount += 1
        if last > first, segments[last - 1].upper > upper {
            let above = Segment(lower: upper, upper: segments[last - 1].upper, token: segments[last - 1].token)
            if pieceCount == 1 { pieces.1 = above } else { pieces.2 = above }
            pieceCount += 1
        }
        if first > segments.count { first = segments.count }
        withUnsafeBytes(of: &pieces) { raw in
            let replacement = raw.bindMemory(to: Segment.self)
            segments.replaceSubrange(first..<last, with: replacement[0..<pieceCount])
        }
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

    /// Appends to `result` the distinct tokens stored anywhere in `[offset, offset + bytes)` that
    /// it does not hold yet, in address order.
    func tokens(offset: Int, bytes: Int, into result: inout [UInt64]) {
        guard bytes > 0 else { return }
        var index = firstEnding(after: offset)
        while index < segments.count, segments[index].lower < offset + bytes {
            if !result.contains(segments[index].token) { result.append(segments[index].token) }
            index += 1
        }
    }

    private func checkInvariants() {
        #if HETERO_INTERNAL_CHECKS
        for (a, b) in zip(segments, segments.dropFirst()) {
            precondition(a.lower < a.upper && a.upper <= b.lower, "token segments out of order: \(a) then \(b)")
        }
        #endif
    }
}

/// The contents of one memory for functional validation: which token (which version of which
/// tensor) each byte holds.
///
/// A write stores a token over `[offset, offset + bytes)`, replacing whatever was there (old
/// data is never erased, only overwritten, as in a real memory); a read reports whether the
/// whole range holds the expected token, and if not what it holds instead.
///
/// The address space is cut into pages of `pageBytes`, each a sorted list of disjoint
/// segments (`_TokenPage`), so that a write moves only the segments of the pages it touches
/// rather than of the whole memory.
///
/// - Complexity: O(pages touched × (log S + S)) per write, S the segments of one page;
///   reads without the S term.
struct _TokenMemory {
    enum Reading: Equatable {
        case expected
        /// Part of the range was never written.
        case unwritten(at: Int)
        /// Part of the range holds another token.
        case other(token: UInt64, at: Int)
    }

    /// Page size: at least 64 KiB and at least the largest buffer of the memory, so that a
    /// buffer touches at most two pages.
    let pageBytes: Int
    /// Pages below `dense.count` by page number (enough for the planned buffers of a sensibly
    /// laid-out memory); pages above, as a far-away hand-edited offset may need, by dictionary.
    private var dense: [_TokenPage]
    private var sparse: [Int: _TokenPage] = [:]
    /// Whether each dense page was ever written (an unwritten page reads as `.unwritten`).
    private var touched: [Bool]

    /// - Parameters:
    ///   - largestBuffer: the largest buffer of the memory.
    ///   - addressLimit: the highest end address expected (pages above it still work, more slowly).
    init(largestBuffer: Int = 0, addressLimit: Int = 0) {
        pageBytes = max(1 << 16, largestBuffer)
        let pages = min(max(addressLimit, 0) / pageBytes + 2, 1 << 14)
        dense = [_TokenPage](repeating: _TokenPage(), count: pages)
        touched = [Bool](repeating: false, count: pages)
    }

    mutating func write(_ token: UInt64, offset: Int, bytes: Int) {
        guard bytes > 0 else { return }
        var lower = offset
        let upper = offset + bytes
        while lower < upper {
            let page = lower / pageBytes
            let end = min(upper, (page + 1) * pageBytes)
            if page < dense.count {
                touched[page] = true
                dense[page].write(token, offset: lower, bytes: end - lower)
            } else {
                sparse[page, default: _TokenPage()].write(token, offset: lower, bytes: end - lower)
            }
            lower = end
        }
    }

    func read(_ token: UInt64, offset: Int, bytes: Int) -> Reading {
        guard bytes > 0 else { return .expected }
        var lower = offset
        let upper = offset + bytes
        while lower < upper {
            let page = lower / pageBytes
            let end = min(upper, (page + 1) * pageBytes)
            let reading: Reading
            if page < dense.count {
                guard touched[page] else { return .unwritten(at: lower) }
                reading = dense[page].read(token, offset: lower, bytes: end - lower)
            } else {
                guard let contents = sparse[page] else { return .unwritten(at: lower) }
                reading = contents.read(token, offset: lower, bytes: end - lower)
            }
            guard reading == .expected else { return reading }
            lower = end
        }
        return .expected
    }

    /// The distinct tokens stored anywhere in `[offset, offset + bytes)`, in address order.
    func tokens(offset: Int, bytes: Int) -> [UInt64] {
        var result: [UInt64] = []
        tokens(offset: offset, bytes: bytes, into: &result)
        return result
    }

    /// Appends to `result` the distinct tokens stored in `[offset, offset + bytes)` that it does
    /// not hold yet, in address order.
    func tokens(offset: Int, bytes: Int, into result: inout [UInt64]) {
        var lower = offset
        let upper = offset + bytes
        while lower < upper {
            let page = lower / pageBytes
            let end = min(upper, (page + 1) * pageBytes)
            if page < dense.count {
                dense[page].tokens(offset: lower, bytes: end - lower, into: &result)
            } else {
                sparse[page]?.tokens(offset: lower, bytes: end - lower, into: &result)
            }
            lower = end
        }
    }
}
