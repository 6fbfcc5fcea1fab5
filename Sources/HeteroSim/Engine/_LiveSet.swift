/// The live buffers of one memory, by address, for the overlap check on every allocation.
///
/// The address space is cut into pages of `pageBytes` (at least the largest buffer of the
/// memory, so a buffer touches at most two pages); each page lists the live buffers touching
/// it. Live buffers do not overlap except while a buffer is rewritten in place, so a page holds
/// about as many entries as buffers fit in two pages.
///
/// Pages up to a little past the highest planned buffer (at most 2 per buffer) share one
/// preallocated pool, each with room for the planned buffers touching it, so that inserting
/// never allocates; any page above, as a hand-edited plan with a far-away offset may have, is
/// kept in a dictionary. Each buffer remembers its position on each page it touches, so removal
/// is O(1) (swap with the page's last entry, as before).
///
/// - Complexity: O(k) per query for k entries on the pages touched, O(1) per insertion or
///   removal — independent of how many buffers are live elsewhere in the memory.
struct _LiveSet {
    struct Entry {
        var lower: Int
        var upper: Int
        var buffer: Int32
    }

    let pageBytes: Int
    /// Dense pages share one pool: page p's entries are `pool[base[p] ..< base[p] + used[p]]`,
    /// with room for every planned buffer touching the page (each is live on it at most once).
    private var base: [Int32]
    private var used: [Int32]
    private var pool: [Entry]
    private var sparse: [Int: [Entry]] = [:]
    /// Per buffer (of the whole plan): its position on its first and on its second page.
    private var slot: [Int32]

    /// - Parameters:
    ///   - memory: the memory; `bufferMemory`, `bufferOffset` and `bufferBytes` describe every
    ///     planned buffer (of all memories; buffer ids are their indices).
    init(memory: Int, maxBytes: Int, bufferMemory: [Int], bufferOffset: [Int], bufferBytes: [Int]) {
        let pageBytes = max(maxBytes, 64)
        self.pageBytes = pageBytes
        let bufferCount = bufferMemory.count
        var addressLimit = 0
        for buffer in 0..<bufferCount where bufferMemory[buffer] == memory {
            addressLimit = max(addressLimit, bufferOffset[buffer] + bufferBytes[buffer])
        }
        let pages = min(addressLimit / pageBytes + 2, 2 * bufferCount + 64)
        var base = [Int32](repeating: 0, count: pages + 1)
        for buffer in 0..<bufferCount where bufferMemory[buffer] == memory {
            let lower = bufferOffset[buffer], upper = lower + bufferBytes[buffer]
            for page in (lower / pageBytes)...(max(lower, upper - 1) / pageBytes) where page < pages { base[page + 1] += 1 }
        }
        for page in 0..<pages { base[page + 1] += base[page] }
        self.base = base
        used = [Int32](repeating: 0, count: pages)
        pool = [Entry](repeating: Entry(lower: 0, upper: 0, buffer: -1), count: Int(base[pages]))
        slot = [Int32](repeating: -1, count: 2 * bufferCount)
    }

    /// Pages touched by `[lower, upper)` (an empty range touches its start's page).
    @inline(__always)
    func pageRange(_ lower: Int, _ upper: Int) -> ClosedRange<Int> {
        (lower / pageBytes)...(max(lower, upper - 1) / pageBytes)
    }

    mutating func insert(lower: Int, upper: Int, buffer: Int32) {
        let pages = pageRange(lower, upper)
        precondition(pages.count <= 2, "buffer \(buffer) spans more than two pages")
        for page in pages {
            let entry = Entry(lower: lower, upper: upper, buffer: buffer)
            let key = 2 * Int(buffer) + (page == pages.lowerBound ? 0 : 1)
            if page < used.count {
                precondition(base[page] + used[page] < base[page + 1], "buffer \(buffer) is not a planned buffer of page \(page)")
                slot[key] = used[page]
                pool[Int(base[page] + used[page])] = entry
                used[page] += 1
            } else {
                slot[key] = Int32(sparse[page]?.count ?? 0)
                sparse[page, default: []].append(entry)
            }
        }
    }

    mutating func remove(lower: Int, upper: Int, buffer: Int32) {
        let pages = pageRange(lower, upper)
        for page in pages {
            let key = 2 * Int(buffer) + (page == pages.lowerBound ? 0 : 1)
            let index = Int(slot[key])
            slot[key] = -1
            if page < used.count {
                precondition(index >= 0 && index < used[page] && pool[Int(base[page]) + index].buffer == buffer, "buffer \(buffer) is not live on page \(page)")
                let first = Int(base[page])
                let last = Int(used[page]) - 1
                if index != last {
                    let moved = pool[first + last]
                    pool[first + index] = moved
                    slot[2 * Int(moved.buffer) + (moved.lower / pageBytes == page ? 0 : 1)] = Int32(index)
                }
                used[page] -= 1
            } else {
                guard sparse[page] != nil else { preconditionFailure("buffer \(buffer) is not live on page \(page)") }
                Self.remove(at: index, buffer: buffer, page: page, from: &sparse[page]!, pageBytes: pageBytes, slot: &slot)
            }
        }
    }

    /// Swaps the entry at `index` with the page's last and drops it, updating the moved entry's position.
    @inline(__always)
    private static func remove(at index: Int, buffer: Int32, page: Int, from entries: inout [Entry], pageBytes: Int, slot: inout [Int32]) {
        precondition(index >= 0 && index < entries.count && entries[index].buffer == buffer, "buffer \(buffer) is not live on page \(page)")
        let last = entries.count - 1
        if index != last {
            let moved = entries[last]
            entries[index] = moved
            slot[2 * Int(moved.buffer) + (moved.lower / pageBytes == page ? 0 : 1)] = Int32(index)
        }
        entries.removeLast()
    }

    /// Appends to `result` the live buffers intersecting `[lower, upper)` (a buffer may be
    /// listed twice, once per page), in a deterministic order: by page, then by insertion order
    /// with swap-removal. (`mutating` only so that calling it on an element of an array works on
    /// the element in place instead of on a copy, which would retain and release its storage.)
    mutating func intersecting(lower: Int, upper: Int, into result: inout [Entry]) {
        for page in pageRange(lower, upper) {
            if page < used.count {
                for position in Int(base[page])..<Int(base[page] + used[page]) {
                    let entry = pool[position]
                    if entry.lower < upper && entry.upper > lower && entry.upper > entry.lower { result.append(entry) }
                }
            } else if let entries = sparse[page] {
                for entry in entries where entry.lower < upper && entry.upper > lower && entry.upper > entry.lower {
                    result.append(entry)
                }
            }
        }
    }
}
