import HeapModule
import HeteroRecords

/// Turns an assignment (a unit per operator) and a priority order into a timed schedule: the
/// classic list-scheduling decoder. Repeatedly takes the ready operator that comes first in the
/// priority order and starts it on its unit at the earliest time its inputs have arrived and the
/// unit is free: with `insertion`, in the earliest idle gap long enough (as in HEFT); without, after
/// the unit's last operator.
///
/// A tensor crossing to another unit is transferred once per destination memory (a second reader
/// on a unit of that memory reads the copy already there); its arrival on a unit is the
/// producer's finish + transfer time + that unit's synchronisation cost. Without contention
/// (the classic model's ideal interconnect) operators take their cost-table time and transfers
/// their uncontended time. When the platform enables contention, operators streaming from one
/// memory share its bandwidth, and transfers share links, DMA engines and the memories at the
/// links' ends, each taking what earlier placements left (`ContentionLedger`).
///
/// - Complexity: O((V + E) log V) without insertion; insertion adds O(V) per operator.
public struct ScheduleBuilder {
    public let problem: PlanProblem
    public var insertion: Bool
    /// Whether operators and transfers contend for bandwidth (initially the platform's setting).
    public var contention: Bool
    /// Spilled tensors: a consumer in the tensor's home memory waits for the store and the reload.
    public var spills: [Int: SpillPlan] = [:]

    /// How one tensor is spilled.
    public struct SpillPlan: Sendable, Hashable {
        public var spillMemory: Int
        public var storeUS: Double
        public var reloadUS: Double
        /// Readers in the home memory that read the home copy before the store frees it (they
        /// run before the spilled interval); every other home reader waits for a reload.
        public var directReaders: Set<Int> = []
    }

    public init(problem: PlanProblem, insertion: Bool = true) {
        self.problem = problem
        self.insertion = insertion
        self.contention = problem.costs.contention
    }

    /// The full schedule, with transfers.
    public func build(assignment: [Int], priority: [Int]) -> Schedule {
        StageTimings.measure(.listScheduling) { buildTimed(assignment: assignment, priority: priority) }
    }

    private func buildTimed(assignment: [Int], priority: [Int]) -> Schedule {
        var state = State(problem: problem, insertion: insertion, recordTransfers: true, contention: contention)
        state.spills = spills
        state.run(assignment: assignment, priority: priority)
        var queues = [[Int]](repeating: [], count: problem.unitCount)
        for (unit, slots) in state.slots.enumerated() { queues[unit] = slots.map(\.op) }
        let operators = (0..<problem.operatorCount).map {
            ScheduledOperator(unit: assignment[$0], startUS: state.start[$0], finishUS: state.finish[$0])
        }
        var schedule = Schedule(operators: operators, transfers: state.transfers, unitQueues: queues)
        schedule.spills = spillCopies(schedule, prefetchLanded: state.prefetchLanded)
        return schedule
    }

    /// Store after each spilled tensor's producer; reload just before each consumer in its home
    /// memory; then each prefetched weight, from the start of its trigger operator until it
    /// landed (`prefetchLanded`, by tensor).
    func spillCopies(_ schedule: Schedule, prefetchLanded: [Int: Double]) -> [ScheduledSpill] {
        var copies: [ScheduledSpill] = []
        for tensor in spills.keys.sorted() {
            let spill = spills[tensor]!
            guard let producer = problem.graph.producer[tensor] else { continue }
            let placed = schedule.operators[producer]
            let home = problem.costs.unitMemory[placed.unit]
            let bytes = problem.graph.tensors[tensor].byteSize
            copies.append(ScheduledSpill(kind: .store, tensor: tensor, fromMemory: home, toMemory: spill.spillMemory, bytes: bytes,
                                         startUS: placed.finishUS, finishUS: placed.finishUS + spill.storeUS))
            for consumer in problem.graph.consumers[tensor]
            where problem.costs.unitMemory[schedule.operators[consumer].unit] == home && !spill.directReaders.contains(consumer) {
                let start = schedule.operators[consumer].startUS
                copies.append(ScheduledSpill(kind: .reload, tensor: tensor, fromMemory: spill.spillMemory, toMemory: home, bytes: bytes,
                                             startUS: start - spill.reloadUS, finishUS: start, consumer: consumer))
            }
        }
        return copies + prefetchCopies(schedule, landed: prefetchLanded) + recomputeCopies(schedule)
    }

