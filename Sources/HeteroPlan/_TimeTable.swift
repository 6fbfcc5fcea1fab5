/// Times keyed by a (tensor, unit) or (tensor, memory) index, -1 where none is set: the list
/// scheduler's copy arrivals. Dense up to `denseLimit` entries (the shipped platforms), a
/// dictionary above, so that a schedule on an array of thousands of tiles, where a tensor
/// reaches a few units, does not clear tensors × units entries per evaluation.
struct _TimeTable {
    static let denseLimit = 1 << 16

    private let isDense: Bool
    private var dense: [Double]
    private var sparse: [Int: Double] = [:]

    init(count: Int) {
        isDense = count <= Self.denseLimit
        dense = isDense ? Array(repeating: -1, count: count) : []
    }

    subscript(key: Int) -> Double {
        get { isDense ? dense[key] : sparse[key] ?? -1 }
        set {
            if isDense { dense[key] = newValue } else { sparse[key] = newValue }
        }
    }
}
