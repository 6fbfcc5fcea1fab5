import HeteroSupport

/// The range a platform number must lie in to describe real hardware. Each bound is generous
/// (orders of magnitude beyond the shipped platforms) but finite, so that every time, rate and
/// byte count the cost model derives from a valid platform is finite and within a few orders of
/// magnitude of the others: the planner's ILPs stay well-scaled and the list schedulers never
/// see an infinite or denormal time. `hetero-plan check` and `plan` apply the same ranges (both
/// decode through `PlatformDecoder`), and an out-of-range value is reported with its JSON path,
/// the allowed range and its unit.
public struct PhysicalRange: Sendable, Equatable, CustomStringConvertible {
    public let lower: Double
    public let upper: Double
    /// The unit printed after the bounds (`"MHz"`, `"GB/s"`), or `""`.
    public let unit: String

    public init(_ lower: Double, _ upper: Double, unit: String) {
        self.lower = lower
        self.upper = upper
        self.unit = unit
    }

    /// `rows` and `columns` of a tile array: 1 to 4,096 (at most `Platform.maximumUnits` tiles in all).
    public static let arrayDimension = PhysicalRange(1, 4096, unit: "")
    /// A tile's row or column in an array (`StreamSwitch`).
    public static let arrayPosition = PhysicalRange(0, 4095, unit: "")
    /// Stream ports of a tile's core (`StreamSwitch`).
    public static let streamPorts = PhysicalRange(1, 64, unit: "")
    /// `clock_mhz`: 1 MHz to 10 GHz.
    public static let clockMHz = PhysicalRange(1, 10_000, unit: "MHz")
    /// `macs_per_cycle`, `vector_ops_per_cycle`: from one operation per 1,000 cycles to a
    /// million per cycle (the largest arrays today do ~1e5).
    public static let operationsPerCycle = PhysicalRange(0.001, 1_000_000, unit: "per cycle")
    /// `efficiency` of an operator or fusion pattern: 0.1% to 100% of the peak rate.
    public static let efficiency = PhysicalRange(0.001, 1, unit: "")
    /// `bandwidth_gb_s` of a memory or link: 1 MB/s to 100 TB/s.
    public static let bandwidthGBs = PhysicalRange(0.001, 100_000, unit: "GB/s")
    /// `latency_us` of a memory or link: up to 10 ms.
    public static let latencyUS = PhysicalRange(0, 10_000, unit: "µs")
    /// `submit_us`, `sync_us` of a command path or the host: up to 100 ms per submission.
    public static let overheadUS = PhysicalRange(0, 100_000, unit: "µs")
    /// `capacity_bytes`: 1 byte to 16 TiB (2^44 bytes); `"unlimited"` is the way to say more.
    public static let capacityBytes = PhysicalRange(1, 17_592_186_044_416, unit: "bytes")
    /// `dma_engines` of a link.
    public static let dmaEngines = PhysicalRange(1, 64, unit: "")
    /// `max_destinations` of a unit's multicast: operators one broadcast read feeds.
    public static let multicastDestinations = PhysicalRange(2, 4096, unit: "")
    /// `pj_per_mac`, `pj_per_vector_op`, `pj_per_byte`: up to 1 µJ per operation or byte.
    public static let energyPJ = PhysicalRange(0, 1_000_000, unit: "pJ")
    /// `idle_mw`: up to 1 kW.
    public static let powerMW = PhysicalRange(0, 1_000_000, unit: "mW")
    /// `max_kernel`, `max_stride`, `max_dilation`, `max_channels` of an operator.
    public static let operatorLimit = PhysicalRange(1, 1_048_576, unit: "")
    /// `program_memory_bytes` of a unit and `program_bytes` of an operator's kernel: 1 byte to 1 GiB.
    public static let programBytes = PhysicalRange(1, 1_073_741_824, unit: "bytes")

    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// `from 1 to 10000 MHz`.
    public var description: String {
        "from \(format(lower)) to \(format(upper))" + (unit.isEmpty ? "" : " \(unit)")
    }

    /// `value` when it is in range; otherwise reports `must be from ... , found ...` at `path`.
    func check(_ value: Double, at path: JSONPath, problems: ProblemCollector) -> Double? {
        if contains(value) { return value }
        problems.report(path, "must be \(self), found \(format(value))")
        return nil
    }
}
