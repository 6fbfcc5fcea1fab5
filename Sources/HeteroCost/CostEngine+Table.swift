import HeteroIR
import HeteroPlatform

extension CostEngine {
    /// The cost table: execution times and energies from `details`, and between every pair of
    /// units the transfer (sum over the route's hops of latency + bytes / bandwidth, along the
    /// fewest-hop route between their memories), sync and transfer-energy figures.
    ///
    /// Unit pairs are stored by class (`PairTable`): transfer figures per pair of the memories
    /// units compute from, one route search from each such memory; synchronisation per pair of
    /// (command queue, sync cost). Memory-to-memory copies (spills) are answered by the route
    /// table when asked for.
    ///
    /// - Complexity: O(D (M + L) log M + D²) for D distinct unit memories, M memories, L links.
    func buildTable(details: [[OperatorCost]]) throws(CostError) -> CostTable {
        let units = platform.units
        let queueNames = units.map { $0.commandPath.queue ?? "unit \($0.name)" }
        var firstQueue: [String: Int] = [:]
        for (index, name) in queueNames.enumerated() where firstQueue[name] == nil { firstQueue[name] = index }
        let queues = queueNames.map { firstQueue[$0]! }
        let memoryNames = platform.memories.map(\.name)
        var memoryIndex: [String: Int] = [:]
        for (index, name) in memoryNames.enumerated() where memoryIndex[name] == nil { memoryIndex[name] = index }
        let unitMemory = units.map { memoryIndex[$0.memory]! }

        // Transfers: classes are the distinct memories units compute from, one search from each.
        var memoryClass: [Int: Int] = [:]
        var classMemory: [Int] = []
        let transferClass = unitMemory.map { memory in
            if let known = memoryClass[memory] { return known }
            memoryClass[memory] = classMemory.count
            classMemory.append(memory)
            return classMemory.count - 1
        }
        routes.prepare(sources: classMemory)
        var figures = [[RouteFigures?]](repeating: [], count: classMemory.count)
        for (a, from) in classMemory.enumerated() {
            figures[a] = try classMemory.map { to throws(CostError) in
                guard from != to else { return nil }
                guard let route = routes.figures(from: from, to: to) else { throw .noRoute(from: memoryNames[from], to: memoryNames[to]) }
                return route
            }
        }
        let classes = classMemory.count
        let fixed = PairTable(classOf: transferClass, classCount: classes) { figures[$0][$1]?.latencyUS ?? 0 }
        let perByte = PairTable(classOf: transferClass, classCount: classes) { figures[$0][$1]?.perByteUS ?? 0 }
        let energy = PairTable(classOf: transferClass, classCount: classes) { figures[$0][$1]?.pjPerByte ?? 0 }
        let routeLinks = PairTable(classOf: transferClass, classCount: classes) { a, b in
            a == b ? [] : routes.links(from: classMemory[a], to: classMemory[b]) ?? []
        }

        // The producer's completion must be seen before the consumer's submission (paid per
        // operator in its cost); host overheads are once per inference, not per switch. Units of
        // one command queue synchronise through hardware barriers (`CommandPath`).
        struct SyncKey: Hashable { var queue: Int; var syncUS: Double }
        var syncClass: [SyncKey: Int] = [:]
        var syncKeys: [SyncKey] = []
        let unitSyncClass = units.indices.map { unit in
            let key = SyncKey(queue: queues[unit], syncUS: units[unit].commandPath.syncUS)
            if let known = syncClass[key] { return known }
            syncClass[key] = syncKeys.count
            syncKeys.append(key)
            return syncKeys.count - 1
        }
        let sync = PairTable(classOf: unitSyncClass, classCount: syncKeys.count) { a, b in
            syncKeys[a].queue == syncKeys[b].queue ? 0 : syncKeys[a].syncUS
        }

        var table = CostTable(
            unitNames: units.map(\.name), unitKinds: units.map(\.kind.rawValue),
            execUS: details.map { $0.map(\.timeUS) }, reasons: details.map { $0.map(\.reason) },
            transferFixedUS: fixed, transferPerByteUS: perByte, syncUS: sync,
            unitMemory: unitMemory, memoryNames: memoryNames,
            memoryCapacity: platform.memories.map(\.capacityBytes), routes: routeLinks,
            linkEngines: platform.links.map(\.dmaEngines), contention: platform.interconnect.contention,
            energyPJ: details.map { row in row.map { $0.canRun ? $0.energyPJ : nil } }, transferEnergyPJPerByte: energy)
        table.memoryRoutes = routes
        table.memoryBytes = details.map { $0.map { $0.canRun ? $0.bytes : 0 } }
        table.memoryBytesPerUS = platform.memories.map(\.bytesPerMicrosecond)
        table.memoryEnergyPJPerByte = platform.memories.map { $0.pjPerByte ?? 0 }
        if units.contains(where: { $0.weightMemory != nil }) {
            table.unitWeightMemory = units.map { unit in unit.weightMemory.flatMap { memoryIndex[$0] } }
            table.weightBytes = details.map { $0.map { $0.canRun ? $0.weightBytes ?? 0 : 0 } }
        }
        table.overheadUS = details.map { $0.map { $0.canRun ? $0.overheadUS : 0 } }
        table.submitUS = units.map(\.commandPath.submitUS)
        table.unitQueue = queues
        table.computeBits = units.map(\.computeBits)
        table.residentMemory = units.map { unit in unit.residentMemory.flatMap { memoryIndex[$0] } }
        table.sharedMemories = Self.sharedMemories(platform, residentMemory: table.residentMemory, memoryIndex: memoryIndex)
        table.links = platform.links.map { link in
            LinkModel(label: link.label, fromMemory: memoryIndex[link.from] ?? 0, toMemory: memoryIndex[link.to] ?? 0,
                      bytesPerUS: link.bytesPerMicrosecond, latencyUS: link.latencyUS, engines: link.dmaEngines)
        }
        return table
    }
}
