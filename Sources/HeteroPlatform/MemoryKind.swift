/// The technology of a memory; descriptive, like `UnitKind`.
public enum MemoryKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// Off-chip DRAM (DDR, LPDDR).
    case dram
    /// Stacked high-bandwidth memory.
    case hbm
    /// On-chip SRAM shared by several units.
    case sram
    /// A hardware-managed cache.
    case cache
    /// A tightly coupled memory private to one core (DSP TCM, VTCM).
    case tcm
    /// A software-managed scratchpad or buffer (NVDLA CBUF, Intel CMX).
    case scratchpad
}
