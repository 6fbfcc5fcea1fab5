import HeteroCost
import HeteroIR
import HeteroPlatform

/// The hardware the simulator runs a plan on: what the cost table says plus what only matters
/// under contention (link bandwidths, DMA engines, memory bandwidths, per-operator traffic).
///
/// Built from a cost table (links, memory bandwidths, per-operator traffic — the figures the
/// optimizer's contention model uses too) and, when there is one, the platform it was computed
/// from (for the routes of spill copies). A bare classic-model cost table has no links: each is
/// recovered from the unit pair that uses it alone (or, for a memory pair no unit pair joins,
/// from the table's memory-to-memory copy figures), and memories have unlimited bandwidth.
///
/// Every field is a `var` so that experiments and fault-injection tests can change one thing
/// (shrink a memory, add a DMA engine) and re-run.
public struct SimulationMachine: Sendable {
    /// The cost stage's figures for every operator and unit pair: operator times (and fused
    /// shares), synchronisation costs, unit-pair routes, and why a unit cannot run an operator.
    /// The simulator reads these; it times transfers itself, hop by hop over `links`.
    public var costs: CostTable
    public var unitNames: [String]
    /// Memory each unit computes from.
    public var unitMemory: [Int]
    /// Memory each unit reads its weights from when not `unitMemory` (the platform's
    /// `weight_memory`, read from the platform itself when there is one); nil for none.
    public var unitWeightMemory: [Int?]
    public var memoryNames: [String]
    /// Capacity in bytes; nil for unlimited.
    public var memoryCapacity: [Int?]
    /// Bandwidth in bytes per microsecond shared by everything streaming from the memory under
    /// contention; `.infinity` for no limit.
    public var memoryBandwidth: [Double]
    public var links: [LinkModel]
    /// Links, in order, that a copy from memory a to memory b crosses (spill stores and reloads),
    /// given pair by pair; unused when `routeTable` is set.
    var memoryRoutes: [[[Int]]] = []
    /// The platform's routes between memories (searched when a copy asks for one), when the
    /// machine was built from a platform.
    public var routeTable: RouteTable?
    /// Whether transfers and operators contend (the platform's `interconnect.contention`).
    public var contention: Bool
    /// `traffic[op][unit]`; empty when unknown (then operators never contend).
    public var traffic: [[OperatorTraffic]]
    /// The on-chip memory each unit's activations may stay in (nil: none). An operator whose
    /// tensor the plan keeps there reads or writes it at that memory's figures
    /// (`CostTable.residency`).
    public var residentMemory: [Int?]
    /// The other memories each unit's core reads and writes in place (a neighbouring tile's data
    /// memory shared with its own, `CostTable.sharedMemories`); empty rows, or none, without.
    /// An operator finds an activation's buffer in one of them as in its resident memory.
    public var sharedMemories: [[Int]]
    /// Program memory per unit in bytes (nil: unlimited): the programs of the kernels a plan
    /// puts on a unit (`CostTable.programBytes`) must fit in it together.
    public var programCapacity: [Int?]
    /// The units' channel padding (the platform's `channel_alignment`): the least bytes a buffer
    /// in a resident memory of a unit that pads its tensor takes (`BufferPadding`).
    var bufferPadding: BufferPadding

