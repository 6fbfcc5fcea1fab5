import HeteroCost
import HeteroIR

/// A graph and its cost table, with the adjacency the planner walks in its hot loops.
public struct PlanProblem: Sendable {
    public let graph: Graph
    public let costs: CostTable

    /// A data dependency: `tensor` (an index into `graph.tensors`) produced by `producer` and read by `consumer`.
    public struct Edge: Sendable, Hashable {
        public let producer: Int
        public let consumer: Int
        public let tensor: Int
        public let bytes: Int
        /// The tensor's row in the list scheduler's per-tensor tables (`carriedTensorCount` rows:
        /// one per tensor some edge carries, numbered in order of first appearance).
        let slot: Int
    }

    /// Distinct tensors the edges carry: the rows of the list scheduler's copy tables. A graph
    /// with folded views keeps every tensor (`ViewFolding`), most of which no edge then carries,
    /// so these tables are sized by this rather than by `graph.tensors.count`.
    let carriedTensorCount: Int
    /// Per slot, the edges carrying its tensor as rows: slot `s` owns
    /// `slotRowStart[s]..<slotRowStart[s + 1]` of the edges' count (`_TimeTable` on large arrays).
    let slotRowStart: [Int]

    /// Incoming edges per operator (one per producer tensor read), ascending by tensor.
    public let incoming: [[Edge]]
    /// Outgoing edges per operator.
    public let outgoing: [[Edge]]
    /// Every edge.
    public let edges: [Edge]
    /// Distinct producers each operator waits for, and distinct consumers it releases (the list
    /// scheduler's dependency counts, computed once rather than per schedule).
    public let predecessorCount: [Int]
    /// Distinct producers of each operator, ascending.
    public let producers: [[Int]]
    public let successors: [[Int]]
    /// `incoming` and `successors` flattened into compressed rows: operator `op`'s incoming edges
    /// are `incomingEdges[incomingStart[op]..<incomingStart[op + 1]]`, its successors
    /// `successorList[successorStart[op]..<successorStart[op + 1]]`. The list scheduler's
    /// per-operator loops index these: a `for` over a row of `incoming` or `successors` retains
    /// and releases the row's buffer on every visit, and reference counting was a third of a
    /// search's time (Results/planning-time.md).
    let incomingEdges: [Edge]
    let incomingStart: [Int]
    let successorList: [Int]
    let successorStart: [Int]

