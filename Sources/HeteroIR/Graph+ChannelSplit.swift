/// A layer split by output channels into slices, each a real operator of the graph.
///
/// AI Engine graphs spread a convolution too large for one tile over several kernels, each on its
/// own tile: the output channels are partitioned, each kernel holds its share of the weights, the
/// input is broadcast to all of them, and the outputs are written side by side into the next
/// layer's buffer (`Graph.splittingChannels`).
public struct ChannelSplit: Sendable, Equatable {
    /// The convolution split (its name in the graph before the split).
    public var head: String
    /// The per-channel operators after it that are split with it (BatchNormalization, Relu, ...),
    /// in order.
    public var followers: [String]
    /// Output channels of each slice, in order.
    public var channels: [Int]
    /// The operators of each slice: its convolution, then its followers.
    public var slices: [[String]]
    /// The Concat joining the slices into the layer's original output tensor.
    public var join: String

    public init(head: String, followers: [String], channels: [Int], slices: [[String]], join: String) {
        self.head = head
        self.followers = followers
        self.channels = channels
        self.slices = slices
        self.join = join
    }
}

/// Why a split named by a plan cannot be applied to its graph.
public enum ChannelSplitError: Error, Equatable, CustomStringConvertible {
    case unknownOperator(String)
    case notSplittable(operator: String, reason: String)
    case sliceCount(operator: String, slices: Int, channels: Int)
    case invalidGraph(operator: String, GraphError)

    public var description: String {
        switch self {
        case .unknownOperator(let name):
            return "operator \"\(name)\" to split is not in the model"
        case .notSplittable(let op, let reason):
            return "\(op) cannot be split by output channels: \(reason)"
        case .sliceCount(let op, let slices, let channels):
            return "\(op) cannot be split into \(slices) slices: expected 2 to \(channels) (its output channels)"
        case .invalidGraph(let op, let error):
            return "splitting \(op) made an invalid graph: \(error)"
        }
    }
}

extension Graph {
    /// Operator types that act on each channel alone and follow a convolution in a chain: split
    /// with it, each slice applying them to its own channels.
    static let channelwiseFollowers: Set<String> = ["BatchNormalization", "Relu", "Clip", "LeakyRelu"]

    /// Why `op` cannot be split by output channels, or nil when it can: a Conv with one group,
    /// batch 1 (so each slice's output is one contiguous block of the joined output) and constant
    /// weights.
    public func channelSplitRefusal(_ op: Int) -> String? {
        let node = operators[op]
        guard node.type == "Conv" else { return "only Conv is split, not \(node.type)" }
        guard (node.attributes["group"]?.intValue ?? 1) == 1 else { return "a grouped convolution" }
        guard node.outputs.filter({ !$0.isEmpty }).count == 1, let out = tensorIndex[node.outputs[0]],
              let shape = tensors[out].shape, shape.count >= 3, shape[0] == 1 else { return "its output is not of batch 1 with channels" }
        guard node.inputs.count >= 2, let weight = tensorIndex[node.inputs[1]], tensors[weight].kind == .constant,
              tensors[weight].shape?.first == shape[1] else { return "its weights are not a constant with one row per output channel" }
        if node.inputs.count > 2, !node.inputs[2].isEmpty {
            guard let bias = tensorIndex[node.inputs[2]], tensors[bias].kind == .constant else { return "its bias is not a constant" }
        }
        return nil
    }

    /// The per-channel operators that follow `op` and would be split with it: each the only
    /// reader of the previous one's output (not a graph output), of a `channelwiseFollowers` type,
    /// with its other inputs constants.
    public func channelSplitFollowers(_ op: Int) -> [Int] {
        var followers: [Int] = []
        var tensor = tensorIndex[operators[op].outputs[0]]!
        while !outputs.contains(tensors[tensor].name), consumers[tensor].count == 1 {
            let next = consumers[tensor][0]
            let node = operators[next]
            guard Self.channelwiseFollowers.contains(node.type), node.inputs.first == tensors[tensor].name,
                  node.outputs.filter({ !$0.isEmpty }).count == 1, !node.outputs[0].isEmpty,
                  node.inputs.dropFirst().allSatisfy({ $0.isEmpty || producer[tensorIndex[$0]!] == nil }),
                  let output = tensorIndex[node.outputs[0]] else { break }
            followers.append(next)
            tensor = output
        }
        return followers
    }

