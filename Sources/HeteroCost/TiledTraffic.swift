/// The bytes an operator moves between a unit's memory and its local memory.
///
/// When the working set (inputs + weights + outputs) exceeds the local memory, the operator runs
/// in `tiles = ⌈working set / capacity⌉` pieces and one operand is read again for every piece:
/// - tiling the output (rows, channels of activations) keeps each input tile once but needs the
///   whole weight tensor per tile: `inputs + outputs + weights × tiles`;
/// - tiling the weights (output channels of a large fully connected layer) streams each weight
///   once but needs the whole input per tile: `inputs × tiles + weights + outputs`.
///
/// A compiler picks the cheaper order, so the model does too (ties go to re-reading weights).
/// Without the choice, VGG-19's 100 MiB fully connected layer on a 512 KiB buffer would be
/// charged ~200 reads of its weights although each weight is used once.
struct TiledTraffic: Sendable, Hashable {
    enum Reread: String, Sendable, Hashable {
        case none, weights, inputs
    }

    /// Pieces the operator runs in (1 = untiled).
    let tiles: Int
    /// Bytes moved in total, re-reads included.
    let bytes: Double
    /// The operand read again for every tile.
    let reread: Reread

    /// The part of `bytes` that is the weights (`weights` bytes, read once per tile when the
    /// tiling re-reads them).
    func weightBytes(_ weights: Double) -> Double {
        reread == .weights ? weights * Double(tiles) : weights
    }

    /// The traffic for operands of the given sizes (in bytes, already scaled to the unit's data
    /// type) on a local memory of `capacity` bytes; `nil` capacity means unlimited.
    init(inputs: Double, weights: Double, outputs: Double, capacity: Int?) {
        let workingSet = inputs + weights + outputs
        guard let capacity, workingSet > Double(capacity) else {
            tiles = 1
            bytes = workingSet
            reread = .none
            return
        }
        let count = Int((workingSet / Double(capacity)).rounded(.up))
        let rereadWeights = inputs + outputs + weights * Double(count)
        let rereadInputs = inputs * Double(count) + weights + outputs
        tiles = count
        if rereadInputs < rereadWeights {
            bytes = rereadInputs
            reread = .inputs
        } else {
            bytes = rereadWeights
            reread = .weights
        }
    }
}
