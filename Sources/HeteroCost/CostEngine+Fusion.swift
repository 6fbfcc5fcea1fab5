import HeteroIR
import HeteroPlatform

extension CostEngine {
    /// The fused shares and composites of a graph whose unfused costs are `details`.
    struct FusionOutcome {
        /// `fusedExecUS[op][unit]`: the operator's share of its chain's fused time on the unit.
        var fusedExecUS: [[Double?]]
        /// Operators fused together on some unit, merged across units, in operator order.
        var composites: [[Int]]
        /// `fusedResidency[op][unit]`: the chain's residency-dependent cost with the member's
        /// share, on units with a resident memory (empty when nothing is fused there).
        var fusedResidency: [[ResidencyCost?]]
    }

    /// Applies every unit's fusion patterns. A chain is fused on a unit only when each member was
    /// costed there by the analytic model (a measured or given time cannot be split into compute
    /// and traffic). Fused shares are kept apart from the unfused costs, since they apply only
    /// when the whole chain lands on the unit; chains that overlap across units (Conv > Relu on
    /// one, Conv > BatchNormalization > Relu on another) merge into one composite.
    ///
    /// A unit whose class representative (`UnitClasses`) was costed the same for every operator
    /// takes the representative's matches and shares.
    func applyFusion(_ graph: Graph, details: [[OperatorCost]], answered: [[String]], classes: [Int]) -> FusionOutcome {
        let units = platform.units
        let analytic = AnalyticCostProvider().name
        var fused = [[Double?]](repeating: [Double?](repeating: nil, count: units.count), count: graph.operators.count)
        var residency: [[ResidencyCost?]] = []
        var groupParent = Array(graph.operators.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while groupParent[x] != x { groupParent[x] = groupParent[groupParent[x]]; x = groupParent[x] }
            return x
        }
        var shared: [Int: [(match: FusionMatcher.Match, shares: [(Int, Double, ResidencyCost?)])]] = [:]
        for (unitIndex, unit) in units.enumerated() {
            let rep = classes[unitIndex]
            let alike = rep != unitIndex && graph.operators.indices.allSatisfy {
                answered[$0][unitIndex] == answered[$0][rep] && details[$0][unitIndex].canRun == details[$0][rep].canRun
                    && (!details[$0][rep].canRun || details[$0][unitIndex] == details[$0][rep])
            }
            let fusedMatches = alike ? shared[rep] ?? [] : FusionMatcher.matches(graph, unit: unit).compactMap { match in
                guard match.operators.allSatisfy({ answered[$0][unitIndex] == analytic && details[$0][unitIndex].canRun }) else { return nil }
                return (match, fusedShares(match, unitIndex: unitIndex, unit: unit, graph: graph, details: details))
            }
            if rep == unitIndex { shared[rep] = fusedMatches }
            for (match, shares) in fusedMatches {
                for (op, share, cost) in shares {
                    fused[op][unitIndex] = share
                    guard let cost else { continue }
                    if residency.isEmpty {
                        residency = Array(repeating: Array(repeating: nil, count: units.count), count: graph.operators.count)
                    }
                    residency[op][unitIndex] = cost
                }
                for op in match.operators.dropFirst() { groupParent[find(op)] = find(match.operators[0]) }
            }
        }
        var compositeMembers: [Int: [Int]] = [:]
        for op in graph.operators.indices { compositeMembers[find(op), default: []].append(op) }
        let composites = compositeMembers.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
        return FusionOutcome(fusedExecUS: fused, composites: composites, fusedResidency: residency)
    }