    /// Each recomputation (`PlanProblem.recomputes`), by tensor: from its reader's start, on the
    /// reader's unit, for its uncontended time (the reader's own part follows it).
    func recomputeCopies(_ schedule: Schedule) -> [ScheduledSpill] {
        guard !problem.recomputes.isEmpty else { return [] }
        let assignment = schedule.assignment
        var copies: [ScheduledSpill] = []
        var offset: [Int: Double] = [:]
        for tensor in problem.recomputes.keys.sorted() {
            let reader = problem.recomputes[tensor]!
            let unit = assignment[reader]
            guard let memory = problem.costs.residentMemory[unit], let producer = problem.graph.producer[tensor],
                  let timing = problem.recomputeTiming(tensor, on: unit, assignment) else { continue }
            let start = schedule.operators[reader].startUS + offset[reader, default: 0]
            offset[reader, default: 0] += timing.durationUS
            copies.append(ScheduledSpill(kind: .recompute, tensor: tensor, fromMemory: memory, toMemory: memory,
                                         bytes: problem.costs.storedBytes(problem.graph.tensors[tensor], on: assignment[producer]),
                                         startUS: start, finishUS: start + timing.durationUS, consumer: reader, producer: producer,
                                         unit: unit, inputs: problem.recomputeInputs(tensor)))
        }
        return copies
    }

    func prefetchCopies(_ schedule: Schedule, landed: [Int: Double]) -> [ScheduledSpill] {
        guard problem.hasPrefetches else { return [] }
        var copies: [ScheduledSpill] = []
        for op in schedule.operators.indices {
            for prefetch in problem.prefetches(op, on: schedule.operators[op].unit) {
                let start = schedule.operators[problem.prefetchTrigger[prefetch.tensor]].startUS
                copies.append(ScheduledSpill(kind: .prefetch, tensor: prefetch.tensor, fromMemory: prefetch.fromMemory,
                                             toMemory: prefetch.toMemory, bytes: prefetch.bytes, startUS: start,
                                             finishUS: landed[prefetch.tensor] ?? start + prefetch.copyUS, consumer: op))
            }
        }
        return copies
    }

    /// List scheduling where `choose` picks each operator's unit when it is reached, seeing the
    /// partial schedule (HEFT and PEFT). Returns the schedule with the chosen assignment.
    func buildDynamic(priority: [Int], choose: (State, Int, [Int]) -> Int) -> Schedule {
        StageTimings.measure(.listScheduling) { buildDynamicTimed(priority: priority, choose: choose) }
    }

    private func buildDynamicTimed(priority: [Int], choose: (State, Int, [Int]) -> Int) -> Schedule {
        var state = State(problem: problem, insertion: insertion, recordTransfers: true, contention: contention)
        var assignment = [Int](repeating: -1, count: problem.operatorCount)
        withoutActuallyEscaping(choose) { choose in
            state.run(priority: priority, assignment: &assignment) { state, op, assignment in choose(state, op, assignment) }
        }
        var queues = [[Int]](repeating: [], count: problem.unitCount)
        for (unit, slots) in state.slots.enumerated() { queues[unit] = slots.map(\.op) }
        let operators = (0..<problem.operatorCount).map {
            ScheduledOperator(unit: assignment[$0], startUS: state.start[$0], finishUS: state.finish[$0])
        }
        let schedule = Schedule(operators: operators, transfers: state.transfers, unitQueues: queues)
        guard !problem.costs.composites.isEmpty || !problem.costs.residency.isEmpty else { return schedule }
        // Members placed before their whole composite was decided were timed unfused, and
        // producers before their consumers' units (residency) were known: re-time with the final
        // assignment, in the same order, so every duration matches the cost table.
        let order = schedule.operators.indices.sorted {
            schedule.operators[$0].startUS != schedule.operators[$1].startUS
                ? schedule.operators[$0].startUS < schedule.operators[$1].startUS : $0 < $1
        }
        var retimer = ScheduleBuilder(problem: problem, insertion: false)
        retimer.contention = contention
        return retimer.build(assignment: assignment, priority: order)
    }

