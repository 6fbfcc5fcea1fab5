/// How the host drives a unit; each step on the path adds to the submit and sync costs.
public enum CommandPathKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// Through a kernel driver (ioctl, interrupt, bottom half), e.g. the NVDLA KMD or Linux ivpu.
    case driver
    /// Through a user-space service process and then a driver (IPC + driver), e.g. FastRPC.
    case service
    /// A command queue in shared memory plus a doorbell register write; completion by polling.
    case doorbell
    /// A function call on the host itself (the CPU) or a register-mapped unit with no queue.
    case direct
}