    /// - Parameters:
    ///   - traffic: per-operator traffic; by default the cost table's (`OperatorTraffic.table`).
    public init(costs: CostTable, platform: Platform?, traffic: [[OperatorTraffic]]? = nil) {
        self.costs = costs
        bufferPadding = BufferPadding(platform: platform)
        unitNames = costs.unitNames
        unitMemory = costs.unitMemory
        memoryNames = costs.memoryNames
        unitWeightMemory = Self.weightMemories(costs: costs, platform: platform)
        memoryCapacity = costs.memoryCapacity
        contention = costs.contention
        self.traffic = traffic ?? OperatorTraffic.table(costs)
        programCapacity = costs.programCapacity.count == costs.unitCount ? costs.programCapacity : Array(repeating: nil, count: costs.unitCount)
        residentMemory = costs.residentMemory.count == costs.unitCount ? costs.residentMemory : Array(repeating: nil, count: costs.unitCount)
        sharedMemories = costs.sharedMemories.count == costs.unitCount ? costs.sharedMemories : []
        memoryBandwidth = costs.memoryBytesPerUS.count == costs.memoryNames.count
            ? costs.memoryBytesPerUS : Array(repeating: .infinity, count: costs.memoryNames.count)
        var links = costs.links
        if links.isEmpty {
            // A bare classic-model table: each link recovered from the unit pair that uses it alone.
            let count = (costs.routes.rows.flatMap { $0.flatMap { $0 } }.max() ?? -1) + 1
            links = (0..<count).map { LinkModel(label: "link \($0)", fromMemory: 0, toMemory: 0, bytesPerUS: .infinity, latencyUS: 0, engines: 1) }
            for a in 0..<costs.unitCount {
                for b in 0..<costs.unitCount where costs.routes[a, b].count == 1 {
                    let index = costs.routes[a, b][0]
                    let perByte = costs.transferPerByteUS[a, b]
                    let from = costs.unitMemory[a], to = costs.unitMemory[b]
                    links[index] = LinkModel(label: "\(costs.memoryNames[from]) -> \(costs.memoryNames[to])", fromMemory: from, toMemory: to,
                                             bytesPerUS: perByte > 0 ? 1 / perByte : .infinity, latencyUS: costs.transferFixedUS[a, b],
                                             engines: index < costs.linkEngines.count ? costs.linkEngines[index] : 1)
                }
            }
        }
        if let platform {
            routeTable = RouteTable(platform)
        } else {
            let m = costs.memoryNames.count
            var memoryRoutes = [[[Int]]](repeating: [[Int]](repeating: [], count: m), count: m)
            for a in 0..<costs.unitCount {
                for b in 0..<costs.unitCount where memoryRoutes[costs.unitMemory[a]][costs.unitMemory[b]].isEmpty {
                    memoryRoutes[costs.unitMemory[a]][costs.unitMemory[b]] = costs.routes[a, b]
                }
            }
            // Memory pairs no unit pair connects (a spill memory no unit computes from): a link
            // recovered from the table's memory-to-memory copy figures, one per ordered pair.
            if costs.links.isEmpty, costs.memoryTransferFixedUS.count == m {
                for a in 0..<m {
                    for b in 0..<m where a != b && memoryRoutes[a][b].isEmpty && costs.memoryTransferFixedUS[a][b].isFinite {
                        let perByte = costs.memoryTransferPerByteUS[a][b]
                        links.append(LinkModel(label: "\(costs.memoryNames[a]) -> \(costs.memoryNames[b])", fromMemory: a, toMemory: b,
                                               bytesPerUS: perByte > 0 ? 1 / perByte : .infinity, latencyUS: costs.memoryTransferFixedUS[a][b],
                                               engines: 1))
                        memoryRoutes[a][b] = [links.count - 1]
                    }
                }
            }
            self.memoryRoutes = memoryRoutes
        }
        self.links = links
    }

    public var unitCount: Int { unitNames.count }

    /// Each unit's weight memory: the platform's `weight_memory` of the unit of that name when
    /// the machine is built from a platform (not the cost table's reading of it), else the cost
    /// table's `unitWeightMemory`.
    private static func weightMemories(costs: CostTable, platform: Platform?) -> [Int?] {
        guard let platform else {
            return costs.unitWeightMemory.count == costs.unitCount ? costs.unitWeightMemory : Array(repeating: nil, count: costs.unitCount)
        }
        var memoryIndex: [String: Int] = [:]
        for (index, name) in costs.memoryNames.enumerated() where memoryIndex[name] == nil { memoryIndex[name] = index }
        var weights: [String: String] = [:]
        for unit in platform.units { weights[unit.name] = unit.weightMemory }
        return costs.unitNames.map { weights[$0].flatMap { memoryIndex[$0] } }
    }

    /// The bytes of weights `op` reads from `unit`'s weight memory: its constant inputs, each
    /// once, as the unit stores them; 0 on a unit without a weight memory.
    func weightBytes(_ op: Int, on unit: Int, _ graph: Graph) -> Double {
        guard unit < unitWeightMemory.count, unitWeightMemory[unit] != nil else { return 0 }
        var seen = Set<Int>()
        var bytes = 0
        for name in graph.operators[op].inputs where !name.isEmpty {
            guard let tensor = graph.tensorIndex[name], graph.tensors[tensor].kind == .constant, seen.insert(tensor).inserted else { continue }
            bytes += costs.storedBytes(graph.tensors[tensor], on: unit)
        }
        return Double(bytes)
    }