    /// Only the makespan: the hot path of local search.
    public func makespan(assignment: [Int], priority: [Int]) -> Double {
        StageTimings.measure(.listScheduling) { makespanTimed(assignment: assignment, priority: priority, timings: nil) }
    }

    /// `makespan` given every operator's timing on its unit (`PlanProblem.timings`).
    func makespan(assignment: [Int], priority: [Int], timings: [OperatorTiming?]) -> Double {
        StageTimings.measure(.listScheduling) { makespanTimed(assignment: assignment, priority: priority, timings: timings) }
    }

    private func makespanTimed(assignment: [Int], priority: [Int], timings: [OperatorTiming?]?) -> Double {
        var state = State(problem: problem, insertion: insertion, recordTransfers: false, contention: contention)
        state.timings = timings
        state.spills = spills
        state.run(assignment: assignment, priority: priority)
        return state.makespan
    }

    /// `makespan` when it is below `cutoff`, else nil: scheduling stops as soon as an operator
    /// finishes at or after `cutoff`, since the makespan (the latest finish) only grows as
    /// operators are placed. Below the cutoff it is `build(…).makespanUS`, the same list schedule.
    func makespan(assignment: [Int], priority: [Int], below cutoff: Double) -> Double? {
        StageTimings.measure(.listScheduling) {
            var state = State(problem: problem, insertion: insertion, recordTransfers: false, contention: contention)
            state.spills = spills
            state.cutoff = cutoff
            state.run(assignment: assignment, priority: priority)
            return state.makespan < cutoff ? state.makespan : nil
        }
    }

    struct Slot {
        var start: Double
        var finish: Double
        var op: Int
    }

    struct State {
        let problem: PlanProblem
        let insertion: Bool
        let recordTransfers: Bool
        var start: [Double]
        var finish: [Double]
        var slots: [[Slot]]
        var transfers: [ScheduledTransfer] = []
        var makespan = 0.0
        var spills: [Int: SpillPlan] = [:]
        /// Arrival time of (tensor, unit) copies already made, at `[edge.slot, unit]` (negative: none yet).
        var arrivals: _TimeTable
        /// When the copy of a tensor transferred into a memory landed, at `[edge.slot, memory]`
        /// (negative: none yet).
        var landed: _TimeTable
        /// Bandwidth and DMA engines reserved so far (inactive without contention).
        var ledger: ContentionLedger
        /// Weight prefetches by the operator whose start starts them (`PlanProblem.prefetchTrigger`;
        /// empty without prefetches or when units are chosen as the schedule is built).
        var triggered: [Int: [(reader: Int, copy: WeightPrefetch)]] = [:]
        /// When each prefetched weight landed, by tensor, and when all of a reader's had, by reader.
        var prefetchLanded: [Int: Double] = [:]
        var prefetchReady: [Int: Double] = [:]
        /// Under contention, prefetches started but not yet reserved, by reader: each leaves at its
        /// trigger's start but takes what the operators placed until its reader is reached left.
        var pendingPrefetches: [Int: [(copy: WeightPrefetch, route: [Int], leave: Double)]] = [:]
        /// Destinations placed so far per multicast read key (`PlanProblem.multicastKey`).
        var multicastPlaced: [Int: Int] = [:]
        /// Every operator's timing on its unit of the fixed assignment, when the caller computed
        /// them (`PlanProblem.timings`); nil: each is computed as it is placed.
        var timings: [OperatorTiming?]?
        /// `run` stops once the makespan reaches this (`makespan(…below:)`); the schedule is then partial.
        var cutoff = Double.infinity

        init(problem: PlanProblem, insertion: Bool, recordTransfers: Bool, contention: Bool) {
            self.problem = problem
            self.insertion = insertion
            self.recordTransfers = recordTransfers
            ledger = ContentionLedger(costs: problem.costs, contention: contention, layout: problem.contentionLayout)
            start = Array(repeating: 0, count: problem.operatorCount)
            finish = Array(repeating: 0, count: problem.operatorCount)
            slots = Array(repeating: [], count: problem.unitCount)
            arrivals = _TimeTable(slots: problem.carriedTensorCount, columns: problem.unitCount, rowStart: problem.slotRowStart)
            landed = _TimeTable(slots: problem.carriedTensorCount, columns: problem.costs.memoryNames.count, rowStart: problem.slotRowStart)
        }

