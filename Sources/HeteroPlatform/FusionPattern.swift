/// A chain of operator types a unit executes as one operation (NVDLA runs Conv + bias/BN +
/// ReLU in one pass through CONV and SDP), so the intermediate tensors never reach memory and
/// the chain costs one submission.
///
/// In JSON either a plain array `["Conv", "BatchNormalization", "Relu"]` or an object
/// `{"operators": [...], "efficiency": 0.9, "source": "..."}`.
public struct FusionPattern: Sendable, Hashable {
    /// Operator types in data-flow order; at least two.
    public var operators: [String]
    /// Efficiency of the fused operation in (0, 1]; `nil` lets the cost model use the first
    /// operator's efficiency.
    public var efficiency: Double?
    public var source: SourceNotes?

    public init(operators: [String], efficiency: Double? = nil, source: SourceNotes? = nil) {
        self.operators = operators
        self.efficiency = efficiency
        self.source = source
    }

    /// `Conv > BatchNormalization > Relu`, as used in messages and summaries.
    public var label: String { operators.joined(separator: " > ") }
}

extension FusionPattern: Encodable {
    enum CodingKeys: String, CodingKey {
        case operators, efficiency, source
    }

    public func encode(to encoder: any Encoder) throws {
        if efficiency == nil, source == nil {
            var single = encoder.singleValueContainer()
            try single.encode(operators)
            return
        }
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(operators, forKey: .operators)
        try keyed.encodeIfPresent(efficiency, forKey: .efficiency)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