    /// The fused chain's time, shared among its members in proportion to their unfused times.
    ///
    /// Fused time = one operation's overhead + max(compute, memory), where compute is the members' compute
    /// times at the pattern's efficiency (each member's own when the pattern gives none), summed,
    /// or their maximum for a pipelined pattern (stages streaming into each other), and
    /// memory moves only the chain's external traffic: the members' bytes less each intermediate
    /// tensor twice (written by its producer, read by its consumer), as those never leave the unit.
    func fusedShares(_ match: FusionMatcher.Match, unitIndex: Int, unit: ProcessingUnit, graph: Graph,
                     details: [[OperatorCost]]) -> [(Int, Double, ResidencyCost?)] {
        let members = match.operators
        let memberSet = Set(members)
        var compute = 0.0
        for op in members {
            let cost = details[op][unitIndex]
            let efficiencyScale = match.pattern.efficiency.map { (unit.support(for: graph.operators[op].type)?.efficiency ?? 1) / $0 } ?? 1
            let stage = cost.computeUS * efficiencyScale
            compute = match.pattern.pipelined ? max(compute, stage) : compute + stage
        }
        let totalMemberBytes = members.reduce(0.0) { $0 + Double(details[$1][unitIndex].bytes) }
        // Each member's padded channels (`ChannelAlignment`): its tensors move padded.
        let padded = members.map { AnalyticCostProvider.paddedTensors(OperatorContext(graph: graph, index: $0), on: unit) }
        func paddedBytes(_ tensor: Int, member: Int) -> Double {
            Double(graph.tensors[tensor].byteSize) * Self.storedScale(graph.tensors[tensor], on: unit)
                * (padded[member][graph.tensors[tensor].name] ?? 1)
        }
        var internalBytes = 0.0
        var intermediates = Set<Int>()
        for (position, op) in members.dropLast().enumerated() {
            for output in graph.operators[op].outputs where !output.isEmpty {
                guard let tensor = graph.tensorIndex[output], graph.consumers[tensor].allSatisfy(memberSet.contains) else { continue }
                intermediates.insert(tensor)
                // Written by its producer, read by its (first) consumer, each as it pads it.
                let reader = members.firstIndex { graph.consumers[tensor].contains($0) } ?? position
                internalBytes += paddedBytes(tensor, member: position) + paddedBytes(tensor, member: reader)
            }
        }
        let bytes = max(0, totalMemberBytes - internalBytes)
        guard let path = paths(of: unit).stream else { return [] }
        // Weights read from a weight memory are none of the members' `bytes`; they stream alongside.
        let weightPath = paths(of: unit).weights
        let weightBytes = members.reduce(0.0) { $0 + Double(details[$1][unitIndex].weightBytes ?? 0) }
        let weightUS = weightPath?.timeUS(bytes: weightBytes) ?? 0
        let fused = unit.commandPath.operationUS + max(compute, path.timeUS(bytes: bytes), weightUS)
        let unfused = members.reduce(0.0) { $0 + (details[$1][unitIndex].timeUS ?? 0) }
        // The chain's operands: what its members read from outside it and what leaves it.
        var chain: ResidencyCost?
        if let paths = residencyPaths(unit) {
            var operands: [ResidencyCost.Operand] = []
            var weights: [ResidencyCost.Operand] = []
            var seen = intermediates
            for (position, op) in members.enumerated() {
                for name in graph.operators[op].inputs + graph.operators[op].outputs where !name.isEmpty {
                    guard let tensor = graph.tensorIndex[name],
                          graph.producer[tensor].map({ !memberSet.contains($0) || graph.operators[op].outputs.contains(name) }) ?? true,
                          seen.insert(tensor).inserted else { continue }
                    let operand = ResidencyCost.Operand(tensor: tensor, bytes: paddedBytes(tensor, member: position))
                    if graph.tensors[tensor].kind == .constant { weights.append(operand) } else { operands.append(operand) }
                }
            }
            chain = makeResidencyCost(paths: paths, overheadUS: unit.commandPath.operationUS, computeUS: compute, totalBytes: bytes,
                                      operands: operands, weights: weightPath == nil ? weights : [], weightStreamUS: weightUS,
                                      baseUS: fused, basePJ: 0)
        }
        return members.map { op in
            let share = unfused > 0 ? (details[op][unitIndex].timeUS ?? 0) / unfused : 1 / Double(members.count)
            var member = chain
            member?.share = share
            member?.baseUS = fused * share
            member?.basePJ = details[op][unitIndex].energyPJ
            return (op, fused * share, member)
        }
    }

    /// The factor from a tensor's stored bytes to the bytes `unit` moves for it
    /// (`ElementType.storedScale(computeBits:)`).
    static func storedScale(_ tensor: Tensor, on unit: ProcessingUnit) -> Double {
        tensor.elementType.storedScale(computeBits: unit.computeBits)
    }
}
