/// The live buffers of one memory, by address, for the overlap check on every allocation.
///
/// The address space is cut into pages of `pageBytes` (at least the largest buffer of the
/// memory, so a buffer touches at most two pages); each page lists the live buffers touching
/// it. Live buffers do not overlap except while a buffer is rewritten in place, so a page holds
/// about as many entries as buffers fit in two pages.
///
/// Pages below `densePages` (enough for every planned buffer of a sensibly laid-out memory) are
/// an array indexed by page number; any page above, as a hand-edited plan with a far-away
/// offset may have, is kept in a dictionary. Each buffer remembers its position on each page
/// it touches, so removal is O(1) (swap with the page's last entry, as before).
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
    private var dense: [[Entry]]
    private var sparse: [Int: [Entry]] = [:]
    /// Per buffer (of the whole plan): its position on its first and on its second page.
    private var slot: [Int32]

    /// - Parameters:
    ///   - maxBytes: the largest buffer of the memory.
    ///   - addressLimit: the highest end address of a planned buffer of the memory.
    ///   - bufferCount: buffers of the plan (buffer ids are below it).
    init(maxBytes: Int, addressLimit: Int, bufferCount: Int) {
        pageBytes = max(maxBytes, 64)
        let pages = min(max(addressLimit, 0) / pageBytes + 2, 2 * bufferCount + 64)
        dense = [[Entry]](repeating: [], count: pages)
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
            if page < dense.count {
                slot[key] = Int32(dense[page].count)
                dense[page].append(entry)
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
            if page < dense.count {
                Self.remove(at: index, buffer: buffer, page: page, from: &dense[page], pageBytes: pageBytes, slot: &slot)
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
    /// with swap-removal.
    func intersecting(lower: Int, upper: Int, into result: inout [Entry]) {
        for page in pageRange(lower, upper) {
            if page < dense.count {
                for entry in dense[page] where entry.lower < upper && entry.upper > lower && entry.upper > entry.lower {
                    result.append(entry)
                }
            } else if let entries = sparse[page] {
                for entry in entries where entry.lower < upper && entry.upper > lower && entry.upper > entry.lower {
                    result.append(entry)
                }
            }
        }
    }
}
