import HeteroIR
import HeteroPlatform

/// Computes every operator's cost on every unit of a platform and the transfer and
/// synchronisation costs between units, producing the `CostTable` the optimizer uses.
///
/// Providers are asked in priority order — measured profile, the model's explicit costs, the
/// analytic model — and the first answer wins. Analytic costs are cached per (operator signature,
/// unit), so the repeated blocks of a network are costed once. Declared fusion patterns are then
/// applied: a matched chain is costed as one operator (compute summed, only its external inputs,
/// weights and final output moved, one dispatch); its time, shared among the members in proportion
/// to their unfused times, applies when the optimizer places the whole chain on that unit.
public struct CostEngine {
    public let platform: Platform
    public let providers: [any CostProvider]

    /// Everything computed: the table, per (operator, unit) details and which provider answered.
    public struct Result: Sendable {
        public var table: CostTable
        public var details: [[OperatorCost]]
        public var providers: [[String]]
        /// Chains fused on some unit, as operator indices (the optimizer moves each as one).
        public var composites: [[Int]]
    }

    public init(platform: Platform, profile: CostProfile? = nil) {
        self.platform = platform
        var providers: [any CostProvider] = []
        if let profile { providers.append(ProfileCostProvider(profile)) }
        providers.append(ExplicitCostProvider())
        providers.append(AnalyticCostProvider())
        self.providers = providers
    }

    public func evaluate(_ graph: Graph) throws(CostError) -> Result {
        let units = platform.units
        let unitNames = units.map(\.name)
        for op in graph.operators {
            for unit in (op.explicitCostsUS ?? [:]).keys.sorted() where !unitNames.contains(unit) {
                throw .unknownUnitInModel(operator: op.name, unit: unit, units: unitNames)
            }
        }
        var details = [[OperatorCost]]()
        var answered = [[String]]()
        var cache: [String: OperatorCost] = [:]
        details.reserveCapacity(graph.operators.count)
        for index in graph.operators.indices {
            let context = OperatorContext(graph: graph, index: index)
            var row: [OperatorCost] = []
            var names: [String] = []
            let signature = Self.signature(context)
            for (unitIndex, unit) in units.enumerated() {
                var answer: (OperatorCost, String)?
                for provider in providers {
                    if provider is AnalyticCostProvider {
                        let key = "\(unitIndex)|\(signature)"
                        if let cached = cache[key] {
                            answer = (cached, provider.name)
                        } else if let cost = provider.cost(of: context, on: unit, platform: platform) {
                            cache[key] = cost
                            answer = (cost, provider.name)
                        }
                    } else if let cost = provider.cost(of: context, on: unit, platform: platform) {
                        answer = (cost, provider.name)
                    }
                    if answer != nil { break }
                }
                let (cost, name) = answer ?? (.cannotRun("no cost provider answered"), "none")
                row.append(cost)
                names.append(name)
            }
            if !row.contains(where: \.canRun) {
                throw .runsNowhere(operator: graph.operators[index].label,
                                   reasons: zip(unitNames, row).map { "\($0): \($1.reason ?? "cannot run")" })
            }
            details.append(row)
            answered.append(names)
        }

        // Fusion: fused shares kept apart from the unfused costs, since they apply only when a
        // whole chain lands on the unit.
        var fused = [[Double?]](repeating: [Double?](repeating: nil, count: units.count), count: graph.operators.count)
        var groupParent = Array(graph.operators.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while groupParent[x] != x { groupParent[x] = groupParent[groupParent[x]]; x = groupParent[x] }
            return x
        }
        for (unitIndex, unit) in units.enumerated() {
            for match in FusionMatcher.matches(graph, unit: unit) {
                guard match.operators.allSatisfy({ answered[$0][unitIndex] == "analytic" && details[$0][unitIndex].canRun }) else { continue }
                for (op, share) in fusedShares(match, unitIndex: unitIndex, unit: unit, graph: graph, details: details) {
                    fused[op][unitIndex] = share
                }
                for op in match.operators.dropFirst() { groupParent[find(op)] = find(match.operators[0]) }
            }
        }
        var compositeMembers: [Int: [Int]] = [:]
        for op in graph.operators.indices { compositeMembers[find(op), default: []].append(op) }
        let composites = compositeMembers.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }

