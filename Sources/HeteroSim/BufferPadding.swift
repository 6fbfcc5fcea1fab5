import HeteroCost
import HeteroIR
import HeteroPlatform

/// The simulator's own reckoning of the least bytes an activation's buffer in a unit's resident
/// memory takes when the unit's compiler pads channels there (the platform's `channel_alignment`,
/// `ChannelAlignment`), from the tensor's shape and the operators the plan puts on that memory's
/// units — not from the cost table, so that a plan claiming a smaller buffer is caught.
///
/// A 4-D (N, C, H, W) activation an operator the rule lists produces (its first output) or
/// reads on such a unit has its channels rounded up to the rule's multiple; the buffer holds the
/// most any of them needs. An ungrouped convolution's integer-typed first input with fewer
/// channels than the rule's `compressed_input_channels` is counted at that figure (the compressed
/// convolution of a quantized image input); a float one is padded to the multiple. A unit sharing the memory
/// that pads nothing (Meteor Lake's SHAVE unit in the NPU's CMX) writes a tensor an operator on
/// the padding unit reads in the padded layout. Bytes are the padded elements' in the type the
/// producer's unit stores them in (`ElementType.storedScale`).
struct BufferPadding {
    /// Per unit, its padding rule (nil: it pads nothing); empty without a platform.
    let alignment: [ChannelAlignment?]
    /// Per unit, its compute width (`ProcessingUnit.computeBits`).
    let computeBits: [Int?]

    init(platform: Platform?) {
        alignment = platform?.units.map(\.channelAlignment) ?? []
        computeBits = platform?.units.map(\.computeBits) ?? []
    }

    /// Whether some unit pads channels.
    var isEmpty: Bool { !alignment.contains { $0 != nil } }

    /// The least bytes of a buffer of `tensor` in `memory` under the plan's placement `units`
    /// (nil when no operator on a unit keeping activations in `memory` pads it).
    func leastBytes(_ tensor: Int, in memory: Int, graph: Graph, units: [Int], residentMemory: [Int?]) -> Int? {
        let stored = graph.tensors[tensor]
        guard stored.kind != .constant, let shape = stored.shape, shape.count == 4, shape[1] > 0 else { return nil }
        let name = stored.name
        var channels = shape[1]
        var paddingUnit: Int?
        for op in ([graph.producer[tensor]].compactMap { $0 } + graph.consumers[tensor]) {
            let unit = units[op]
            guard unit >= 0, unit < alignment.count, let rule = alignment[unit], residentMemory[unit] == memory,
                  let padded = paddedChannels(name, shape[1], of: graph.operators[op], graph: graph, rule: rule),
                  padded > channels else { continue }
            channels = padded
            paddingUnit = unit
        }
        guard let paddingUnit else { return nil }
        // The producer writes the buffer in its own type when it keeps activations there.
        let writer = graph.producer[tensor].map { units[$0] }.flatMap { $0 >= 0 && residentMemory[$0] == memory ? $0 : nil } ?? paddingUnit
        var paddedShape = shape
        paddedShape[1] = channels
        let bytes = stored.elementType.bytes(forElements: SizeLimit.product(paddedShape) ?? Int.max)
        let scale = stored.elementType.storedScale(computeBits: writer < computeBits.count ? computeBits[writer] : nil)
        return scale == 1 ? bytes : Int((Double(bytes) * scale).rounded(.up))
    }

    /// The channels `rule` pads tensor `name` (with `count` channels) to for `op`; nil when it
    /// does not pad it for that operator.
    private func paddedChannels(_ name: String, _ count: Int, of op: Operator, graph: Graph, rule: ChannelAlignment) -> Int? {
        guard rule.operators.contains(OperatorSupport.computedOperator[op.type] ?? op.type),
              let output = op.outputs.first.flatMap({ graph.tensorIndex[$0] }),
              let outputShape = graph.tensors[output].shape, outputShape.count == 4, outputShape[1] > 0 else { return nil }
        if op.outputs.first == name { return rule.padded(count) }
        guard let position = op.inputs.firstIndex(of: name) else { return nil }
        // The compressed convolution: an ungrouped convolution's integer image input.
        if position == 0, let compressed = rule.compressedInputChannels, count < compressed,
           (OperatorSupport.computedOperator[op.type] ?? op.type) == "Conv", (op.attributes["group"]?.intValue ?? 1) == 1,
           let input = graph.tensorIndex[name], !graph.tensors[input].elementType.isFloatingPoint {
            return compressed
        }
        return rule.padded(count)
    }
}
