/// The live buffers of one memory, by address, for the overlap check on every allocation.
///
/// The address space is cut into pages of `pageBytes` (at least the largest buffer of the
/// memory, so a buffer touches at most two pages); each page lists the live buffers touching
/// it. Live buffers do not overlap except while a buffer is rewritten in place, so a page holds
/// about as many entries as buffers fit in two pages.
///
/// - Complexity: O(k) per query, insertion or removal, for k entries on the pages touched —
///   independent of how many buffers are live elsewhere in the memory.
struct _LiveSet {
    struct Entry {
        var lower: Int
        var upper: Int
        var buffer: Int32
    }

    private(set) var pages: [Int: [Entry]] = [:]
    let pageBytes: Int

    init(maxBytes: Int) {
        pageBytes = max(maxBytes, 64)
    }

    /// Pages touched by `[lower, upper)` (an empty range touches its start's page).
    @inline(__always)
    func pageRange(_ lower: Int, _ upper: Int) -> ClosedRange<Int> {
        (lower / pageBytes)...(max(lower, upper - 1) / pageBytes)
    }

    mutating func insert(lower: Int, upper: Int, buffer: Int32) {
        for page in pageRange(lower, upper) { pages[page, default: []].append(Entry(lower: lower, upper: upper, buffer: buffer)) }
    }

    mutating func remove(lower: Int, upper: Int, buffer: Int32) {
        for page in pageRange(lower, upper) {
            guard let index = pages[page]?.firstIndex(where: { $0.buffer == buffer }) else {
                preconditionFailure("buffer \(buffer) is not live on page \(page)")
            }
            pages[page]!.swapAt(index, pages[page]!.count - 1)
            pages[page]!.removeLast()
        }
    }

    /// Live buffers intersecting `[lower, upper)` (a buffer may be listed twice, once per page),
    /// in a deterministic order: by page, then by insertion order with swap-removal.
    func intersecting(lower: Int, upper: Int) -> [Entry] {
        var result: [Entry] = []
        for page in pageRange(lower, upper) {
            for entry in pages[page] ?? [] where entry.lower < upper && entry.upper > lower && entry.upper > entry.lower {
                result.append(entry)
            }
        }
        return result
    }
}