        mutating func run(assignment: [Int], priority: [Int]) {
            var fixed = assignment
            run(priority: priority, assignment: &fixed, choose: nil)
        }

        /// List scheduling in priority order among ready operators. `choose` may pick the unit of
        /// each operator as it is reached (HEFT, PEFT); returning nil keeps `assignment[op]`.
        /// Without it (a fixed assignment: the refiner's hot path) the state is never passed out,
        /// which would copy it for every operator.
        mutating func run(priority: [Int], assignment: inout [Int], choose: ((State, Int, [Int]) -> Int?)?) {
            let count = problem.operatorCount
            if problem.hasPrefetches && choose == nil {
                for reader in problem.prefetchReaders {
                    for copy in problem.prefetches(reader, on: assignment[reader]) {
                        triggered[problem.prefetchTrigger[copy.tensor], default: []].append((reader, copy))
                    }
                }
            }
            var rank = [Int](repeating: 0, count: count)
            for (position, op) in priority.enumerated() { rank[op] = position }
            var waiting = problem.predecessorCount
            var ready = Heap<Int>()
            for op in 0..<count where waiting[op] == 0 { ready.insert(rank[op]) }
            var scheduled = 0
            // Passed to `place` rather than read from `self` there: a mutating method calling the
            // problem's methods on its own stored copy copied the whole problem per placement.
            let problem = self.problem
            while let position = ready.popMin() {
                let op = priority[position]
                if let choose, let unit = choose(self, op, assignment) { assignment[op] = unit }
                place(op, on: assignment[op], assignment: assignment, problem)
                if makespan >= cutoff { return }
                scheduled += 1
                for index in problem.successorStart[op]..<problem.successorStart[op &+ 1] {
                    let consumer = problem.successorList[index]
                    waiting[consumer] -= 1
                    if waiting[consumer] == 0 { ready.insert(rank[consumer]) }
                }
            }
            precondition(scheduled == count, "priority order does not cover an acyclic graph")
        }

        /// When the operator's inputs are all available on `unit` (no state change). A spilled
        /// input read in its home memory is reloaded only once the operator's other inputs are
        /// ready, so the reloaded copy does not sit in memory beside data still being produced.
        func readyTime(_ op: Int, on unit: Int, assignment: [Int]) -> Double {
            var readyAt = 0.0
            var reloads: [(stored: Double, reload: Double)] = []
            for index in problem.incomingStart[op]..<problem.incomingStart[op &+ 1] {
                let edge = problem.incomingEdges[index]
                let source = assignment[edge.producer]
                if !spills.isEmpty, let spill = spills[edge.tensor], problem.costs.unitMemory[source] == problem.costs.unitMemory[unit],
                   !spill.directReaders.contains(op) {
                    let sync = source == unit ? 0 : problem.costs.syncUS[source, unit]
                    reloads.append((finish[edge.producer] + spill.storeUS + sync, spill.reloadUS))
                } else if source == unit {
                    readyAt = max(readyAt, finish[edge.producer])
                } else if case let arrival = arrivals[edge.slot, unit], arrival >= 0 {
                    readyAt = max(readyAt, arrival)
                } else if case let copy = landedCopy(edge, from: source, to: unit), copy >= 0 {
                    readyAt = max(readyAt, copy + problem.costs.syncUS[source, unit])
                } else {
                    readyAt = max(readyAt, finish[edge.producer] + problem.communication(edge, from: source, to: unit))
                }
            }
            let othersReady = readyAt
            for (stored, reload) in reloads { readyAt = max(readyAt, max(stored, othersReady) + reload) }
            // Prefetched weights: once they landed (their trigger, earlier on this unit, is placed).
            if problem.hasPrefetches, let landed = prefetchReady[op] { readyAt = max(readyAt, landed) }
            return readyAt
        }

