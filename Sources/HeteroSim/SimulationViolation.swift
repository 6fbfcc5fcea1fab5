import Foundation

/// Why a plan is invalid: the first thing that went wrong while executing it, with where and
/// when. The simulation stops there (later events would only report consequences).
///
/// The command line prints `description` and exits with status 3 (an invalid plan), distinct
/// from 2 (bad input: a file that could not be read or does not match the model).
public struct SimulationViolation: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// An operator started before an operator producing one of its inputs had finished.
        case dependencyNotMet = "dependency-not-met"
        /// An input was not in the memory the operator (or transfer) reads it from: no buffer
        /// planned there, or nothing ever written to it.
        case missingInput = "missing-input"
        /// An input's buffer held another tensor's data (it was overwritten).
        case staleInput = "stale-input"
        /// A buffer was allocated over the address range of a buffer that was still live.
        case bufferOverlap = "buffer-overlap"
        /// A buffer extends past its memory's capacity.
        case capacityExceeded = "capacity-exceeded"
        /// A buffer in a unit's resident memory is smaller than its tensor there: the unit pads
        /// the tensor's channels (`channel_alignment`) and the plan sized it unpadded.
        case bufferTooSmall = "buffer-too-small"
        /// An operator was submitted to a unit that cannot run it.
        case unsupportedOperator = "unsupported-operator"
        /// A write has no buffer in the plan to go to.
        case unplannedBuffer = "unplanned-buffer"
        /// A tensor is transferred twice into one memory (a second copy into the buffer the
        /// first already fills: readers on every unit of that memory read the first).
        case duplicateTransfer = "duplicate-transfer"
        /// The kernels a unit with a program memory (an AI Engine tile) runs take more time per
        /// inference than the plan's interval: their run-time ratios sum to more than 1.
        case runTimeRatioExceeded = "run-time-ratio-exceeded"
        /// The programs of the kernels on a unit exceed its program memory.
        case programMemoryExceeded = "program-memory-exceeded"
        /// A multicast read the plan lists cannot be one: a destination that does not read or
        /// stream the tensor, is on a unit without a multicast or computing from another memory,
        /// has no room for its receive windows, is listed twice, or more destinations than the
        /// fan-out.
        case brokenMulticast = "broken-multicast"
        /// A windowed hand-off the plan lists cannot be one: a plan without a steady-state
        /// interval, a producer or reader that does not work row by row, a buffer outside the
        /// producer's tile memory or smaller than two windows, or a reader on a tile that does
        /// not address that memory.
        case brokenWindow = "broken-window"
        /// A stream-switch route the plan lists cannot be made: its source is not its tensor's
        /// producer's tile, or a tile it joins has no stream switch or lies in another array, or
        /// a destination runs no reader of the tensor or has no receive buffer for it in its tile
        /// memory.
        case unreachableStreamRoute = "unreachable-stream-route"
        /// A tile's stream port is taken by two routes, or a route names a port the tile does not
        /// have.
        case oversubscribedStreamPort = "oversubscribed-stream-port"
        /// A route carries more bytes per inference than its port delivers in the plan's interval.
        case streamBandwidthExceeded = "stream-bandwidth-exceeded"
        /// Nothing can happen any more and operators are left: they wait on each other.
        case deadlock
    }

    public var kind: Kind
    /// Simulated time of the violation.
    public var time: SimTime
    public var unit: String?
    public var `operator`: String?
    public var tensor: String?
    public var memory: String?
    /// What the plan required, in words.
    public var expected: String
    /// What happened instead.
    public var found: String
    /// For a deadlock: the cycle of waits, each entry "X waits for Y (reason)".
    public var cycle: [String]

    public init(kind: Kind, time: SimTime, unit: String? = nil, operator op: String? = nil, tensor: String? = nil, memory: String? = nil,
                expected: String, found: String, cycle: [String] = []) {
        self.kind = kind
        self.time = time
        self.unit = unit
        self.operator = op
        self.tensor = tensor
        self.memory = memory
        self.expected = expected
        self.found = found
        self.cycle = cycle
    }

    public var description: String {
        var lines = ["invalid plan: \(kind.rawValue) at \(String(format: "%.6f", time.microseconds)) us"]
        if let unit { lines.append("  unit:     \(unit)") }
        if let op = self.operator { lines.append("  operator: \(op)") }
        if let tensor { lines.append("  tensor:   \(tensor)") }
        if let memory { lines.append("  memory:   \(memory)") }
        lines.append("  expected: \(expected)")
        lines.append("  found:    \(found)")
        if !cycle.isEmpty {
            lines.append("  cycle:")
            lines += cycle.map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
