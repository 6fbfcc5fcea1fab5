import HeteroIR
import HeteroPlatform

/// Computes every operator's cost on every unit of a platform and the transfer and
/// synchronisation costs between units, producing the `CostTable` the optimizer uses.
///
/// Providers are asked in priority order — measured profile, the model's explicit costs, the
/// analytic model — and the first answer wins. Answers of providers that cost by signature (the
/// analytic model) are cached per (provider, unit, operator signature), so the repeated blocks of
/// a network are costed once. Declared fusion patterns are then applied (`CostEngine+Fusion`):
/// a matched chain is costed as one operator (compute summed, only its external inputs, weights
/// and final output moved, one dispatch); its time, shared among the members in proportion to
/// their unfused times, applies when the optimizer places the whole chain on that unit.
public struct CostEngine {
    public let platform: Platform
    public let providers: [any CostProvider]
    /// Stream paths per unit, computed once (`paths(of:)`).
    let pathCache = UnitPathCache()
    /// Routes between the platform's memories, searched once per source memory asked for.
    let routes: RouteTable

    /// Everything computed: the table, per (operator, unit) details and which provider answered.
    public struct Result: Sendable {
        public var table: CostTable
        public var details: [[OperatorCost]]
        /// `providers[op][unit]`: the name of the provider that answered (`none` when none did).
        public var providers: [[String]]
        /// Chains fused on some unit, as operator indices (the optimizer moves each as one).
        public var composites: [[Int]]
        /// (operator, unit) pairs answered from the signature cache rather than by a provider.
        public var cacheHits: Int
    }

    /// The standard providers: the profile's measurements (when given), the model's explicit
    /// costs, the analytic model.
    public init(platform: Platform, profile: CostProfile? = nil) {
        var providers: [any CostProvider] = []
        if let profile { providers.append(ProfileCostProvider(profile)) }
        providers.append(ExplicitCostProvider())
        providers.append(AnalyticCostProvider())
        self.init(platform: platform, providers: providers)
    }

    /// Custom providers, asked in the order given.
    public init(platform: Platform, providers: [any CostProvider]) {
        self.platform = platform
        self.providers = providers
        routes = RouteTable(platform)
    }

    /// Costs `graph` on the platform.
    ///
    /// - Throws: `CostError.unknownUnitInModel` when a task names a unit the platform lacks,
    ///   `.runsNowhere` naming the first operator no unit can run (with each unit's reason),
    ///   `.noRoute` when two units' memories are not linked (never for a validated platform).
    /// - Complexity: O(V · U · P) provider calls at most for V operators, U units and P providers,
    ///   fewer when signatures repeat.
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
        var cache: [CacheKey: OperatorCost] = [:]
        var cacheHits = 0
        var residency: [[ResidencyCost?]] = []
        let anyResident = units.contains { $0.residentMemory != nil }
        details.reserveCapacity(graph.operators.count)
        // Units of one class share signature-cached answers that can run (`UnitClasses`).
        let classes = UnitClasses(self).representative
        for index in graph.operators.indices {
            let context = OperatorContext(graph: graph, index: index)
            let signature = Self.signature(context)
            var row: [OperatorCost] = []
            var names: [String] = []
            var violations: [Int: String?] = [:]
            var activationBytes: Int?
            for (unitIndex, unit) in units.enumerated() {
                var answer: (cost: OperatorCost, provider: String)?
                for (providerIndex, provider) in providers.enumerated() {
                    if provider.cachesBySignature {
                        let key = CacheKey(provider: providerIndex, unit: classes[unitIndex], signature: signature)
                        if let cached = cache[key], cached.canRun || classes[unitIndex] == unitIndex {
                            cacheHits += 1
                            answer = (cached, provider.name)
                        } else if let cost = provider.cost(of: context, on: unit, platform: platform, routes: routes) {
                            if cache[key] == nil { cache[key] = cost }
                            answer = (cost, provider.name)
                        }
                    } else if let cost = provider.cost(of: context, on: unit, platform: platform, routes: routes) {
                        answer = (cost, provider.name)
                    }
                    if answer != nil { break }
                }
                if answer?.cost.canRun == true {
                    // Whether the activations fit depends on the class; the message names the unit.
                    let known = violations[classes[unitIndex]]
                    var violation: String?
                    if known != .some(nil) {
                        let bytes = activationBytes ?? Self.activationBytes(context)
                        activationBytes = bytes
                        violation = Self.residencyViolation(activationBytes: bytes, on: unit, platform: platform)
                    }
                    if known == nil { violations[classes[unitIndex]] = .some(violation) }
                    if let violation { answer = (.cannotRun(violation), answer!.provider) }
                }
                if answer?.cost.canRun == true, let capacity = unit.programMemoryBytes {
                    let bytes = unit.programBytes(for: graph.operators[index].type)
                    if bytes > capacity {
                        answer = (.cannotRun("its kernel's program (\(bytes) bytes) does not fit \(unit.name)'s program memory (\(capacity) bytes)"),
                                  answer!.provider)
                    }
                }
                row.append(answer?.cost ?? .cannotRun("no cost provider answered"))
                names.append(answer?.provider ?? "none")
            }
            if !row.contains(where: \.canRun) {
                throw .runsNowhere(operator: graph.operators[index].label,
                                   reasons: zip(unitNames, row).map { "\($0): \($1.reason ?? "cannot run")" })
            }
            details.append(row)
            answered.append(names)
            if anyResident {
                var byClass: [Int: ResidencyCost?] = [:]
                residency.append(units.indices.map { unitIndex in
                    let rep = classes[unitIndex]
                    if row[unitIndex] == row[rep], let known = byClass[rep] { return known }
                    let cost = residencyCost(context, on: units[unitIndex], cost: row[unitIndex])
                    if rep == unitIndex { byClass[rep] = .some(cost) }
                    return cost
                })
            }
        }