    /// Tensors the residency stage moved out of their resident memory (`ResidencyPlanner`): they
    /// live in their producer's memory although they could stay on chip.
    public var evicted: [Bool]
    /// Activations the residency stage recomputes rather than evicts (`ResidencyPlanner`): per
    /// tensor, the reader before which its producer runs again, on that reader's unit. The
    /// tensor stays resident (`evicted` is false for it) but its buffer is freed after its other
    /// readers and written again by the recomputation (`PlanProblem+Recompute`).
    public var recomputes: [Int: Int] = [:] {
        didSet { recomputedBefore = Dictionary(grouping: recomputes.keys.sorted()) { recomputes[$0]! } }
    }
    /// The tensors recomputed before each reader (`recomputes` inverted, ascending).
    public private(set) var recomputedBefore: [Int: [Int]] = [:]
    /// Weights the prefetch stage copies into their reader's resident memory ahead of it
    /// (`WeightPrefetcher`), read there instead of streamed: per tensor, -1 when not prefetched,
    /// otherwise the operator on the reader's unit whose start starts the copy (the one before
    /// the reader: double buffering; an earlier one: run-ahead).
    public var prefetchTrigger: [Int] {
        didSet {
            var readers: [Int] = []
            for tensor in prefetchTrigger.indices where prefetchTrigger[tensor] >= 0 { readers += graph.consumers[tensor] }
            hasPrefetches = prefetchTrigger.contains { $0 >= 0 }
            prefetchReaders = Array(Set(readers)).sorted()
        }
    }
    /// Whether any weight is prefetched (the list scheduler's check before looking further).
    public private(set) var hasPrefetches = false
    /// The readers of the prefetched weights, ascending: the only operators with `prefetches`
    /// (the list scheduler looks at these instead of every operator).
    public private(set) var prefetchReaders: [Int] = []
    /// Graph outputs (never resident: the host reads them from the unit's memory).
    public let isOutput: [Bool]
    /// `smallestStoredBytes[memory][tensor]`: the tensor's fewest stored bytes
    /// (`CostTable.storedBytes`: compute type and padded channels) on any unit whose resident
    /// memory `memory` is; an empty row for other memories, empty without resident memories. A
    /// tensor larger than a resident memory's capacity is never resident in it (`isResident`):
    /// no residency could keep it there.
    let smallestStoredBytes: [[Int]]
    /// Sums over ordered pairs of distinct units of the fixed transfer time, per-byte time and
    /// sync, for `meanCommunication` on platforms with more than `pairwiseMeanUnitLimit` units.
    let pairSums: (fixed: Double, perByte: Double, sync: Double)?
    /// The memories and links the list scheduler's contention ledger can touch.
    let contentionLayout: ContentionLedger.Layout
    /// The classes of interchangeable units (an array's tiles), built once per problem for the
    /// searches and list schedulers that try one idle unit per class.
    let symmetry: UnitSymmetry
    /// Readers of one activation that a multicast read can serve (empty without multicast units).
    let multicast: MulticastGroups
    /// Whether some unit reads a neighbour's memory in place (`CostTable.sharedMemories`).
    let hasSharedMemories: Bool
    /// `CostTable.sharedMemories` as compressed rows (unit `u`'s memories are
    /// `sharedMemoryList[sharedMemoryStart[u]..<sharedMemoryStart[u + 1]]`), empty without
    /// shared memories: `isResident` reads them here, in this module, so the list scheduler's
    /// inlined residency check makes no call (`sharesMemory`).
    let sharedMemoryList: [Int]
    let sharedMemoryStart: [Int]
    /// Window rows and window-buffer sizes of the activations that may stream in windows
    /// (`WindowedStreaming`; `.none` unless `CostTable.windowedStreaming` on shared tile memories).
    let windows: WindowedStreaming
    /// Stream-switch routes between tiles (`StreamRouting`, chosen after the assignment): a routed
    /// activation is on chip for the readers on its destination tiles (`isResident`).
    public internal(set) var routes: StreamRoutes = .none
    /// Per unit, the copy from its memory into its resident memory (`CostTable.memoryTransferRate`;
    /// nil without a resident memory or a route): what a weight prefetch costs, asked per weight
    /// by the list scheduler and the bounds.
    let residentCopyRates: [TransferRate?]
    /// `boundDurations`, made when a lower bound first asks (shared by copies of the problem).
    let boundDurationCache = _BoundDurationCache()

