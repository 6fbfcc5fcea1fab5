/// Energy figures of one unit. Memory traffic is charged separately with `Memory.pjPerByte` and
/// `Link.pjPerByte`.
public struct EnergyModel: Sendable, Hashable {
    /// Picojoules per multiply-accumulate, by data type.
    public var pjPerMAC: DataTypeTable
    /// Picojoules per vector (non-MAC) operation, by data type.
    public var pjPerVectorOp: DataTypeTable
    /// Static power while the unit is powered, in milliwatts; `nil` when unknown.
    public var idleMW: Double?
    public var source: SourceNotes?

    public init(pjPerMAC: DataTypeTable = DataTypeTable(), pjPerVectorOp: DataTypeTable = DataTypeTable(),
                idleMW: Double? = nil, source: SourceNotes? = nil) {
        self.pjPerMAC = pjPerMAC
        self.pjPerVectorOp = pjPerVectorOp
        self.idleMW = idleMW
        self.source = source
    }
}

extension EnergyModel: Encodable {
    enum CodingKeys: String, CodingKey {
        case source
        case pjPerMAC = "pj_per_mac"
        case pjPerVectorOp = "pj_per_vector_op"
        case idleMW = "idle_mw"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        if !pjPerMAC.isEmpty { try keyed.encode(pjPerMAC, forKey: .pjPerMAC) }
        if !pjPerVectorOp.isEmpty { try keyed.encode(pjPerVectorOp, forKey: .pjPerVectorOp) }
        try keyed.encodeIfPresent(idleMW, forKey: .idleMW)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
