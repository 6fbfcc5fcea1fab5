import HeteroIR
import HeteroPlatform

extension CostEngine {
    /// The cost table: execution times and energies from `details`, and between every pair of
    /// units the transfer (sum over the route's hops of latency + bytes / bandwidth, along the
    /// fewest-hop route between their memories), sync and transfer-energy figures.
    func buildTable(details: [[OperatorCost]]) throws(CostError) -> CostTable {
        let units = platform.units
        let n = units.count
        var fixed = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var perByte = fixed
        var sync = fixed
        var transferEnergy = fixed
        var routes = [[[Int]]](repeating: [[Int]](repeating: [], count: n), count: n)
        let queueNames = units.map { $0.commandPath.queue ?? "unit \($0.name)" }
        var firstQueue: [String: Int] = [:]
        for (index, name) in queueNames.enumerated() where firstQueue[name] == nil { firstQueue[name] = index }
        let queues = queueNames.map { firstQueue[$0]! }
        let memoryNames = platform.memories.map(\.name)
        var memoryIndex: [String: Int] = [:]
        for (index, name) in memoryNames.enumerated() where memoryIndex[name] == nil { memoryIndex[name] = index }
        // Fewest-hop routes between every pair of memories, one search per source memory.
        let routeTable = platform.routeTable()
        let unitMemoryIndex = units.map { memoryIndex[$0.memory] }
        let unitMemories = units.map(\.memory)
        let unitSync = units.map(\.commandPath.syncUS)
        for a in 0..<n {
            for b in 0..<n where a != b {
                // The producer's completion must be seen before the consumer's submission (paid per
                // operator in its cost); host overheads are once per inference, not per switch.
                // Units of one command queue synchronise through hardware barriers (`CommandPath`).
                sync[a][b] = queues[a] == queues[b] ? 0 : unitSync[a]
                let from = unitMemories[a]
                let to = unitMemories[b]
                guard from != to else { continue }
                guard let i = unitMemoryIndex[a], let j = unitMemoryIndex[b], let route = routeTable[i][j] else { throw .noRoute(from: from, to: to) }
                fixed[a][b] = route.hops.reduce(0) { $0 + $1.link.latencyUS }
                perByte[a][b] = route.hops.reduce(0) { $0 + 1 / $1.link.bytesPerMicrosecond }
                transferEnergy[a][b] = route.hops.reduce(0) { $0 + ($1.link.pjPerByte ?? 0) }
                routes[a][b] = route.hops.map(\.linkIndex)
            }
        }
        var table = CostTable(
            unitNames: units.map(\.name), unitKinds: units.map(\.kind.rawValue),
            execUS: details.map { $0.map(\.timeUS) }, reasons: details.map { $0.map(\.reason) },
            transferFixedUS: fixed, transferPerByteUS: perByte, syncUS: sync,
            unitMemory: units.map { memoryIndex[$0.memory]! }, memoryNames: memoryNames,
            memoryCapacity: platform.memories.map(\.capacityBytes), routes: routes,
            linkEngines: platform.links.map(\.dmaEngines), contention: platform.interconnect.contention,
            energyPJ: details.map { row in row.map { $0.canRun ? $0.energyPJ : nil } }, transferEnergyPJPerByte: transferEnergy)
        let memoryTransfers = memoryTransferTables(routeTable)
        table.memoryTransferFixedUS = memoryTransfers.fixed
        table.memoryTransferPerByteUS = memoryTransfers.perByte
        table.memoryBytes = details.map { $0.map { $0.canRun ? $0.bytes : 0 } }
        table.memoryBytesPerUS = platform.memories.map(\.bytesPerMicrosecond)
        table.memoryEnergyPJPerByte = platform.memories.map { $0.pjPerByte ?? 0 }
        table.overheadUS = details.map { $0.map { $0.canRun ? $0.overheadUS : 0 } }
        table.submitUS = units.map(\.commandPath.submitUS)
        table.unitQueue = queues
        table.computeBits = units.map(\.computeBits)
        table.residentMemory = units.map { unit in unit.residentMemory.flatMap { memoryIndex[$0] } }
        table.links = platform.links.map { link in
            LinkModel(label: link.label, fromMemory: memoryIndex[link.from] ?? 0, toMemory: memoryIndex[link.to] ?? 0,
                      bytesPerUS: link.bytesPerMicrosecond, latencyUS: link.latencyUS, engines: link.dmaEngines)
        }
        return table
    }

    /// Between every pair of memories, the fixed and per-byte time of a copy (store and reload
    /// for memory spill) along the fewest-hop route; infinite when no route exists.
    private func memoryTransferTables(_ routes: [[MemoryRoute?]]) -> (fixed: [[Double]], perByte: [[Double]]) {
        let m = routes.count
        var fixed = [[Double]](repeating: [Double](repeating: .infinity, count: m), count: m)
        var perByte = fixed
        for a in 0..<m {
            for b in 0..<m {
                if a == b { fixed[a][b] = 0; perByte[a][b] = 0; continue }
                guard let route = routes[a][b] else { continue }
                fixed[a][b] = route.hops.reduce(0) { $0 + $1.link.latencyUS }
                perByte[a][b] = route.hops.reduce(0) { $0 + 1 / $1.link.bytesPerMicrosecond }
            }
        }
        return (fixed, perByte)
    }
}
