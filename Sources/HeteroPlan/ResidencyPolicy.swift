/// How the residency stage chooses which activations leave an on-chip resident memory when it
/// overflows (`ResidencyPlanner`).
public enum ResidencyPolicy: String, Sendable, CaseIterable, Codable {
    /// Every activation in its unit's memory (DRAM): no residency, the behaviour before it existed.
    case dram
    /// Belady's rule: evict the tensor live at the overflow whose next read is furthest away.
    case nextUse = "next-use"
    /// Evict the candidate whose eviction costs the objective least (each candidate's schedule
    /// evaluated), then re-admit evicted tensors that fit again and do not worsen the objective;
    /// the victims chosen together by a GLPK MILP over the overflowing instants replace these
    /// when the re-timed schedule scores better.
    case optimize
}