    public init(graph: Graph, costs: CostTable) throws(PlanError) {
        guard costs.operatorCount == graph.operators.count else {
            throw .internalInconsistency("cost table has \(costs.operatorCount) operators, graph \(graph.operators.count)")
        }
        for (index, op) in graph.operators.enumerated() where costs.capableUnits(index).isEmpty {
            let reasons = (0..<costs.unitCount).map { "\(costs.unitNames[$0]): \(costs.reasons[index][$0] ?? "cannot run")" }
            throw .unplaceable(operator: op.label, reasons: reasons)
        }
        var incoming = [[Edge]](repeating: [], count: graph.operators.count)
        var outgoing = [[Edge]](repeating: [], count: graph.operators.count)
        var edges: [Edge] = []
        var slots: [Int: Int] = [:]
        for (consumer, op) in graph.operators.enumerated() {
            var seen = Set<Int>()
            for input in op.inputs where !input.isEmpty {
                let tensor = graph.tensorIndex[input]!
                guard seen.insert(tensor).inserted, let producer = graph.producer[tensor] else { continue }
                let slot = slots[tensor] ?? slots.count
                slots[tensor] = slot
                let edge = Edge(producer: producer, consumer: consumer, tensor: tensor, bytes: graph.tensors[tensor].byteSize, slot: slot)
                incoming[consumer].append(edge)
                outgoing[producer].append(edge)
                edges.append(edge)
            }
        }
        self.graph = graph
        self.costs = costs
        evicted = Array(repeating: false, count: graph.tensors.count)
        prefetchTrigger = Array(repeating: -1, count: graph.tensors.count)
        var isOutput = Array(repeating: false, count: graph.tensors.count)
        for name in graph.outputs { if let tensor = graph.tensorIndex[name] { isOutput[tensor] = true } }
        self.isOutput = isOutput
        if costs.residentMemory.contains(where: { $0 != nil }) {
            let representatives = Self.storageRepresentatives(costs)
            smallestStoredBytes = Self.smallestStoredBytes(graph, costs, representatives: representatives)
            windows = WindowedStreaming(graph, costs, representatives: representatives)
        } else {
            smallestStoredBytes = []
            windows = .none
        }
        residentCopyRates = (0..<costs.unitCount).map { unit in
            guard !costs.residentMemory.isEmpty, let resident = costs.residentMemory[unit] else { return nil }
            return costs.memoryTransferRate(from: costs.unitMemory[unit], to: resident)
        }
        pairSums = costs.unitCount > Self.pairwiseMeanUnitLimit ? Self.pairSums(costs) : nil
        contentionLayout = ContentionLedger.Layout(costs)
        symmetry = UnitSymmetry(costs)
        multicast = MulticastGroups(graph, costs)
        hasSharedMemories = costs.hasSharedMemories
        (sharedMemoryList, sharedMemoryStart) = hasSharedMemories ? Self.compressedRows(costs.sharedMemories) : ([], [])
        self.incoming = incoming
        self.outgoing = outgoing
        self.edges = edges
        carriedTensorCount = slots.count
        var slotRowStart = [Int](repeating: 0, count: slots.count + 1)
        for edge in edges { slotRowStart[edge.slot + 1] += 1 }
        for slot in 0..<slots.count { slotRowStart[slot + 1] += slotRowStart[slot] }
        self.slotRowStart = slotRowStart
        let producers = incoming.map { Array(Set($0.map(\.producer))).sorted() }
        self.producers = producers
        self.predecessorCount = producers.map(\.count)
        let successors = outgoing.map { edges in
            var seen = Set<Int>()
            return edges.compactMap { seen.insert($0.consumer).inserted ? $0.consumer : nil }
        }
        self.successors = successors
        (incomingEdges, incomingStart) = Self.compressedRows(incoming)
        (successorList, successorStart) = Self.compressedRows(successors)
    }

    /// Rows concatenated, with each row's start and, last, the total count (`incomingEdges`).
    private static func compressedRows<T>(_ rows: [[T]]) -> (values: [T], starts: [Int]) {
        var starts = [0]
        starts.reserveCapacity(rows.count + 1)
        for row in rows { starts.append(starts[starts.count - 1] + row.count) }
        return (rows.flatMap { $0 }, starts)
    }

    public var operatorCount: Int { graph.operators.count }
    public var unitCount: Int { costs.unitCount }

    @inline(__always)
    public func exec(_ op: Int, _ unit: Int) -> Double? { costs.execUS[op][unit] }

    /// Duration of `op` on `unit` under an assignment (`OperatorTiming`); nil when the unit cannot run it.
    @inline(__always)
    public func duration(_ op: Int, _ unit: Int, _ assignment: [Int]) -> Double? {
        timing(op, unit, assignment)?.durationUS
    }

