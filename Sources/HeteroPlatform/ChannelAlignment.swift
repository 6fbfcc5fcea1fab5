/// The channel multiple a unit's MAC array and activation layout work on (`"channel_alignment"`
/// on a unit): the unit's compiler pads the channels of some operators' 4-D activations (N, C, H,
/// W) to a multiple of `channels` with zeros, and the unit computes and moves the padded tensors.
///
/// Intel's NPU 3720 is the shipped case: its compiler aligns the input and output channels of
/// the operators it runs on the DPU (convolutions, depthwise convolutions, pooling, element-wise
/// adds) to `NCEInvariant::getAlignment` = max(128 / element bits, 16) = 16 for int8 and float16,
/// and an integer convolution with fewer than 4 input channels and constant weights (the first
/// layer of an image network) pads its input only to 4 (`VPU_COMPRESSED_INPUT_CHANNEL_NUM`, the
/// compressed convolution), openvinotoolkit/npu_plugin `aligned_channels_ops.cpp` (VPU37XX).
public struct ChannelAlignment: Sendable, Hashable, Encodable {
    /// Channels are padded to a multiple of this.
    public var channels: Int
    /// When given: an ungrouped convolution computed in an integer type whose input has fewer
    /// channels than this pads its input channels to exactly this instead of `channels`.
    public var compressedInputChannels: Int?
    /// Operator types whose activations are padded (others run on their real channels).
    public var operators: [String]

    public init(channels: Int, compressedInputChannels: Int? = nil, operators: [String]) {
        self.channels = channels
        self.compressedInputChannels = compressedInputChannels
        self.operators = operators
    }

    /// `count` rounded up to a multiple of `channels` (`count` itself when not positive).
    public func padded(_ count: Int) -> Int {
        guard count > 0 else { return count }
        let (quotient, remainder) = count.quotientAndRemainder(dividingBy: channels)
        return remainder == 0 ? count : (quotient + 1) * channels
    }

    /// The padded input channel count of a convolution's activation input: `compressedInputChannels`
    /// for an ungrouped integer convolution with fewer input channels, else `padded(count)`.
    public func paddedConvolutionInput(_ count: Int, grouped: Bool, integer: Bool) -> Int {
        if !grouped, integer, let compressed = compressedInputChannels, count > 0, count < compressed { return compressed }
        return padded(count)
    }

    enum CodingKeys: String, CodingKey {
        case channels, operators
        case compressedInputChannels = "compressed_input_channels"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(channels, forKey: .channels)
        try keyed.encodeIfPresent(compressedInputChannels, forKey: .compressedInputChannels)
        try keyed.encode(operators, forKey: .operators)
    }
}
