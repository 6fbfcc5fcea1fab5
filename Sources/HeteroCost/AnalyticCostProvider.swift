import HeteroIR
import HeteroPlatform

/// The analytic (roofline) model: per-operation overhead + max(compute time, memory time). The
/// command path's per-submission cost is not an operator's: the planner charges it once per
/// subgraph (`CommandPath`).
///
/// - Compute: MACs / (MACs per cycle for the data type × clock × the operator's efficiency); other
///   arithmetic on the vector throughput. A MAC operator on a unit with only vector throughput uses
///   two vector operations per MAC.
/// - Memory: bytes read and written / the bandwidth the unit streams at (`StreamPath`: the memory
///   it computes from, capped by the links to its local memory), plus the memory's latency once,
///   with bytes scaled from the graph's element type to the unit's compute type (fp32 → int8
///   moves a quarter). On a unit with a `weight_memory` the weights (with their tiling
///   re-reads) stream from that memory over its own path, concurrently with the activations:
///   memory time is the longer of the two streams.
/// - Tiling: when the working set exceeds the unit's local memory, a unit that can tile runs the
///   operator in `tiles` pieces and re-reads its weights (or, when cheaper, its inputs) for each
///   (`TiledTraffic`); one that cannot tile refuses.
/// - Energy: MACs × pJ/MAC + other operations × pJ/operation + bytes × pJ/byte of every memory
///   level the bytes pass (memory and local memory).
/// - Views (Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout at inference) move no data and
///   run anywhere at no cost: runtimes resolve them as metadata. A Concat whose inputs are
///   contiguous blocks of its output costs nothing either on a unit that declares it `in_place`
///   (its producers write into the output buffer); elsewhere it is a copy.
/// - Grouped (depthwise) convolutions keep only part of a MAC array busy on a unit that says how
///   it runs them (`GroupedConvolution`): their MAC time is divided by that fraction (at the
///   grouped convolutions' measured efficiency where the unit gives one), and a unit
///   whose compiler expands the groups to a dense convolution streams the expanded weights.
/// - Padded channels: on a unit whose compiler pads activations to a channel multiple
///   (`ChannelAlignment`), the listed operators compute and move the padded tensors
///   (`channelPadding(_:on:dataType:)`).
/// - Quantized operators (QDQ groups folded on import) compute in their integer type on units that
///   can, and are converted to the unit's compute type elsewhere (`computeType(of:)`).
///
/// The answer depends only on the operator's signature (type, attributes, tensor shapes and
/// types) and the unit, so the engine caches it (`cachesBySignature`).
public struct AnalyticCostProvider: CostProvider {
    public let name = "analytic"
    public let cachesBySignature = true

    public init() {}