    /// The shortest time `op` can take on `unit`: fused or not (`unfusedFastest`,
    /// `fusedFastest`), without a submission cost; nil where it cannot run.
    public func fastestDuration(_ op: Int, _ unit: Int) -> Double? {
        guard let own = unfusedFastest(op, unit) else { return nil }
        return fusedFastest(op, unit).map { min(own, $0) } ?? own
    }

    /// Time from the producer's finish until the data is usable on the consumer's unit.
    @inline(__always)
    public func communication(_ edge: Edge, from a: Int, to b: Int) -> Double {
        a == b ? 0 : costs.transferUS(bytes: edge.bytes, from: a, to: b) + costs.syncUS[a, b]
    }

    /// Whether every operator takes its cost-table time and every edge its `communication` under
    /// every assignment: no fused or resident variant is faster and no unit keeps activations on
    /// chip. Then the MILPs, which use those times, bound every schedule of the problem.
    public var timesIndependentOfAssignment: Bool {
        guard costs.residentMemory.allSatisfy({ $0 == nil }) else { return false }
        for op in 0..<operatorCount {
            for unit in 0..<unitCount where fastestDuration(op, unit) != exec(op, unit) { return false }
        }
        return true
    }

    /// The shortest time an edge can take from unit a to unit b under any residency: the
    /// synchronisation alone when both units can keep the tensor in one resident memory (the
    /// producer's, which the consumer's unit addresses: its own or a shared neighbour's), else the
    /// transfer and synchronisation (`communication`); contention and spills only add to it.
    public func fastestCommunication(_ edge: Edge, from a: Int, to b: Int) -> Double {
        guard a != b else { return 0 }
        if !costs.residentMemory.isEmpty, let memory = costs.residentMemory[a], costs.residentMemory[b] == memory || sharesMemory(b, memory) {
            return costs.syncUS[a, b]
        }
        return communication(edge, from: a, to: b)
    }

    /// Mean execution time over the units that can run the operator.
    public func meanExec(_ op: Int) -> Double {
        let values = costs.execUS[op].compactMap { $0 }
        return values.reduce(0, +) / Double(values.count)
    }

    /// Up to this many units `meanCommunication` sums the pairs one by one (as it always did, so
    /// plans on platforms of this size are unchanged to the bit); above it, from per-table sums
    /// taken once per pair of unit classes (O(1) per edge instead of O(U²); the same mean up to
    /// rounding).
    public static let pairwiseMeanUnitLimit = 64

    /// Mean communication time of an edge over all ordered pairs of distinct units.
    ///
    /// - Complexity: O(U²) up to `pairwiseMeanUnitLimit` units, O(1) above.
    public func meanCommunication(_ edge: Edge) -> Double {
        let n = unitCount
        guard n > 1 else { return 0 }
        if let sums = pairSums {
            return (sums.fixed + Double(edge.bytes) * sums.perByte + sums.sync) / Double(n * (n - 1))
        }
        var total = 0.0
        for a in 0..<n { for b in 0..<n where a != b { total += communication(edge, from: a, to: b) } }
        return total / Double(n * (n - 1))
    }

    /// The sums over ordered pairs of distinct units, taken per pair of unit classes (`PairTable`).
    private static func pairSums(_ costs: CostTable) -> (fixed: Double, perByte: Double, sync: Double) {
        (costs.transferFixedUS.sumOverDistinctPairs, costs.transferPerByteUS.sumOverDistinctPairs, costs.syncUS.sumOverDistinctPairs)
    }

    /// The fastest unit for an operator (ties: lowest index), among the units `eligible` accepts;
    /// -1 when none of them can run it.
    public func fastestUnit(_ op: Int, where eligible: (Int) -> Bool = { _ in true }) -> Int {
        var best = -1
        var bestTime = Double.infinity
        for unit in 0..<unitCount where eligible(unit) { if let time = exec(op, unit), time < bestTime { best = unit; bestTime = time } }
        return best
    }
}
