/// Shape limits of one operator on one unit; `nil` means no limit. A node exceeding a limit
/// cannot run on the unit (operator spill moves it elsewhere).
public struct OperatorLimits: Sendable, Hashable {
    /// Largest kernel extent along any spatial axis (Conv, pooling).
    public var maxKernel: Int?
    /// Largest stride along any spatial axis.
    public var maxStride: Int?
    /// Largest dilation along any spatial axis.
    public var maxDilation: Int?
    /// Largest number of input or output channels.
    public var maxChannels: Int?

    public init(maxKernel: Int? = nil, maxStride: Int? = nil, maxDilation: Int? = nil, maxChannels: Int? = nil) {
        self.maxKernel = maxKernel
        self.maxStride = maxStride
        self.maxDilation = maxDilation
        self.maxChannels = maxChannels
    }

    /// No limits at all.
    public static let none = OperatorLimits()

    /// True when no limit is set.
    public var isEmpty: Bool { self == .none }
}
