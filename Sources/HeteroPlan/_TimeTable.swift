/// Times keyed by a tensor's slot (`PlanProblem.Edge.slot`) and a unit or a memory, -1 where none
/// is set: the list scheduler's copy arrivals. Dense up to `denseLimit` entries (the shipped
/// platforms). Above it (an array of hundreds of tiles, where a tensor reaches a few units), each
/// slot has a row of as many entries as edges carry its tensor (`PlanProblem.slotRowStart`):
/// placing a reader sets at most one entry of its tensor's row, so a row never overflows. A
/// look-up scans the row's entries set so far; nothing is cleared or hashed per evaluation.
struct _TimeTable {
    static let denseLimit = 1 << 16

    private let isDense: Bool
    /// Entries per slot in the dense layout.
    private let columns: Int
    /// Dense: `slot * columns + column`. Rows: the times of `keys`.
    private var times: [Double]
    /// Rows: the column of each entry, -1 after the row's last set entry.
    private var keys: [Int32]
    /// Rows: slot `s` owns `rowStart[s]..<rowStart[s + 1]`.
    private let rowStart: [Int]

    /// A table of `slots` rows of `columns` entries; `rowStart` gives the rows' bounds when the
    /// dense layout would exceed `denseLimit`.
    init(slots: Int, columns: Int, rowStart: [Int]) {
        isDense = slots * columns <= Self.denseLimit
        self.columns = columns
        self.rowStart = isDense ? [] : rowStart
        times = Array(repeating: -1, count: isDense ? slots * columns : rowStart.last ?? 0)
        keys = isDense ? [] : Array(repeating: -1, count: rowStart.last ?? 0)
    }

    subscript(slot: Int, column: Int) -> Double {
        get {
            if isDense { return times[slot &* columns &+ column] }
            for index in rowStart[slot]..<rowStart[slot &+ 1] {
                if keys[index] == Int32(truncatingIfNeeded: column) { return times[index] }
                if keys[index] < 0 { break }
            }
            return -1
        }
        set {
            if isDense {
                times[slot &* columns &+ column] = newValue
                return
            }
            for index in rowStart[slot]..<rowStart[slot &+ 1] where keys[index] < 0 || keys[index] == Int32(truncatingIfNeeded: column) {
                keys[index] = Int32(truncatingIfNeeded: column)
                times[index] = newValue
                return
            }
            preconditionFailure("more copies of a tensor than edges carry it")
        }
    }
}