    /// The memories `unit`'s core addresses in place, in the order an operator looks for an
    /// activation's buffer: its resident memory, then the neighbours' it shares.
    func addressedMemories(_ unit: Int) -> [Int] {
        guard let resident = residentMemory[unit] else { return [] }
        return unit < sharedMemories.count ? [resident] + sharedMemories[unit] : [resident]
    }

    /// The links, in order, a copy from memory `a` to memory `b` crosses; empty within one
    /// memory or when no route exists.
    public func memoryRoute(from a: Int, to b: Int) -> [Int] {
        guard a != b else { return [] }
        if let routeTable {
            guard let i = routeTable.memoryIndex(memoryNames[a]), let j = routeTable.memoryIndex(memoryNames[b]) else { return [] }
            return routeTable.links(from: i, to: j) ?? []
        }
        return a < memoryRoutes.count && b < memoryRoutes[a].count ? memoryRoutes[a][b] : []
    }

    /// Uncontended time of a move along `route` (store and forward: each hop pays its link's
    /// latency, then streams the bytes at the link's bandwidth).
    public func copyTimeUS(bytes: Int, route: [Int]) -> Double {
        route.reduce(0) { total, link in
            let model = links[link]
            return total + model.latencyUS + (model.bytesPerUS.isFinite ? Double(bytes) / model.bytesPerUS : 0)
        }
    }
    public var memoryCount: Int { memoryNames.count }

    /// What an operator does on its unit: how long it takes, how much of that is command
    /// overhead, and how many bytes it streams from its unit's memory meanwhile.
    struct Phase {
        var durationUS: Double
        var overheadUS: Double
        var bytes: Double
    }

    /// The phase of `op` on `unit` when the plan places every operator on `units`:
    /// - its share of its fused chain's time when the whole chain is on that unit (the cost
    ///   table's `fusedExecUS`), otherwise its own time;
    /// - when some operand is on chip (`isResident`: the plan has its buffer in the unit's
    ///   resident memory), the time the cost table's residency figures give for that;
    /// - plus the unit's submission cost when it starts a subgraph: none of its `producers` ran
    ///   on its command queue, or one ran on another.
    /// Nil when the unit cannot run it.
    ///
    /// With `unfused`, the operator runs alone even where its chain is fused (a recomputation).
    func timing(_ op: Int, on unit: Int, units: [Int], producers: [Int], unfused: Bool = false, isResident: (Int) -> Bool) -> Phase? {
        guard let own = costs.execUS[op][unit] else { return nil }
        var time = own
        var residency = costs.residency.isEmpty ? nil : costs.residency[op][unit]
        if !unfused, !costs.compositeOf.isEmpty, let composite = costs.compositeOf[op], let fused = costs.fusedExecUS[op][unit],
           costs.composites[composite].allSatisfy({ units[$0] == unit }) {
            time = fused
            residency = costs.fusedResidency.isEmpty ? nil : costs.fusedResidency[op][unit]
        }
        let known = op < traffic.count && unit < traffic[op].count && own > 0
        let scale = own > 0 ? time / own : 0
        var overhead = known ? traffic[op][unit].overheadUS * scale : 0
        var bytes = known ? traffic[op][unit].bytes * scale : 0
        if let residency, let phase = residency.phase(isResident: isResident) {
            time = phase.timeUS
            overhead = residency.share * residency.overheadUS
            bytes = phase.streamedBytes
        }
        overhead = min(time, overhead)
        if unit < costs.submitUS.count, costs.submitUS[unit] > 0 {
            let queue = costs.unitQueue.isEmpty ? unit : costs.unitQueue[unit]
            let sameQueue = producers.filter { (costs.unitQueue.isEmpty ? units[$0] : costs.unitQueue[units[$0]]) == queue }.count
            if sameQueue == 0 || sameQueue < producers.count {
                time += costs.submitUS[unit]
                overhead += costs.submitUS[unit]
            }
        }
        return Phase(durationUS: time, overheadUS: overhead, bytes: bytes)
    }
}
