/// How a unit's MAC array runs a grouped convolution (a Conv with `group` > 1, depthwise when each
/// group has one input channel): `"grouped_convolution"` on a unit. Without it a grouped
/// convolution runs at the unit's MAC rate like any other (its MACs already count only the
/// per-group input channels).
///
/// - `reduction_width` R: the array reduces R input channels into each output per cycle, so a
///   group of `c` input channels fills `min(1, c / R)` of it (Intel's NPU 3720 DPU: 8, as the NPU
///   cost model divides its MACs by `input_channels_mac` for a depthwise convolution). An
///   optional `efficiency` is the measured fraction of that reduced rate a grouped convolution
///   reaches; it replaces the operator's own efficiency (assumed for dense convolutions) for grouped
///   ones (the NPU 3720's depthwise convolutions reach about 0.3 of 256 MACs per cycle per tile in
///   the ground-truth cycles of npu-nn-cost-model's NPU27 regression tests). An optional
///   `data_types` limits the rule to grouped convolutions computed in those types: a CPU whose
///   int8 dot-product instruction (AVX-VNNI `VPDPBUSD`) reduces 4 adjacent int8 products into each
///   32-bit lane has a reduction width of 4 in int8 only; its float32 FMA lanes are filled by
///   channels of a depthwise convolution as by any other.
/// - `expanded_to_dense`: the unit's compiler splits the groups into one dense convolution over all
///   input channels with zero-filled weights (NVDLA's compiler, `squashWeightGroups`), so it runs
///   `group` times the MACs and streams `group` times the weights.
public enum GroupedConvolution: Sendable, Hashable {
    case reductionWidth(Int, efficiency: Double? = nil, dataTypes: [DataType]? = nil)
    case expandedToDense

    /// The fraction of the MAC array a convolution keeps busy, from its group count and input
    /// channels per group (1 for an ungrouped convolution).
    public func utilisation(groups: Int, channelsPerGroup: Int) -> Double {
        guard groups > 1, channelsPerGroup > 0 else { return 1 }
        switch self {
        case .reductionWidth(let width, _, _): return min(1, Double(channelsPerGroup) / Double(width))
        case .expandedToDense: return 1 / Double(groups)
        }
    }

    /// The measured efficiency of a grouped convolution on the reduced array, replacing the
    /// operator's own (nil: the operator's efficiency applies).
    public var efficiency: Double? {
        guard case .reductionWidth(_, let efficiency, _) = self else { return nil }
        return efficiency
    }

    /// Whether the rule applies to a grouped convolution computed in `dataType` (always, unless
    /// the rule lists its `data_types`).
    public func applies(to dataType: DataType) -> Bool {
        guard case .reductionWidth(_, _, let types?) = self else { return true }
        return types.contains(dataType)
    }

    /// The factor on the weight bytes the unit streams (`group` when the weights are expanded).
    public func weightFactor(groups: Int) -> Double {
        guard groups > 1, case .expandedToDense = self else { return 1 }
        return Double(groups)
    }
}

extension GroupedConvolution: Encodable {
    enum CodingKeys: String, CodingKey {
        case reductionWidth = "reduction_width"
        case expandedToDense = "expanded_to_dense"
        case efficiency
        case dataTypes = "data_types"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .reductionWidth(let width, let efficiency, let dataTypes):
            try keyed.encode(width, forKey: .reductionWidth)
            try keyed.encodeIfPresent(efficiency, forKey: .efficiency)
            try keyed.encodeIfPresent(dataTypes, forKey: .dataTypes)
        case .expandedToDense: try keyed.encode(true, forKey: .expandedToDense)
        }
    }
}
