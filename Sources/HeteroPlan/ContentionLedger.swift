import HeteroCost

/// The list scheduler's model of contention (when the platform enables it): memory and link
/// bandwidth and DMA engines are shared, first come first served.
///
/// It follows the simulator's hardware model — an operator pays its command overhead, then
/// streams its bytes from the memory its unit computes from at up to bytes / (time - overhead)
/// (and, on a unit with a weight memory, its weights from there alongside, finishing when the
/// later of the two streams ends);
/// a transfer crosses its route hop by hop, store and forward, each hop holding one of the link's
/// DMA engines, paying the link's latency, then streaming at up to the link's bandwidth through
/// the link and the memories at its ends — but shares differently: the simulator divides
/// bandwidth max-min fairly among everything running at the moment (slowing what started
/// earlier), while a list scheduler cannot move what it has placed, so each new operator or
/// transfer takes what earlier placements left (bandwidth reservation, as in contention-aware
/// list scheduling: Sinnen & Sousa, IEEE TPDS 16(6), 2005). The two agree when one stream
/// saturates a resource at a time, and otherwise on the total work a resource does; the
/// difference is measured by `hetero-plan benchmark contention`.
///
/// Spill stores and reloads keep their uncontended times; weight prefetches are reserved like
/// transfers (`ScheduleBuilder`), over the route from a unit's memory to its resident memory,
/// from their trigger's start but only once their reader is reached, so that the operators
/// running meanwhile take the bandwidth first (what max-min sharing gives an operator streaming
/// below an even share).
struct ContentionLedger: Sendable {
    typealias Piece = UsageProfile.Piece

    /// Bandwidth in bytes/us, by the layout's compact indices: memories first, then links
    /// (index `memoryCount + link slot`).
    private var bandwidth: [UsageProfile]
    /// DMA engines in use per link slot.
    private var engines: [UsageProfile]
    private let memoryCount: Int
    /// The links in the layout, by slot.
    private let links: [LinkModel]
    private let layout: Layout
    /// Whether operators carry byte counts (the cost table's `memoryBytes`).
    private let operatorTraffic: Bool
    private let unitMemory: [Int]
    /// The cost table's `unitWeightMemory` (empty when no unit has a weight memory).
    private let unitWeightMemory: [Int?]
    private var pieces: [Piece] = []
    /// False when nothing can contend: contention is off, or no memory or link has a finite
    /// bandwidth. An inactive ledger is never consulted.
    let isActive: Bool

    /// - Parameter layout: the resources schedules of `costs` can touch (`PlanProblem` keeps
    ///   one); computed from `costs` when not given.
    init(costs: CostTable, contention: Bool, layout: Layout? = nil) {
        operatorTraffic = costs.memoryBytes.count == costs.operatorCount
        unitMemory = costs.unitMemory
        unitWeightMemory = costs.weightBytes.count == costs.operatorCount ? costs.unitWeightMemory : []
        // Built for every schedule, so without contention it allocates nothing.
        guard contention else {
            isActive = false
            memoryCount = 0
            links = []
            self.layout = Layout.empty
            bandwidth = []
            engines = []
            return
        }
        isActive = Self.anythingContends(costs)
        let layout = isActive ? layout ?? Layout(costs) : Layout.empty
        self.layout = layout
        memoryCount = layout.memories.count
        links = layout.links
        bandwidth = layout.memoryCapacity.map { UsageProfile(capacity: $0) } + layout.links.map { UsageProfile(capacity: $0.bytesPerUS > 0 ? $0.bytesPerUS : .infinity) }
        engines = links.map { UsageProfile(capacity: Double(max(1, $0.engines))) }
    }

