/// A validated computation graph with static shapes: tensors, operators in a deterministic
/// topological order, and producer/consumer indices.
///
/// Invariants (established by `init`, which throws `GraphError` otherwise):
/// - tensor and operator names are unique;
/// - every operator input is a graph input, a constant, or the output of exactly one operator;
/// - the operator graph is acyclic and `operators` is in topological order, ties broken by the
///   order the operators were given in (so the same input gives the same order);
/// - every graph output is produced;
/// - `aliasRoot` gives every tensor the tensor owning its storage (views own none).
public struct Graph: Codable, Sendable {
    public static let schemaVersion = 1

    public let name: String
    public let tensors: [Tensor]
    public let operators: [Operator]
    public let inputs: [String]
    public let outputs: [String]

    /// Tensor index by name.
    public let tensorIndex: [String: Int]
    /// Operator index by name.
    public let operatorIndex: [String: Int]
    /// For each tensor, the index of the operator that produces it (nil for inputs and constants).
    public let producer: [Int?]
    /// For each tensor, the indices of the operators that read it, ascending.
    public let consumers: [[Int]]
    /// For each tensor, the tensor whose storage it uses: itself, or the root of the chain of
    /// views it is an alias of (`Graph+Aliases.swift`).
    public let aliasRoot: [Int]

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, name, tensors, operators, inputs, outputs
    }

    /// Validates and orders a graph.
    /// - Complexity: O((V + E) log V) for V operators and E tensor uses.
    public init(name: String, tensors: [Tensor], operators: [Operator], inputs: [String], outputs: [String]) throws(GraphError) {
        var tensorIndex: [String: Int] = [:]
        tensorIndex.reserveCapacity(tensors.count)
        for (index, tensor) in tensors.enumerated() {
            if tensorIndex.updateValue(index, forKey: tensor.name) != nil { throw .duplicateTensor(tensor.name) }
        }
        guard !operators.isEmpty else { throw .noOperators }
        var seenOperators: Set<String> = []
        for op in operators where !seenOperators.insert(op.name).inserted { throw .duplicateOperator(op.name) }
        for input in inputs where tensorIndex[input] == nil { throw .unknownGraphInput(input) }

        // Producers, in the given order.
        var producedBy = [Int?](repeating: nil, count: tensors.count)
        for (opIndex, op) in operators.enumerated() {
            for output in op.outputs where !output.isEmpty {
                guard let t = tensorIndex[output] else { throw .unknownInput(operator: op.name, tensor: output) }
                if tensors[t].kind != .activation { throw .constantOverwritten(operator: op.name, tensor: output) }
                if let first = producedBy[t] {
                    throw .tensorProducedTwice(tensor: output, first: operators[first].name, second: op.name)
                }
                producedBy[t] = opIndex
            }
        }
        // Dependencies.
        var predecessors = [[Int]](repeating: [], count: operators.count)
        for (opIndex, op) in operators.enumerated() {
            for input in op.inputs where !input.isEmpty {
                guard let t = tensorIndex[input] else { throw .unknownInput(operator: op.name, tensor: input) }
                if let p = producedBy[t] {
                    predecessors[opIndex].append(p)
                } else if tensors[t].kind == .activation {
                    throw .unknownInput(operator: op.name, tensor: input)
                }
            }
        }
        let order: [Int]
        switch DependencyOrder.order(predecessors: predecessors) {
        case .ordered(let result): order = result
        case .cycle(let nodes): throw .cycle(nodes.map { operators[$0].name })
        }

        let ordered = order.map { operators[$0] }
        var operatorIndex: [String: Int] = [:]
        for (index, op) in ordered.enumerated() { operatorIndex[op.name] = index }
        var producer = [Int?](repeating: nil, count: tensors.count)
        var consumers = [[Int]](repeating: [], count: tensors.count)
        for (opIndex, op) in ordered.enumerated() {
            for output in op.outputs where !output.isEmpty { producer[tensorIndex[output]!] = opIndex }
            for input in Set(op.inputs) where !input.isEmpty { consumers[tensorIndex[input]!].append(opIndex) }
        }
        for index in consumers.indices { consumers[index].sort() }
        for output in outputs {
            guard let t = tensorIndex[output], producer[t] != nil || tensors[t].kind != .activation else {
                throw .unknownGraphOutput(output)
            }
        }

        // Sizes come from untrusted models: the totals later stages sum must stay within the limit.
        let works = operators.map(\.work)
        for (figure, values) in [("MACs", works.map(\.macs)), ("operations", works.map(\.flops)),
                                 ("bytes read", works.map { $0.activationBytesRead + $0.weightBytesRead }),
                                 ("bytes written", works.map(\.bytesWritten)), ("tensor bytes", tensors.map(\.byteSize))] {
            guard SizeLimit.sum(values) != nil else { throw .sizeOverflow(what: "the graph's total \(figure)") }
        }

        self.name = name
        self.tensors = tensors
        self.operators = ordered
        self.inputs = inputs
        self.outputs = outputs
        self.tensorIndex = tensorIndex
        self.operatorIndex = operatorIndex
        self.producer = producer
        self.consumers = consumers
        self.aliasRoot = Self.aliasRoots(tensors: tensors, operators: ordered, tensorIndex: tensorIndex)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(name, forKey: .name)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(outputs, forKey: .outputs)
        try container.encode(tensors, forKey: .tensors)
        try container.encode(operators, forKey: .operators)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .schemaVersion)
        guard version == Self.schemaVersion else {
            throw DecodingError.dataCorruptedError(forKey: .schemaVersion, in: container,
                                                   debugDescription: "unsupported graph schemaVersion \(version); this build reads \(Self.schemaVersion)")
        }
        do {
            try self.init(name: try container.decode(String.self, forKey: .name),
                          tensors: try container.decode([Tensor].self, forKey: .tensors),
                          operators: try container.decode([Operator].self, forKey: .operators),
                          inputs: try container.decode([String].self, forKey: .inputs),
                          outputs: try container.decode([String].self, forKey: .outputs))
        }
    }

    // MARK: Lookups

    public func tensor(named name: String) -> Tensor? {
        tensorIndex[name].map { tensors[$0] }
    }

    /// Operator indices whose outputs `op` reads, ascending and without repeats.
    public func predecessors(of op: Int) -> [Int] {
        var result = Set<Int>()
        for input in operators[op].inputs where !input.isEmpty {
            if let p = producer[tensorIndex[input]!] { result.insert(p) }
        }
        return result.sorted()
    }

    /// Operator indices that read an output of `op`, ascending and without repeats.
    public func successors(of op: Int) -> [Int] {
        var result = Set<Int>()
        for output in operators[op].outputs where !output.isEmpty {
            result.formUnion(consumers[tensorIndex[output]!])
        }
        return result.sorted()
    }

    /// Total work of all operators.
    public var totalWork: Work {
        operators.reduce(.zero) { $0 + $1.work }
    }
}
