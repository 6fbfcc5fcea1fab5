import HeteroCost
import HeteroIR
import HeteroRecords

/// Layers split over several tiles of an array before planning, as AI Engine graphs do.
///
/// On an array of units with a program memory (the VC1902's AI Engine tiles, `arrays` in the
/// platform file) an operator runs on one tile, which has 1/N of the array's MACs, so a large
/// convolution on one tile sets the throughput interval alone. AMD's AI Engine designs split such
/// a layer over several kernels, each on its own tile: the output channels (or rows) are
/// partitioned, each kernel holds its part of the weights, the input is broadcast to all of them
/// and their outputs are written side by side into the next layer's buffer. This step does the
/// channel split as a graph rewrite (`Graph.splittingChannels`): a convolution, with the
/// per-channel operators after it, becomes k slices that are real operators with their own MACs,
/// bytes and weights, so the cost model, packing, scheduler and simulator treat them like any
/// other, and a Concat on the channel axis joins them into the original output (free, with no
/// copy, on a unit that concatenates `in_place`).
///
/// k comes from the work and the throughput target: the target is the largest time, at its
/// fastest unit, of an operator that is not split (the interval cannot go below it, since that
/// operator runs whole on one unit); a layer slower than the target on one tile is split into the
/// fewest slices whose estimated time per slice (compute over k; memory: the whole input, 1/k of
/// the weights and outputs) is within the target, at most the array's tile count and the layer's
/// output channels. When no k reaches the target (a slice's own input traffic bounds it), the
/// fewest slices within 5% of the best estimate. Layers at or under the target stay whole.
///
/// Opt-in (`PlanOptions.splitLayers`, `--split-layers on`), and only on platforms whose units
/// have program memories (the arrays where one unit is one tile; elsewhere a unit already stands
/// for its whole accelerator). Each slice reads the whole input: on tiles with a multicast
/// (`HeteroPlatform.Multicast`) one read of it from DDR4 feeds the slices (`MulticastGroups`),
/// without one every slice reads it again, and on a description whose tiles stream activations
/// from DDR4 with contention on that multiplies the DDR4 traffic of the split layers
/// (`Results/versal-vc1902-packing-notes.md`).
enum LayerSplitting {
    /// How close to the best slice time the fewest slices must come when the target is out of reach.
    static let closeToBest = 1.05

    /// The splits for `graph` on the costs' platform, with each one's single-tile and slice
    /// estimates; empty when the platform has no array or no layer is slower than the target.
    /// Operators named in `excluded` (pinned) are never split.
    ///
    /// - Complexity: O(V × U + candidates × tiles).
    static func choose(_ graph: Graph, _ costs: CostEngine.Result, excluded: Set<String>) -> [(split: (operator: String, slices: Int), unsplitUS: Double, sliceUS: Double)] {
        let table = costs.table
        let tiles = table.programCapacity.indices.filter { table.programCapacity[$0] != nil }
        guard tiles.count >= 2, let tile = tiles.first else { return [] }
        var chains: [(head: Int, members: [Int])] = []
        var inChain = Set<Int>()
        for op in graph.operators.indices where graph.channelSplitRefusal(op) == nil && table.execUS[op][tile] != nil {
            let members = [op] + graph.channelSplitFollowers(op)
            guard !members.contains(where: { excluded.contains(graph.operators[$0].name) || table.execUS[$0][tile] == nil }) else { continue }
            chains.append((op, members))
            inChain.formUnion(members)
        }
        guard !chains.isEmpty else { return [] }
        var target = 0.0
        for op in graph.operators.indices where !inChain.contains(op) {
            if let fastest = table.execUS[op].compactMap({ $0 }).min() { target = max(target, fastest) }
        }
        var splits: [(split: (operator: String, slices: Int), unsplitUS: Double, sliceUS: Double)] = []
        for chain in chains {
            let whole = chain.members.reduce(0) { $0 + (table.execUS[$1][tile] ?? 0) }
            guard whole > target else { continue }
            let output = graph.tensorIndex[graph.operators[chain.head].outputs[0]]!
            let channels = graph.tensors[output].shape![1]
            let most = min(channels, tiles.count)
            guard most >= 2 else { continue }
            let estimates = (1...most).map { sliceTime(chain.members, slices: $0, graph, costs, tile) }
            let best = estimates.min()!
            let reaching = estimates.indices.first { estimates[$0] <= target }
            let slices = 1 + (reaching ?? estimates.indices.first { estimates[$0] <= best * closeToBest }!)
            guard slices >= 2 else { continue }
            splits.append(((graph.operators[chain.head].name, slices), whole, estimates[slices - 1]))
        }
        return splits
    }

    /// Estimated time of one slice of `members` (a convolution and its followers) split `slices`
    /// ways on `tile`: the convolution's compute over k and its memory time with the whole input
    /// and 1/k of the weights and outputs, the followers' busy time over k, each with its overhead.
    static func sliceTime(_ members: [Int], slices: Int, _ graph: Graph, _ costs: CostEngine.Result, _ tile: Int) -> Double {
        let k = Double(slices)
        var total = 0.0
        for (position, op) in members.enumerated() {
            let cost = costs.details[op][tile]
            guard position == 0 else {
                total += cost.overheadUS + ((cost.timeUS ?? 0) - cost.overheadUS) / k
                continue
            }
            let work = graph.operators[op].work
            let bytes = Double(work.activationBytesRead + work.weightBytesRead + work.bytesWritten)
            let shared = bytes > 0 ? Double(work.activationBytesRead) / bytes : 0
            total += cost.overheadUS + max(cost.computeUS / k, cost.memoryUS * (shared + (1 - shared) / k))
        }
        return total
    }

    /// `graph` with the chosen layers split, the split records for the plan and a decision per
    /// split; nil when nothing is split.
    static func split(_ graph: Graph, _ costs: CostEngine.Result, excluded: Set<String>) throws -> (graph: Graph, records: [PlanDocument.LayerSplit], decisions: [Decision])? {
        let chosen = choose(graph, costs, excluded: excluded)
        guard !chosen.isEmpty else { return nil }
        let splitGraph: Graph, splits: [ChannelSplit]
        do { (splitGraph, splits) = try graph.splittingChannels(chosen.map(\.split)) } catch {
            throw PlanError.internalInconsistency("splitting layers over tiles: \(error)")
        }
        var records: [PlanDocument.LayerSplit] = []
        var decisions: [Decision] = []
        let estimates = Dictionary(uniqueKeysWithValues: chosen.map { ($0.split.operator, ($0.unsplitUS, $0.sliceUS)) })
        for split in splits {
            let (whole, slice) = estimates[split.head]!
            records.append(PlanDocument.LayerSplit(operator: split.head, followers: split.followers, slices: split.channels.count,
                                                   channels: split.channels, join: split.join, unsplitUS: whole, sliceUS: slice))
            let label = graph.operators[graph.operatorIndex[split.head]!].label
            let chain = split.followers.isEmpty ? "" : " with " + split.followers.map { "\"\($0)\"" }.joined(separator: ", ")
            decisions.append(Decision(kind: .layerSplit, subject: label, reason: String(
                format: "%.3f us on one tile; split%@ by output channels into %d slices (%@ channels), about %.3f us each, joined by Concat \"%@\"",
                whole, chain, split.channels.count, split.channels.map(String.init).joined(separator: "/"), slice, split.join)))
        }
        return (splitGraph, records, decisions)
    }
}