    /// The graph with each named convolution (and its `channelSplitFollowers`) split by output
    /// channels into the given number of slices: slice j computes channels
    /// [j·C/k, (j+1)·C/k) with its share of the weights, bias and per-channel parameters, reads the
    /// whole input, and a Concat on the channel axis joins the slices' outputs into the original
    /// output tensor, so the layer's readers are unchanged. Each slice's work (MACs, bytes) comes
    /// from its own shapes (`WorkFigures`). Slices are named `<name>/slice<j>`, their tensors
    /// `<tensor>/slice<j>`, the join `<last output>/join`.
    ///
    /// - Throws: `ChannelSplitError` for an unknown or unsplittable operator or a slice count
    ///   outside 2...C.
    /// - Complexity: O(V + T + Σ slices × chain length).
    public func splittingChannels(_ splits: [(operator: String, slices: Int)]) throws(ChannelSplitError) -> (graph: Graph, splits: [ChannelSplit]) {
        var plans: [Int: (slices: Int, followers: [Int])] = [:]
        for (name, slices) in splits {
            guard let op = operatorIndex[name] else { throw .unknownOperator(name) }
            if let reason = channelSplitRefusal(op) { throw .notSplittable(operator: operators[op].label, reason: reason) }
            let channels = tensors[tensorIndex[operators[op].outputs[0]]!].shape![1]
            guard slices >= 2, slices <= channels else { throw .sliceCount(operator: operators[op].label, slices: slices, channels: channels) }
            plans[op] = (slices, channelSplitFollowers(op))
        }
        var absorbed: Set<Int> = []
        for plan in plans.values { absorbed.formUnion(plan.followers) }
        var removed: Set<String> = []
        var added: [Tensor] = []
        var addedIndex: [String: Int] = [:]
        func add(_ tensor: Tensor) {
            addedIndex[tensor.name] = added.count
            added.append(tensor)
        }
        var newOperators: [Operator] = []
        var records: [ChannelSplit] = []
        for (index, op) in operators.enumerated() {
            if absorbed.contains(index) { continue }
            guard let plan = plans[index] else {
                newOperators.append(op)
                continue
            }
            let chain = [index] + plan.followers
            let outShape = tensors[tensorIndex[op.outputs[0]]!].shape!
            let total = outShape[1]
            let bounds = (0...plan.slices).map { $0 * total / plan.slices }
            var sliceNames: [[String]] = []
            var joined: [String] = []
            for j in 0..<plan.slices {
                let (low, high) = (bounds[j], bounds[j + 1])
                var previous: String?
                var names: [String] = []
                for member in chain {
                    var node = operators[member]
                    node.name = "\(node.name)/slice\(j)"
                    var inputs = node.inputs
                    if let previous { inputs[0] = previous }
                    for position in inputs.indices.dropFirst() where !inputs[position].isEmpty {
                        guard let source = tensorIndex[inputs[position]], tensors[source].kind == .constant,
                              let shape = tensors[source].shape, shape.first == total, member == index || shape.count == 1 else { continue }
                        // A weight, bias or per-channel parameter: the slice's rows.
                        var part = tensors[source]
                        part.name = "\(part.name)/slice\(j)"
                        part.shape = [high - low] + shape.dropFirst()
                        part.byteSize = part.elementType.bytes(forElements: SizeLimit.product(part.shape!) ?? Int.max)
                        part.floatValues = part.floatValues.flatMap { $0.count == total ? Array($0[low..<high]) : nil }
                        part.intValues = part.intValues.flatMap { $0.count == total ? Array($0[low..<high]) : nil }
                        if j == 0 { removed.insert(inputs[position]) }
                        add(part)
                        inputs[position] = part.name
                    }
                    node.inputs = inputs
                    var output = tensors[tensorIndex[node.outputs[0]]!]
                    if j == 0 { removed.insert(output.name) }
                    output.name = "\(output.name)/slice\(j)"
                    var shape = outShape
                    shape[1] = high - low
                    output.shape = shape
                    output.byteSize = output.elementType.bytes(forElements: SizeLimit.product(shape) ?? Int.max)
                    node.outputs = [output.name] + node.outputs.dropFirst().map { _ in "" }
                    add(output)
                    let inputTensors = inputs.map { name -> Tensor? in
                        name.isEmpty ? nil : (addedIndex[name].map { added[$0] } ?? tensorIndex[name].map { tensors[$0] })
                    }
                    do { node.work = try WorkFigures.work(of: node, inputs: inputTensors, outputs: [output]) } catch {
                        throw .invalidGraph(operator: op.label, error)
                    }
                    newOperators.append(node)
                    names.append(node.name)
                    previous = output.name
                }
                sliceNames.append(names)
                joined.append(previous!)
            }
            let last = operators[chain.last!].outputs[0]
            removed.remove(last)
            var join = Operator(name: "\(last)/join", type: "Concat", attributes: ["axis": .int(1)], inputs: joined, outputs: [last])
            let lastTensor = tensors[tensorIndex[last]!]
            do {
                join.work = try WorkFigures.work(of: join, inputs: joined.map { added[addedIndex[$0]!] }, outputs: [lastTensor])
            } catch { throw .invalidGraph(operator: op.label, error) }
            newOperators.append(join)
            records.append(ChannelSplit(head: op.name, followers: plan.followers.map { operators[$0].name },
                                        channels: (0..<plan.slices).map { bounds[$0 + 1] - bounds[$0] }, slices: sliceNames, join: join.name))
        }
        // A weight another operator still reads stays.
        for node in newOperators { for input in node.inputs { removed.remove(input) } }
        let kept = tensors.filter { !removed.contains($0.name) } + added
        do {
            let graph = try Graph(name: name, tensors: kept, operators: newOperators, inputs: inputs, outputs: outputs)
            return (graph, records)
        } catch {
            throw .invalidGraph(operator: splits.first.map { "\"\($0.operator)\"" } ?? "", error)
        }
    }
}