        /// Earliest start on `unit` at or after `readyAt` for an operator of uncontended
        /// `duration`, its finish (later under contention) and the slot index to insert at.
        /// Without `finishWhenAppended`, an operator appended after the unit's last one gets its
        /// uncontended finish (`place` reserves it, which computes the contended one anyway).
        func earliestStart(_ op: Int, on unit: Int, readyAt: Double, timing: OperatorTiming,
                           finishWhenAppended: Bool = true) -> (start: Double, finish: Double, index: Int) {
            let duration = timing.durationUS
            let unitSlots = slots[unit]
            if insertion {
                // Slots start in time order, and a gap before a slot starting earlier than
                // `readyAt + duration` is too short: the scan starts at the first later one.
                let first = firstSlot(unitSlots, startingAtOrAfter: readyAt + duration)
                var previousFinish = first > 0 ? unitSlots[first - 1].finish : 0.0
                for position in first..<unitSlots.count {
                    let slot = unitSlots[position]
                    let candidate = max(readyAt, previousFinish)
                    // Contention only lengthens an operator: a gap too short without it is too short.
                    if candidate + duration <= slot.start {
                        let finish = ledger.isActive ? ledger.operatorFinish(on: unit, timing: timing, start: candidate) : candidate + duration
                        if finish <= slot.start { return (candidate, finish, position) }
                    }
                    previousFinish = slot.finish
                }
            }
            let candidate = max(readyAt, unitSlots.last?.finish ?? 0)
            let finish = ledger.isActive && finishWhenAppended
                ? ledger.operatorFinish(on: unit, timing: timing, start: candidate) : candidate + duration
            return (candidate, finish, unitSlots.count)
        }

