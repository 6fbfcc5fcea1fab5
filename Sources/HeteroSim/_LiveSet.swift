/// The live buffers of one memory, by address, for the overlap check on every allocation.
///
/// Entries are sorted by (lower address, buffer). Live buffers do not overlap except while a
/// buffer is rewritten in place (then the old and new one share addresses briefly), so a range
/// query cannot rely on disjointness; instead it uses the largest size of any buffer of the
/// memory, `maxBytes`: a buffer that intersects `[lower, upper)` starts after
/// `lower - maxBytes`. The query scans only entries starting in `(lower - maxBytes, upper)`.
///
/// - Complexity: O(log L + k) per query for L live buffers and k entries in the window;
///   O(log L) plus a memmove of L entries per insertion or removal.
struct _LiveSet {
    struct Entry {
        var lower: Int
        var upper: Int
        var buffer: Int32
    }

    private(set) var entries: [Entry] = []
    let maxBytes: Int

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Index of the first entry not ordered before (lower, buffer).
    private func position(_ lower: Int, _ buffer: Int32) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let entry = entries[middle]
            if entry.lower < lower || (entry.lower == lower && entry.buffer < buffer) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func insert(lower: Int, upper: Int, buffer: Int32) {
        entries.insert(Entry(lower: lower, upper: upper, buffer: buffer), at: position(lower, buffer))
    }

    mutating func remove(lower: Int, buffer: Int32) {
        let index = position(lower, buffer)
        precondition(index < entries.count && entries[index].buffer == buffer, "buffer \(buffer) is not live")
        entries.remove(at: index)
    }

    /// Index of the first entry that may intersect a range starting at `lower`; scan from there
    /// while `entries[index].lower` is below the range's upper end. (No closure: a closure
    /// capturing the engine would copy it on every allocation.)
    func scanStart(lower: Int) -> Int {
        position(lower - maxBytes + 1, Int32.min)
    }
}