    /// The memories and links list schedules of a cost table can touch, numbered compactly: the
    /// memories units compute from, and the links of the routes between units (or joining two
    /// units' memories, or from a unit's memory to its resident memory) with the memories at their ends. An array of thousands of tiles
    /// computing from DRAM has one such memory, so a ledger built for every schedule stays small.
    struct Layout: Sendable {
        /// The memories, by slot (cost-table memory indices).
        let memories: [Int]
        /// The slot of each cost-table memory; -1 when nothing can stream from or through it.
        let memorySlot: [Int]
        /// Bandwidth of each memory slot in bytes/us (`.infinity` for unlimited).
        let memoryCapacity: [Double]
        /// The links, by slot.
        let links: [LinkModel]
        /// The slot of each cost-table link; -1 when no transfer crosses it.
        let linkSlot: [Int]

        static let empty = Layout(memories: [], memorySlot: [], memoryCapacity: [], links: [], linkSlot: [])

        private init(memories: [Int], memorySlot: [Int], memoryCapacity: [Double], links: [LinkModel], linkSlot: [Int]) {
            self.memories = memories
            self.memorySlot = memorySlot
            self.memoryCapacity = memoryCapacity
            self.links = links
            self.linkSlot = linkSlot
        }

        init(_ costs: CostTable) {
            let units = Set(costs.unitMemory)
            var used = Set<Int>()
            for route in costs.routes.classValues { used.formUnion(route) }
            for (index, link) in costs.links.enumerated() where units.contains(link.fromMemory) && units.contains(link.toMemory) {
                used.insert(index)
            }
            // The routes weight prefetches take: from a unit's memory to its resident memory.
            if let routes = costs.memoryRoutes {
                for (unit, resident) in costs.residentMemory.enumerated() {
                    if let resident, unit < costs.unitMemory.count, let links = routes.links(from: costs.unitMemory[unit], to: resident) {
                        used.formUnion(links)
                    }
                }
            }
            let linkIndices = used.filter { $0 < costs.links.count }.sorted()
            var memories = units.union(costs.unitWeightMemory.compactMap { $0 })
            for index in linkIndices { memories.insert(costs.links[index].fromMemory); memories.insert(costs.links[index].toMemory) }
            let memoryIndices = memories.filter { $0 < costs.memoryNames.count }.sorted()
            var memorySlot = [Int](repeating: -1, count: costs.memoryNames.count)
            for (slot, memory) in memoryIndices.enumerated() { memorySlot[memory] = slot }
            var linkSlot = [Int](repeating: -1, count: costs.links.count)
            for (slot, link) in linkIndices.enumerated() { linkSlot[link] = slot }
            self.memories = memoryIndices
            self.memorySlot = memorySlot
            memoryCapacity = memoryIndices.map { memory in
                let bandwidth = memory < costs.memoryBytesPerUS.count ? costs.memoryBytesPerUS[memory] : .infinity
                return bandwidth > 0 ? bandwidth : .infinity
            }
            links = linkIndices.map { costs.links[$0] }
            self.linkSlot = linkSlot
        }
    }

    /// Whether a ledger for `costs` with contention on would be active: operators carry traffic
    /// and some memory has a finite bandwidth, or links are known.
    static func anythingContends(_ costs: CostTable) -> Bool {
        let operatorTraffic = !costs.memoryBytes.isEmpty && costs.memoryBytesPerUS.contains { $0.isFinite && $0 > 0 }
        return operatorTraffic || !costs.links.isEmpty
    }

    // MARK: Operators

    /// The stream an operator makes when it starts at `start` with `timing` on `unit`: its bytes
    /// spread over the part of its time after its overhead; nil when it does not contend.
    @inline(__always)
    private func stream(on unit: Int, timing: OperatorTiming, start: Double) -> (begin: Double, bytes: Double, cap: Double, memory: Int)? {
        guard operatorTraffic else { return nil }
        let memory = bandwidthIndex(memory: unitMemory[unit])
        guard memory >= 0 else { return nil }
        let overhead = min(timing.durationUS, timing.overheadUS)
        let busy = timing.durationUS - overhead
        guard timing.streamedBytes > 0, busy > 0 else { return nil }
        return (start + overhead, timing.streamedBytes, timing.streamedBytes / busy, memory)
    }

