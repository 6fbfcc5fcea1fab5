/// What a copy between two memories costs: a fixed time plus a time per byte
/// (`CostTable.memoryTransferRate`).
public struct TransferRate: Sendable, Hashable {
    public var fixedUS: Double
    public var perByteUS: Double

    public init(fixedUS: Double, perByteUS: Double) {
        self.fixedUS = fixedUS
        self.perByteUS = perByteUS
    }

    /// Time to copy `bytes`.
    @inline(__always)
    public func us(bytes: Int) -> Double { fixedUS + Double(bytes) * perByteUS }
}