        /// The index of the first of `slots` (in start order) that starts at or after `time`; their count when none does.
        func firstSlot(_ slots: [Slot], startingAtOrAfter time: Double) -> Int {
            var low = 0, high = slots.count
            while low < high {
                let middle = (low + high) / 2
                if slots[middle].start < time { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// Earliest finish time of `op` on `unit` given what is placed so far.
        func earliestFinish(_ op: Int, on unit: Int, assignment: [Int]) -> Double {
            guard let timing = problem.readerTiming(op, unit, assignment).map({ multicastTiming(op, on: unit, assignment: assignment, $0).timing })
            else { return .infinity }
            let readyAt = readyTime(op, on: unit, assignment: assignment)
            return earliestStart(op, on: unit, readyAt: readyAt, timing: timing).finish
        }

        /// `timing` of `op` on `unit` with the bytes a multicast read carries taken out when the
        /// read is another destination's (`PlanProblem.multicastShare`): the first of each
        /// `fanout` destinations of its group and memory placed streams the activation, the rest
        /// receive that stream. Also the read's key (-1 when `op` is not a destination).
        @inline(__always)
        func multicastTiming(_ op: Int, on unit: Int, assignment: [Int], _ timing: OperatorTiming) -> (timing: OperatorTiming, key: Int) {
            guard !problem.multicast.isEmpty, problem.multicast.groupOf[op] >= 0 else { return (timing, -1) }
            let share = problem.multicastShare(op, on: unit, assignment, timing: timing)
            guard share > 0 else { return (timing, -1) }
            let key = problem.multicastKey(op, on: unit)
            guard (multicastPlaced[key] ?? 0) % problem.costs.multicastFanout[unit] != 0 else { return (timing, key) }
            var shared = timing
            shared.streamedBytes -= share
            return (shared, key)
        }

        /// When a transfer of the edge's tensor from `source` landed in `unit`'s memory for another
        /// reader (negative: none, or no transfer is needed).
        func landedCopy(_ edge: PlanProblem.Edge, from source: Int, to unit: Int) -> Double {
            guard problem.costs.needsTransfer(from: source, to: unit) else { return -1 }
            return landed[edge.slot, problem.costs.unitMemory[unit]]
        }

        mutating func place(_ op: Int, on unit: Int, assignment: [Int]) {
            place(op, on: unit, assignment: assignment, problem)
        }

        /// `place` with `problem` (this state's) passed in.
        mutating func place(_ op: Int, on unit: Int, assignment: [Int], _ problem: PlanProblem) {
            // Its weight prefetches, after the operators that ran while they did (see `triggerPrefetches`).
            if !pendingPrefetches.isEmpty, let pending = pendingPrefetches.removeValue(forKey: op) {
                for (copy, route, leave) in pending {
                    let landed = ledger.reserveTransfer(bytes: copy.bytes, route: route, leave: leave)
                    prefetchLanded[copy.tensor] = landed
                    prefetchReady[op] = max(prefetchReady[op] ?? 0, landed)
                }
            }
            // Record the copies this placement needs.
            for index in problem.incomingStart[op]..<problem.incomingStart[op &+ 1] {
                let edge = problem.incomingEdges[index]
                let source = assignment[edge.producer]
                guard source != unit, arrivals[edge.slot, unit] < 0 else { continue }
                if problem.isResident(edge.tensor, readBy: op, on: unit, assignment) {
                    // On chip where both units read it: only the synchronisation.
                    arrivals[edge.slot, unit] = finish[edge.producer] + problem.costs.syncUS[source, unit]
                    continue
                }
                if case let copy = landedCopy(edge, from: source, to: unit), copy >= 0 {
                    // Already transferred into this unit's memory for another reader.
                    arrivals[edge.slot, unit] = copy + problem.costs.syncUS[source, unit]
                    continue
                }
                let leave = finish[edge.producer]
                let route = problem.costs.routes[source, unit]
                var landed = leave + problem.costs.transferUS(bytes: edge.bytes, from: source, to: unit)
                if ledger.isActive && ledger.coversRoute(route) { landed = ledger.reserveTransfer(bytes: edge.bytes, route: route, leave: leave) }
                arrivals[edge.slot, unit] = landed + problem.costs.syncUS[source, unit]
                if problem.costs.needsTransfer(from: source, to: unit) {
                    self.landed[edge.slot, problem.costs.unitMemory[unit]] = landed
                }
                if recordTransfers && problem.costs.needsTransfer(from: source, to: unit) {
                    transfers.append(ScheduledTransfer(tensor: edge.tensor, producer: edge.producer, fromUnit: source, toUnit: unit,
                                                       bytes: edge.bytes, startUS: leave, finishUS: landed))
                }
            }
            let own = timings.map { problem.readerTiming(op, unit, assignment, timing: $0[op]) } ?? problem.readerTiming(op, unit, assignment)
            var timing = own ?? OperatorTiming(durationUS: .infinity, overheadUS: 0, streamedBytes: 0)
            if !problem.multicast.isEmpty {
                let (shared, key) = multicastTiming(op, on: unit, assignment: assignment, timing)
                timing = shared
                if key >= 0 { multicastPlaced[key, default: 0] += 1 }
            }
            var (begin, end, index) = earliestStart(op, on: unit, readyAt: readyTime(op, on: unit, assignment: assignment), timing: timing,
                                                    finishWhenAppended: false)
            if ledger.isActive { end = ledger.reserveOperator(on: unit, timing: timing, start: begin) }
            start[op] = begin
            finish[op] = end
            if index == slots[unit].count {
                slots[unit].append(Slot(start: begin, finish: end, op: op))
            } else {
                slots[unit].insert(Slot(start: begin, finish: end, op: op), at: index)
            }
            makespan = max(makespan, end)
            triggerPrefetches(op, begin: begin, problem)
        }

        /// The weight prefetches operator `op`'s start (at `begin`) starts, over their route.
        /// Under contention they are reserved when their reader is placed, after the operators
        /// that run on the unit meanwhile: those take the memory bandwidth first and a prefetch
        /// what they leave. The simulator shares it max-min fairly, which gives an operator that
        /// streams below an even share exactly its rate and the prefetch the rest; reserving a
        /// prefetch first instead starved the operators after it (inception_v1 on versal-vc1902:
        /// a 1.25 us convolution predicted at 25.9 us behind a 663,552-byte copy that had taken
        /// all of the DDR4's 25.6 GB/s, 4.9% pessimistic in all).
        mutating func triggerPrefetches(_ op: Int, begin: Double, _ problem: PlanProblem) {
            for (reader, copy) in triggered[op] ?? [] {
                let route = problem.prefetchRoute(copy)
                if ledger.isActive && ledger.coversRoute(route) {
                    pendingPrefetches[reader, default: []].append((copy, route, begin))
                    continue
                }
                let landed = begin + copy.copyUS
                prefetchLanded[copy.tensor] = landed
                prefetchReady[reader] = max(prefetchReady[reader] ?? 0, landed)
            }
        }
    }
}