    /// The stream of the operator's weights from its unit's weight memory, like `stream`; nil
    /// when the unit has none or it does not contend.
    @inline(__always)
    private func weightStream(on unit: Int, timing: OperatorTiming, start: Double) -> (begin: Double, bytes: Double, cap: Double, memory: Int)? {
        guard operatorTraffic, unit < unitWeightMemory.count, let weights = unitWeightMemory[unit], timing.weightBytes > 0 else { return nil }
        let memory = bandwidthIndex(memory: weights)
        let overhead = min(timing.durationUS, timing.overheadUS)
        let busy = timing.durationUS - overhead
        guard memory >= 0, busy > 0 else { return nil }
        return (start + overhead, timing.weightBytes, timing.weightBytes / busy, memory)
    }

    /// When an operator with `timing` (uncontended) started on `unit` at `start` would finish,
    /// given what is already reserved.
    func operatorFinish(on unit: Int, timing: OperatorTiming, start: Double) -> Double {
        var unused: [Piece] = []
        var finish = start + timing.durationUS
        if let flow = stream(on: unit, timing: timing, start: start) {
            finish = streamEnd(start: flow.begin, bytes: flow.bytes, cap: flow.cap, resources: (flow.memory, -1, -1), collect: false, into: &unused)
        }
        if let flow = weightStream(on: unit, timing: timing, start: start) {
            let weightsEnd = streamEnd(start: flow.begin, bytes: flow.bytes, cap: flow.cap, resources: (flow.memory, -1, -1), collect: false, into: &unused)
            finish = max(finish, weightsEnd)
        }
        return finish
    }

    /// Places the operator: reserves its share of its memory's bandwidth (and of its weight
    /// memory's) and returns its finish.
    mutating func reserveOperator(on unit: Int, timing: OperatorTiming, start: Double) -> Double {
        var finish = start + timing.durationUS
        if let flow = stream(on: unit, timing: timing, start: start) {
            var collected = takePieces()
            finish = streamEnd(start: flow.begin, bytes: flow.bytes, cap: flow.cap, resources: (flow.memory, -1, -1), collect: true, into: &collected)
            commit(collected, resources: (flow.memory, -1, -1))
        }
        if let flow = weightStream(on: unit, timing: timing, start: start) {
            var collected = takePieces()
            let weightsEnd = streamEnd(start: flow.begin, bytes: flow.bytes, cap: flow.cap, resources: (flow.memory, -1, -1), collect: true, into: &collected)
            commit(collected, resources: (flow.memory, -1, -1))
            finish = max(finish, weightsEnd)
        }
        return finish
    }

    // MARK: Transfers

    /// Whether transfers along `route` are modelled (the links are known).
    @inline(__always)
    func coversRoute(_ route: [Int]) -> Bool {
        !route.isEmpty && route.allSatisfy { $0 < layout.linkSlot.count && layout.linkSlot[$0] >= 0 }
    }

    /// Places a transfer of `bytes` along `route` that may leave at `leave`: for each hop, the
    /// earliest time an engine of the link is free for the whole hop, then the link's latency,
    /// then the bytes at what the link and its memories have left. Returns when the last hop ends.
    mutating func reserveTransfer(bytes: Int, route: [Int], leave: Double) -> Double {
        var time = leave
        for index in route {
            let link = layout.linkSlot[index]
            let model = links[link]
            let resources = (bandwidthIndex(memory: model.fromMemory), memoryCount + link, bandwidthIndex(memory: model.toMemory))
            var begin = time
            var end = time
            var collected = takePieces()
            while true {
                begin = firstFreeEngine(link, from: begin)
                collected.removeAll(keepingCapacity: true)
                let dataStart = begin + model.latencyUS
                end = bytes > 0 && model.bytesPerUS.isFinite
                    ? streamEnd(start: dataStart, bytes: Double(bytes), cap: model.bytesPerUS, resources: resources, collect: true, into: &collected)
                    : dataStart
                guard let busy = engineBusy(link, from: begin, to: end) else { break }
                begin = busy
            }
            engines[link].add(1, from: begin, to: end)
            commit(collected, resources: resources)
            time = end
        }
        return time
    }