        let fusion = applyFusion(graph, details: details, answered: answered, classes: classes)
        var table = try buildTable(details: details)
        table.composites = fusion.composites
        table.fusedExecUS = fusion.fusedExecUS
        table.residency = residency
        table.fusedResidency = fusion.fusedResidency
        table.paddedChannels = Self.paddedChannels(graph, units: units, details: details)
        if units.contains(where: { $0.programMemoryBytes != nil }) {
            table.programCapacity = units.map(\.programMemoryBytes)
            // An operator a unit performs as a view (a Concat in place) runs no kernel there.
            table.programBytes = graph.operators.indices.map { op in
                units.indices.map { details[op][$0].bound == .view ? 0 : units[$0].programBytes(for: graph.operators[op].type) }
            }
        }
        if units.contains(where: { $0.multicast != nil }) {
            table.multicastFanout = units.map { $0.multicast?.maxDestinations ?? 0 }
            table.multicastBufferBytes = units.map { $0.multicast?.bufferBytes ?? 0 }
        }
        if units.contains(where: { $0.streamSwitch != nil }) { table.streamSwitches = units.map(\.streamSwitch) }
        return Result(table: table, details: details, providers: answered, composites: fusion.composites, cacheHits: cacheHits)
    }

    /// A cached answer's key: which provider, which unit, which operator signature.
    struct CacheKey: Hashable {
        let provider: Int
        let unit: Int
        let signature: String
    }

    /// What determines an analytic cost: type, quantized type, attributes, and input/output
    /// shapes, kinds, element types and sizes. Two operators with the same signature cost the same on every unit.
    static func signature(_ context: OperatorContext) -> String {
        let op = context.op
        var text = op.type
        if let quantized = op.quantizedType { text += "@\(quantized.rawValue)" }
        for key in op.attributes.keys.sorted() { text += ";\(key)=\(op.attributes[key]!)" }
        for input in context.inputs {
            if let input { text += "|\(input.shape ?? [])\(input.kind.rawValue.first!)\(input.elementType.rawValue)\(input.byteSize)" } else { text += "|-" }
        }
        for output in context.outputs { text += ">\(output.shape ?? [])\(output.elementType.rawValue)\(output.byteSize)" }
        return text
    }
}
