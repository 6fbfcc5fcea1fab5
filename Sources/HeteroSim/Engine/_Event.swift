/// One pending event of the simulation.
///
/// Events are ordered by time, then by `phase` (so that at one instant everything that frees a
/// resource — completions, arrivals, releases — happens before anything that takes one), then by
/// the order in which they were scheduled. The last key makes the order total and independent of
/// the heap's internal layout: a simulation is a pure function of its inputs.
struct _Event: Comparable {
    enum Kind: UInt8 {
        /// An operator finished (or its fluid busy phase completed; checked against `version`).
        case operatorFinish
        /// An operator's command phase ended and its busy phase starts (contention on).
        case operatorBusy
        /// A transfer hop's set-up latency ended and its data phase starts (contention on).
        case hopLatencyDone
        /// A transfer hop's data phase completed (checked against `version`).
        case hopDone
        /// A whole transfer arrived (contention off: one timed event per transfer).
        case transferArrive
        /// A completion or arrival, after its synchronisation delay, reaches its waiters.
        case signal
        /// An operator's register group was programmed (when programming takes time).
        case programmed
        /// An operator's dependency count reached zero: the unit starts it.
        case operatorStart
        /// A transfer's dependency count reached zero: it asks for a DMA engine.
        case transferStart
    }

    /// Lower phases run first at one instant.
    enum Phase: UInt64 {
        case complete = 0
        case signal = 1
        case start = 2
    }

    var time: Int64
    /// `phase << 58 | sequence << 8 | kind`: one integer compare for the two tie-breaking keys
    /// (the sequence is unique, so the kind in the low byte never decides), and a 24-byte event.
    var order: UInt64
    var subject: Int32
    var version: Int32

    init(time: Int64, phase: Phase, sequence: UInt64, kind: Kind, subject: Int32, version: Int32) {
        self.time = time
        order = phase.rawValue << 58 | sequence << 8 | UInt64(kind.rawValue)
        self.subject = subject
        self.version = version
    }

    var kind: Kind { Kind(rawValue: UInt8(truncatingIfNeeded: order))! }

    @inline(__always)
    static func < (lhs: _Event, rhs: _Event) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.order < rhs.order
    }

    @inline(__always)
    static func == (lhs: _Event, rhs: _Event) -> Bool {
        lhs.time == rhs.time && lhs.order == rhs.order
    }

    @inline(__always)
    static func phase(of kind: Kind) -> Phase {
        switch kind {
        case .operatorFinish, .operatorBusy, .hopLatencyDone, .hopDone, .transferArrive: return .complete
        case .signal, .programmed: return .signal
        case .operatorStart, .transferStart: return .start
        }
    }
}
