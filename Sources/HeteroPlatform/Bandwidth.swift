/// Bandwidth units of platform files. Files give bandwidth in GB/s (decimal: 10^9 bytes per
/// second); the cost model works in bytes per microsecond: 1 GB/s = 1000 bytes/us.
public enum Bandwidth {
    /// Bytes per microsecond in one GB/s.
    public static let bytesPerMicrosecondPerGBs: Double = 1000

    /// `gbs` GB/s in bytes per microsecond.
    public static func bytesPerMicrosecond(gbs: Double) -> Double {
        gbs * bytesPerMicrosecondPerGBs
    }
}