        var table = try buildTable(graph: graph, details: details)
        table.composites = composites
        table.fusedExecUS = fused
        return Result(table: table, details: details, providers: answered, composites: composites)
    }

    /// The fused chain's time, shared among its members in proportion to their unfused times.
    func fusedShares(_ match: FusionMatcher.Match, unitIndex: Int, unit: ProcessingUnit, graph: Graph,
                     details: [[OperatorCost]]) -> [(Int, Double)] {
        let members = match.operators
        let memberSet = Set(members)
        var compute = 0.0
        for op in members {
            let cost = details[op][unitIndex]
            let efficiencyScale = match.pattern.efficiency.map { (unit.support(for: graph.operators[op].type)?.efficiency ?? 1) / $0 } ?? 1
            compute += cost.computeUS * efficiencyScale
        }
        // External traffic: the members' bytes less the intermediates, which never leave the unit
        // (each was counted once written by its producer and once read by its consumer).
        let totalMemberBytes = members.reduce(0.0) { $0 + Double(details[$1][unitIndex].bytes) }
        var internalBytes = 0.0
        for op in members.dropLast() {
            for output in graph.operators[op].outputs where !output.isEmpty {
                guard let tensor = graph.tensorIndex[output], graph.consumers[tensor].allSatisfy(memberSet.contains) else { continue }
                let stored = graph.tensors[tensor].elementType
                let scale = unit.computeType.map { Double(ElementType(rawValue: $0.rawValue)?.bits ?? stored.bits) / Double(stored.bits) } ?? 1
                internalBytes += Double(graph.tensors[tensor].byteSize) * scale
            }
        }
        let bytes = max(0, totalMemberBytes - 2 * internalBytes)
        guard let memory = platform.memory(named: unit.memory) else { return [] }
        let memoryUS = bytes / memory.bytesPerMicrosecond + (bytes > 0 ? memory.latencyUS : 0)
        let overhead = unit.commandPath.submitUS
        let fused = overhead + max(compute, memoryUS)
        let unfused = members.reduce(0.0) { $0 + (details[$1][unitIndex].timeUS ?? 0) }
        return members.map { op in
            let share = unfused > 0 ? (details[op][unitIndex].timeUS ?? 0) / unfused : 1 / Double(members.count)
            return (op, fused * share)
        }
    }

    /// Transfer, sync, memory and energy tables between units.
    private func buildTable(graph: Graph, details: [[OperatorCost]]) throws(CostError) -> CostTable {
        let units = platform.units
        let n = units.count
        var fixed = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var perByte = fixed
        var sync = fixed
        var transferEnergy = fixed
        var routes = [[[Int]]](repeating: [[Int]](repeating: [], count: n), count: n)
        for a in 0..<n {
            for b in 0..<n where a != b {
                // The producer's completion must be seen before the consumer's submission (paid per
                // operator in its cost); host overheads are once per inference, not per switch.
                sync[a][b] = units[a].commandPath.syncUS
                let from = units[a].memory
                let to = units[b].memory
                guard from != to else { continue }
                guard let route = platform.route(from: from, to: to) else { throw .noRoute(from: from, to: to) }
                fixed[a][b] = route.hops.reduce(0) { $0 + $1.link.latencyUS }
                perByte[a][b] = route.hops.reduce(0) { $0 + 1 / $1.link.bytesPerMicrosecond }
                transferEnergy[a][b] = route.hops.reduce(0) { $0 + ($1.link.pjPerByte ?? 0) }
                routes[a][b] = route.hops.map(\.linkIndex)
            }
        }
        let memoryNames = platform.memories.map(\.name)
        let m = memoryNames.count
        var memoryFixed = [[Double]](repeating: [Double](repeating: .infinity, count: m), count: m)
        var memoryPerByte = memoryFixed
        for a in 0..<m {
            for b in 0..<m {
                if a == b { memoryFixed[a][b] = 0; memoryPerByte[a][b] = 0; continue }
                guard let route = platform.route(from: memoryNames[a], to: memoryNames[b]) else { continue }
                memoryFixed[a][b] = route.hops.reduce(0) { $0 + $1.link.latencyUS }
                memoryPerByte[a][b] = route.hops.reduce(0) { $0 + 1 / $1.link.bytesPerMicrosecond }
            }
        }
        var table = CostTable(
            unitNames: units.map(\.name), unitKinds: units.map(\.kind.rawValue),
            execUS: details.map { $0.map(\.timeUS) }, reasons: details.map { $0.map(\.reason) },
            transferFixedUS: fixed, transferPerByteUS: perByte, syncUS: sync,
            unitMemory: units.map { memoryNames.firstIndex(of: $0.memory)! }, memoryNames: memoryNames,
            memoryCapacity: platform.memories.map(\.capacityBytes), routes: routes,
            linkEngines: platform.links.map(\.dmaEngines), contention: platform.interconnect.contention,
            energyPJ: details.map { row in row.map { $0.canRun ? $0.energyPJ : nil } }, transferEnergyPJPerByte: transferEnergy)
        table.memoryTransferFixedUS = memoryFixed
        table.memoryTransferPerByteUS = memoryPerByte
        return table
    }

    /// What determines an analytic cost: type, attributes, and input/output shapes and kinds.
    static func signature(_ context: OperatorContext) -> String {
        let op = context.op
        var text = op.type
        for key in op.attributes.keys.sorted() { text += ";\(key)=\(op.attributes[key]!)" }
        for input in context.inputs {
            if let input { text += "|\(input.shape ?? [])\(input.kind.rawValue.first!)\(input.elementType.rawValue)\(input.byteSize)" } else { text += "|-" }
        }
        for output in context.outputs { text += ">\(output.shape ?? [])\(output.byteSize)" }
        return text
    }
}
