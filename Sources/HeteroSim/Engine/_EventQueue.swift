import HeapModule

/// The simulation's future: a min-heap of events (swift-collections `Heap`, a min-max heap).
///
/// Ordering is total and deterministic: time, then phase (completions, then signals, then
/// starts), then scheduling order (FIFO among equals). See `_Event`.
///
/// - Complexity: O(log n) to schedule and to pop.
struct _EventQueue {
    private var heap = Heap<_Event>()
    private var sequence: UInt64 = 0
    /// Events popped so far.
    private(set) var processed = 0

    init() {}

    var isEmpty: Bool { heap.isEmpty }

    /// Time of the next event, if any.
    var nextTime: Int64? { heap.min?.time }

    mutating func schedule(_ kind: _Event.Kind, at time: Int64, subject: Int, version: Int32 = 0) {
        precondition(sequence < 1 << 48, "more than 2^48 events scheduled")
        heap.insert(_Event(time: time, phase: _Event.phase(of: kind), sequence: sequence, kind: kind,
                           subject: Int32(truncatingIfNeeded: subject), version: version))
        sequence += 1
    }

    mutating func pop() -> _Event? {
        guard let event = heap.popMin() else { return nil }
        processed += 1
        return event
    }
}
