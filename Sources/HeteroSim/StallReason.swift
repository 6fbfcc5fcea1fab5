/// What an operator or transfer waited for last before it could start: the dependency whose
/// resolution enabled it. Idle time on a unit before an operator is charged to this reason.
public enum StallReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// Nothing: it was enabled at time 0.
    case none
    /// The previous operation on the same unit (the engine was busy): not a stall.
    case engine
    /// Its register group being programmed.
    case programming
    /// An input from another unit (completion plus synchronisation).
    case input
    /// A transfer of an input arriving (plus synchronisation).
    case transfer
    /// A buffer at the same addresses being released (memory reuse).
    case memory
    /// A transfer waiting for the operator that produces its tensor.
    case producer
}
