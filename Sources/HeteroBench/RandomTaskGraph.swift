import HeteroIR
import HeteroPlan

/// Random task-graph instances in the style of the scheduling literature (HEFT's and SAGA's
/// generators): a layered DAG with random fan-in, per-unit costs drawn around a base cost with a
/// heterogeneity factor, some tasks unsupported on some units, and edge sizes scaled to a
/// communication-to-computation ratio (CCR).
public struct RandomTaskGraph: Sendable {
    public var tasks: Int
    public var units: [String]
    /// Mean communication time over mean computation time.
    public var ccr: Double = 1.0
    /// Spread of a task's cost across units: costs are base·U(1-h/2, 1+h/2).
    public var heterogeneity: Double = 1.0
    /// Probability that a task cannot run on a given unit (every task keeps at least one unit).
    public var unsupportedProbability: Double = 0.15
    /// Bytes per microsecond of the links, to turn communication time into bytes.
    public var bandwidthBytesPerUS: Double = 1000

    public init(tasks: Int, units: [String]) {
        self.tasks = tasks
        self.units = units
    }

    /// The instance for a seed.
    ///
    /// - Throws: `GraphError` only if the construction broke its own invariants (it is layered,
    ///   hence acyclic, with unique names); callers report it rather than trapping.
    public func generate(seed: UInt64) throws(GraphError) -> Graph {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        let meanCost = 20.0
        // Layers: about sqrt(n) of them.
        let layerCount = max(2, Int((Double(tasks)).squareRoot().rounded()))
        var layer = [Int](repeating: 0, count: tasks)
        for task in 1..<tasks { layer[task] = min(layerCount - 1, max(layer[task - 1], Int(uniform() * Double(layerCount)))) }
        layer.sort()
        var operators: [Operator] = []
        for task in 0..<tasks {
            let base = meanCost * (0.5 + uniform())
            var costs: [String: Double?] = [:]
            var supported = 0
            for (index, unit) in units.enumerated() {
                let cost = (base * (1 - heterogeneity / 2 + heterogeneity * uniform()) * 100).rounded() / 100
                let unsupported = uniform() < unsupportedProbability && !(index == units.count - 1 && supported == 0)
                costs[unit] = unsupported ? .some(nil) : max(0.5, cost)
                if !unsupported { supported += 1 }
            }
            operators.append(Operator(name: "t\(task)", type: "Task", inputs: [], outputs: [], explicitCostsUS: costs))
        }
        var tensors: [Tensor] = []
        for task in 0..<tasks where layer[task] > 0 {
            let candidates = (0..<task).filter { layer[$0] < layer[task] }
            guard !candidates.isEmpty else { continue }
            let fanIn = 1 + Int(uniform() * 3)
            var chosen = Set<Int>()
            for _ in 0..<fanIn { chosen.insert(candidates[Int(uniform() * Double(candidates.count))]) }
            for source in chosen.sorted() {
                let time = meanCost * ccr * (0.5 + uniform())
                let name = "t\(source)->t\(task)"
                tensors.append(Tensor(name: name, byteSize: Int(time * bandwidthBytesPerUS), kind: .activation))
                operators[source].outputs.append(name)
                operators[task].inputs.append(name)
            }
        }
        for index in operators.indices {
            let bytesIn = tensors.filter { operators[index].inputs.contains($0.name) }.reduce(0) { $0 + $1.byteSize }
            let bytesOut = tensors.filter { operators[index].outputs.contains($0.name) }.reduce(0) { $0 + $1.byteSize }
            operators[index].work = Work(activationBytesRead: bytesIn, bytesWritten: bytesOut)
        }
        return try Graph(name: "random-\(tasks)-\(seed)", tensors: tensors, operators: operators, inputs: [], outputs: [])
    }
}
