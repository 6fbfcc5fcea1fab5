/// What a unit can do with one operator type: how efficiently, on which data types, within
/// which shape limits. The entry for `"*"` applies to every operator type without its own entry.
public struct OperatorSupport: Sendable, Hashable {
    /// The wildcard operator type.
    public static let wildcard = "*"

    /// The ONNX operator type (`Conv`, `Softmax`, ...) or `"*"`.
    public var operatorType: String
    /// Fraction in (0, 1] of the unit's peak throughput this operator reaches.
    public var efficiency: Double
    /// The data types the unit accepts for this operator; `nil` means any.
    public var dataTypes: [DataType]?
    public var limits: OperatorLimits
    /// The unit performs the operator in place, by addressing (`"in_place": true`, Concat only):
    /// its producers write their slices straight into the output buffer with strided stores and
    /// no layer runs for it, as NVDLA's compiler and Intel's NPU compiler do (`inPlaceTypes`).
    public var inPlace: Bool
    /// The unit streams the operator's input through a line buffer at its vector rate in input
    /// elements per cycle, whatever the window (`"streams_input": true`): NVDLA's pooling engine
    /// (PDP_THROUGHPUT input elements per cycle in `nv_full.spec`). Its compute time is the
    /// input's element count over the vector rate, not its window operations.
    public var streamsInput: Bool
    /// Bytes of program memory the operator's kernel takes on a unit with a program memory
    /// (`ProcessingUnit.programMemoryBytes`; required there, refused elsewhere).
    public var programBytes: Int?
    public var source: SourceNotes?

    /// Operator types a unit may declare `in_place`.
    public static let inPlaceTypes: Set<String> = ["Concat"]

    public init(operatorType: String, efficiency: Double = 1, dataTypes: [DataType]? = nil,
                limits: OperatorLimits = .none, inPlace: Bool = false, streamsInput: Bool = false,
                programBytes: Int? = nil, source: SourceNotes? = nil) {
        self.operatorType = operatorType
        self.efficiency = efficiency
        self.dataTypes = dataTypes
        self.limits = limits
        self.inPlace = inPlace
        self.streamsInput = streamsInput
        self.programBytes = programBytes
        self.source = source
    }

    /// True for the `"*"` entry.
    public var isWildcard: Bool { operatorType == Self.wildcard }

    /// Whether the unit accepts `type` for this operator.
    public func accepts(_ type: DataType) -> Bool {
        dataTypes?.contains(type) ?? true
    }
}

/// Encoded as the value of its operator type inside a unit's `operators` object, so the type
/// itself is not repeated.
extension OperatorSupport: Encodable {
    enum CodingKeys: String, CodingKey {
        case efficiency, source
        case dataTypes = "data_types"
        case maxKernel = "max_kernel"
        case maxStride = "max_stride"
        case maxDilation = "max_dilation"
        case maxChannels = "max_channels"
        case inPlace = "in_place"
        case streamsInput = "streams_input"
        case programBytes = "program_bytes"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(efficiency, forKey: .efficiency)
        try keyed.encodeIfPresent(dataTypes, forKey: .dataTypes)
        try keyed.encodeIfPresent(limits.maxKernel, forKey: .maxKernel)
        try keyed.encodeIfPresent(limits.maxStride, forKey: .maxStride)
        try keyed.encodeIfPresent(limits.maxDilation, forKey: .maxDilation)
        try keyed.encodeIfPresent(limits.maxChannels, forKey: .maxChannels)
        if inPlace { try keyed.encode(true, forKey: .inPlace) }
        if streamsInput { try keyed.encode(true, forKey: .streamsInput) }
        try keyed.encodeIfPresent(programBytes, forKey: .programBytes)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