    /// The bandwidth slot of cost-table memory `memory`, or -1 when it has no finite bandwidth.
    private func bandwidthIndex(memory: Int) -> Int {
        guard memory < layout.memorySlot.count, case let slot = layout.memorySlot[memory], slot >= 0 else { return -1 }
        return bandwidth[slot].capacity.isFinite ? slot : -1
    }

    /// The first time at or after `time` when one of the link's engines is free.
    private func firstFreeEngine(_ link: Int, from time: Double) -> Double {
        let profile = engines[link]
        var segment = profile.segment(containing: time)
        var begin = time
        while profile.available(in: segment) < 0.5 {
            begin = profile.end(of: segment)
            segment += 1
        }
        return begin
    }

    /// The start of the first segment in (from, to) with every engine of the link busy, or nil.
    private func engineBusy(_ link: Int, from: Double, to: Double) -> Double? {
        let profile = engines[link]
        var segment = profile.segment(containing: from)
        while profile.end(of: segment) < to {
            segment += 1
            if profile.available(in: segment) < 0.5 { return profile.times[segment] }
        }
        return nil
    }

    // MARK: Streams

    /// When a stream of `bytes` starting at `start`, moving at most `cap` bytes/us, ends when at
    /// every moment it gets the least of what its resources (up to three bandwidth indices, -1
    /// for none) have left. With `collect`, appends its rate over each interval to `pieces`.
    private func streamEnd(start: Double, bytes: Double, cap: Double, resources: (Int, Int, Int), collect: Bool,
                           into pieces: inout [Piece]) -> Double {
        let (r0, r1, r2) = resources
        var i0 = r0 >= 0 ? bandwidth[r0].segment(containing: start) : 0
        var i1 = r1 >= 0 ? bandwidth[r1].segment(containing: start) : 0
        var i2 = r2 >= 0 ? bandwidth[r2].segment(containing: start) : 0
        var time = start
        var remaining = bytes
        while true {
            var available = cap
            var next = Double.infinity
            if r0 >= 0 { available = min(available, bandwidth[r0].available(in: i0)); next = min(next, bandwidth[r0].end(of: i0)) }
            if r1 >= 0 { available = min(available, bandwidth[r1].available(in: i1)); next = min(next, bandwidth[r1].end(of: i1)) }
            if r2 >= 0 { available = min(available, bandwidth[r2].available(in: i2)); next = min(next, bandwidth[r2].end(of: i2)) }
            // A sliver left by rounding is no bandwidth.
            if available > cap * 1e-9 {
                let finish = time + remaining / available
                if finish <= next {
                    if collect { pieces.append(Piece(from: time, to: finish, rate: available)) }
                    return finish
                }
                if collect { pieces.append(Piece(from: time, to: next, rate: available)) }
                remaining = max(0, remaining - available * (next - time))
            }
            // The last segment of every profile is free, so a stream always ends before here.
            guard next.isFinite else { return .infinity }
            time = next
            if r0 >= 0 && bandwidth[r0].end(of: i0) <= time { i0 += 1 }
            if r1 >= 0 && bandwidth[r1].end(of: i1) <= time { i1 += 1 }
            if r2 >= 0 && bandwidth[r2].end(of: i2) <= time { i2 += 1 }
        }
    }

    /// The scratch array for a stream's pieces, emptied and moved out of `self` (so that filling
    /// it while reading the profiles copies nothing); `commit` puts it back.
    private mutating func takePieces() -> [Piece] {
        var taken: [Piece] = []
        swap(&taken, &pieces)
        taken.removeAll(keepingCapacity: true)
        return taken
    }

    /// Reserves a stream's pieces on its resources and keeps the array for reuse.
    private mutating func commit(_ collected: [Piece], resources: (Int, Int, Int)) {
        defer { pieces = collected }
        let (r0, r1, r2) = resources
        if r0 >= 0 { bandwidth[r0].add(collected) }
        if r1 >= 0 && r1 != r0 { bandwidth[r1].add(collected) }
        if r2 >= 0 && r2 != r0 && r2 != r1 { bandwidth[r2].add(collected) }
    }
}