    public func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform) -> OperatorCost? {
        cost(of: context, on: unit, platform: platform, routes: nil)
    }

    /// The same cost, reading the unit's stream path's routes from `routes` (on an array of
    /// hundreds of tile memories, building the link graph again per call was half of planning).
    public func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform, routes: RouteTable) -> OperatorCost? {
        cost(of: context, on: unit, platform: platform, routes: .some(routes))
    }

    private func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform, routes: RouteTable?) -> OperatorCost? {
        let op = context.op
        if WorkFigures.viewTypes.contains(op.type) {
            return .fixed(0, bound: .view)
        }
        guard let support = unit.support(for: op.type) else {
            return .cannotRun("\(unit.name) does not support \(op.type)")
        }
        let elementType = Self.graphElementType(context)
        guard let graphType = DataType(rawValue: elementType.rawValue) else {
            return .cannotRun("element type \(elementType.rawValue) has no platform data type")
        }
        let dataType = Self.computeType(of: op, graphType: graphType, on: unit, support: support)
        guard support.accepts(dataType) else {
            let accepted = support.dataTypes?.map(\.rawValue).joined(separator: ", ") ?? "any"
            return .cannotRun("\(op.type) on \(unit.name) accepts \(accepted), not \(dataType.rawValue)")
        }
        if let violation = Self.limitViolation(context, support.limits) {
            return .cannotRun(violation)
        }
        // After the type check: a unit concatenates in place only tensors of a type it handles.
        if support.inPlace, Self.isContiguousConcat(context) {
            return .fixed(0, bound: .view)
        }
        guard let path = StreamPath(unit: unit, platform: platform, routes: routes) else {
            return .cannotRun("unit memory \(unit.memory) is not on the platform")
        }
        var work = op.work
        if support.streamsInput, let input = context.inputs.compactMap({ $0 }).first(where: { $0.kind != .constant }),
           let elements = input.elementCount {
            // A line-buffered engine: one pass over the input at its element rate.
            work.macs = 0
            work.flops = elements
        }
        let grouping = Self.grouping(context, on: unit, efficiency: support.efficiency, dataType: dataType)
        let padding = Self.channelPadding(context, on: unit, dataType: dataType)
        let computeUS: Double
        switch Self.computeTime(work, on: unit, dataType: dataType, efficiency: support.efficiency,
                                macUtilisation: grouping.utilisation / padding.macs, vectorUtilisation: 1 / padding.vector) {
        case .success(let time): computeUS = time
        case .failure(let reason): return .cannotRun(reason.text)
        }

        // Each tensor moves in the type the unit holds it in (`ElementType.storedScale`).
        let operands = context.inputs.compactMap { $0 }
        let inputs = Double(work.activationBytesRead) * Self.storedScale(operands.filter { $0.kind != .constant }, on: unit)
            * padding.inputs
        let weights = Double(work.weightBytesRead) * Self.storedScale(operands.filter { $0.kind == .constant }, on: unit)
            * grouping.weightFactor * padding.weights
        let outputs = Double(work.bytesWritten) * Self.storedScale(context.outputs, on: unit) * padding.outputs
        let capacity = path.local?.capacityBytes
        if !unit.canTile, let local = path.local, let capacity, inputs + weights + outputs > Double(capacity) {
            return .cannotRun("working set \(Int((inputs + weights + outputs).rounded())) bytes exceeds \(local.name) "
                              + "(\(capacity) bytes) and \(unit.name) cannot tile")
        }
        let traffic = TiledTraffic(inputs: inputs, weights: weights, outputs: outputs, capacity: capacity)
        // On a unit with a weight memory the weights stream over their own path, concurrently.
        let weightPath = StreamPath.weights(of: unit, platform: platform, routes: routes)
        let weightBytes = weightPath == nil ? 0 : traffic.weightBytes(weights)
        let activationBytes = traffic.bytes - weightBytes
        let memoryUS = max(path.timeUS(bytes: activationBytes), weightPath?.timeUS(bytes: weightBytes) ?? 0)
        let overheadUS = unit.commandPath.operationUS
        let busy = max(computeUS, memoryUS)
        let bound: OperatorCost.Bound = overheadUS > busy ? .overhead : (computeUS >= memoryUS ? .compute : .memory)
        var energy = activationBytes * path.pjPerByte + weightBytes * (weightPath?.pjPerByte ?? 0)
        if let model = unit.energy {
            let perVectorOp = model.pjPerVectorOp[dataType]
            energy += Double(work.macs) * padding.macs * (model.pjPerMAC[dataType] ?? perVectorOp.map { 2 * $0 } ?? 0)
            energy += Double(work.flops) * padding.vector * (perVectorOp ?? 0)
        }
        return OperatorCost(timeUS: overheadUS + busy, computeUS: computeUS, memoryUS: memoryUS, overheadUS: overheadUS,
                            bound: bound, energyPJ: energy, bytes: Int(activationBytes.rounded()),
                            weightBytes: weightPath == nil ? nil : Int(weightBytes.rounded()), tiles: traffic.tiles,
                            reason: nil, fusedIn: nil)
    }

    /// Whether each input of a Concat is one contiguous block of its output (every output
    /// dimension before the axis is 1, as for a channel concatenation at batch 1), so that a unit
    /// declaring it `in_place` lets the producers write their slices into the output buffer.
    static func isContiguousConcat(_ context: OperatorContext) -> Bool {
        guard context.op.type == "Concat", let shape = context.outputs.first?.shape, !shape.isEmpty else { return false }
        // Opset 1-3 default the axis to 1; from opset 4 it is required.
        let raw = context.op.attributes["axis"]?.intValue ?? 1
        let axis = raw < 0 ? raw + shape.count : raw
        guard axis >= 0, axis < shape.count else { return false }
        return shape[..<axis].allSatisfy { $0 == 1 }
    }

    /// The factor from the bytes of `tensors` (one operand class: activations, weights or
    /// outputs) to the bytes `unit` moves for them: each tensor's `storedScale`, weighted by its
    /// bytes (1 for none).
    static func storedScale(_ tensors: [Tensor], on unit: ProcessingUnit) -> Double {
        var bytes = 0.0
        var scaled = 0.0
        for tensor in tensors {
            let size = Double(tensor.byteSize)
            bytes += size
            scaled += size * tensor.elementType.storedScale(computeBits: unit.computeBits)
        }
        return bytes > 0 ? scaled / bytes : 1
    }

    /// Why an operator has no compute time on a unit.
    struct NoThroughput: Error {
        let text: String
    }

    /// MACs on the MAC array (or two vector operations each) plus other arithmetic on the vector
    /// units (or the MAC array), in microseconds. `macUtilisation` is the fraction of the MAC array
    /// the operator keeps busy (a grouped convolution, `grouping(_:on:efficiency:dataType:)`, and
    /// padded channels, `channelPadding(_:on:dataType:)`); `vectorUtilisation` the fraction of
    /// the vector operations that are the operator's own (padded channels).
    static func computeTime(_ work: Work, on unit: ProcessingUnit, dataType: DataType, efficiency: Double,
                            macUtilisation: Double = 1, vectorUtilisation: Double = 1) -> Result<Double, NoThroughput> {
        let cyclesPerUS = unit.clockMHz
        var time = 0.0
        if work.macs > 0 {
            if let macs = unit.macsPerCycle[dataType] {
                time += Double(work.macs) / (macs * cyclesPerUS * efficiency * macUtilisation)
            } else if let vector = unit.vectorOpsPerCycle[dataType] {
                time += 2 * Double(work.macs) / (vector * cyclesPerUS * efficiency)
            } else {
                return .failure(NoThroughput(text: "\(unit.name) has no MAC or vector throughput for \(dataType.rawValue)"))
            }
        }
        if work.flops > 0 {
            if let vector = unit.vectorOpsPerCycle[dataType] {
                time += Double(work.flops) / (vector * cyclesPerUS * efficiency * vectorUtilisation)
            } else if let macs = unit.macsPerCycle[dataType] {
                time += Double(work.flops) / (macs * cyclesPerUS * efficiency * vectorUtilisation)
            } else {
                return .failure(NoThroughput(text: "\(unit.name) has no vector throughput for \(dataType.rawValue)"))
            }
        }
        return .success(time)
    }
}
