/// A chain of operator types a unit executes as one operation (NVDLA runs Conv + bias/BN +
/// ReLU in one pass through CONV and SDP), so the intermediate tensors never reach memory and
/// the chain costs one submission.
///
/// In JSON either a plain array `["Conv", "BatchNormalization", "Relu"]` or an object
/// `{"operators": [...], "efficiency": 0.9, "pipelined": true, "source": "..."}`.
public struct FusionPattern: Sendable, Hashable {
    /// Operator types in data-flow order; at least two.
    public var operators: [String]
    /// Efficiency of the fused operation in (0, 1]; `nil` lets the cost model use the first
    /// operator's efficiency.
    public var efficiency: Double?
    /// Whether the members run on separate hardware stages that stream into each other (NVDLA's
    /// CONV -> SDP -> PDP on the fly, an NPU's MAC array -> post-processing element): the chain
    /// computes at its slowest stage's rate (the maximum of the members' compute times) instead
    /// of one after another on one engine (their sum, the default).
    public var pipelined: Bool
    public var source: SourceNotes?

    public init(operators: [String], efficiency: Double? = nil, pipelined: Bool = false, source: SourceNotes? = nil) {
        self.operators = operators
        self.efficiency = efficiency
        self.pipelined = pipelined
        self.source = source
    }

    /// `Conv > BatchNormalization > Relu`, as used in messages and summaries.
    public var label: String { operators.joined(separator: " > ") }
}

extension FusionPattern: Encodable {
    enum CodingKeys: String, CodingKey {
        case operators, efficiency, pipelined, source
    }

    public func encode(to encoder: any Encoder) throws {
        if efficiency == nil, !pipelined, source == nil {
            var single = encoder.singleValueContainer()
            try single.encode(operators)
            return
        }
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(operators, forKey: .operators)
        try keyed.encodeIfPresent(efficiency, forKey: .efficiency)
        if pipelined { try keyed.encode(true, forKey: .pipelined) }
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
