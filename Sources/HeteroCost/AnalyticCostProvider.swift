import Foundation
import HeteroIR
import HeteroPlatform

/// The analytic (roofline) model: dispatch overhead + max(compute time, memory time).
///
/// - Compute: MACs / (MACs per cycle for the data type × clock × the operator's efficiency); other
///   arithmetic on the vector throughput. A MAC operator on a unit with only vector throughput uses
///   two vector operations per MAC.
/// - Memory: bytes read and written / bandwidth of the memory the unit computes from, with bytes
///   scaled from the graph's element type to the unit's compute type (fp32 → int8 moves a quarter).
/// - Tiling: when the working set exceeds the unit's local memory, a unit that can tile splits the
///   output into `tiles` pieces and re-reads the weights for each; one that cannot tile refuses.
/// - Views (Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout at inference) move no data and
///   run anywhere at no cost: runtimes resolve them as metadata.
public struct AnalyticCostProvider: CostProvider {
    public let name = "analytic"

    public init() {}

    public func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform) -> OperatorCost? {
        let op = context.op
        if WorkFigures.viewTypes.contains(op.type) {
            return .fixed(0, bound: .view)
        }
        guard let support = unit.support(for: op.type) else {
            return .cannotRun("\(unit.name) does not support \(op.type)")
        }
        let elementType = context.inputs.compactMap { $0 }.first?.elementType ?? .float32
        guard let graphType = DataType(rawValue: elementType.rawValue) else {
            return .cannotRun("element type \(elementType.rawValue) has no platform data type")
        }
        let dataType = unit.computeType ?? graphType
        guard support.accepts(dataType) else {
            let accepted = support.dataTypes?.map(\.rawValue).joined(separator: ", ") ?? "any"
            return .cannotRun("\(op.type) on \(unit.name) accepts \(accepted), not \(dataType.rawValue)")
        }
        if let violation = Self.limitViolation(context, support.limits) {
            return .cannotRun(violation)
        }
        let work = op.work
        let efficiency = support.efficiency
        let cyclesPerUS = unit.clockMHz
        var computeUS = 0.0
        if work.macs > 0 {
            if let macs = unit.macsPerCycle[dataType] {
                computeUS += Double(work.macs) / (macs * cyclesPerUS * efficiency)
            } else if let vector = unit.vectorOpsPerCycle[dataType] {
                computeUS += 2 * Double(work.macs) / (vector * cyclesPerUS * efficiency)
            } else {
                return .cannotRun("\(unit.name) has no MAC or vector throughput for \(dataType.rawValue)")
            }
        }
        if work.flops > 0 {
            if let vector = unit.vectorOpsPerCycle[dataType] {
                computeUS += Double(work.flops) / (vector * cyclesPerUS * efficiency)
            } else if let macs = unit.macsPerCycle[dataType] {
                computeUS += Double(work.flops) / (macs * cyclesPerUS * efficiency)
            } else {
                return .cannotRun("\(unit.name) has no vector throughput for \(dataType.rawValue)")
            }
        }
        let scale = Double(ElementType(rawValue: dataType.rawValue)?.bits ?? elementType.bits) / Double(elementType.bits)
        let activationBytes = Double(work.activationBytesRead + work.bytesWritten) * scale
        let weightBytes = Double(work.weightBytesRead) * scale
        var tiles = 1
        if let localName = unit.localMemory, let local = platform.memory(named: localName), let capacity = local.capacityBytes {
            let workingSet = activationBytes + weightBytes
            if workingSet > Double(capacity) {
                guard unit.canTile else {
                    return .cannotRun(String(format: "working set %.0f bytes exceeds %@ (%d bytes) and %@ cannot tile",
                                             workingSet, localName, capacity, unit.name))
                }
                tiles = Int((workingSet / Double(capacity)).rounded(.up))
            }
        }
        let bytes = activationBytes + weightBytes * Double(tiles)
        guard let memory = platform.memory(named: unit.memory) else {
            return .cannotRun("unit memory \(unit.memory) is not on the platform")
        }
        let memoryUS = bytes / memory.bytesPerMicrosecond + (bytes > 0 ? memory.latencyUS : 0)
        let overheadUS = unit.commandPath.submitUS
        let busy = max(computeUS, memoryUS)
        let bound: OperatorCost.Bound = overheadUS > busy ? .overhead : (computeUS >= memoryUS ? .compute : .memory)
        var energy = bytes * (memory.pjPerByte ?? 0)
        if let energyModel = unit.energy {
            energy += Double(work.macs) * (energyModel.pjPerMAC[dataType] ?? 0)
            energy += Double(work.flops) * (energyModel.pjPerVectorOp[dataType] ?? 0)
        }
        return OperatorCost(timeUS: overheadUS + busy, computeUS: computeUS, memoryUS: memoryUS, overheadUS: overheadUS,
                            bound: bound, energyPJ: energy, bytes: Int(bytes.rounded()), tiles: tiles, reason: nil, fusedIn: nil)
    }

    /// Kernel, stride, dilation and channel limits of the unit for this operator.
    static func limitViolation(_ context: OperatorContext, _ limits: OperatorLimits) -> String? {
        let op = context.op
        var kernel = op.attributes["kernel_shape"]?.intsValue
        if kernel == nil, op.type == "Conv" || op.type == "ConvTranspose", let weights = context.inputs.count > 1 ? context.inputs[1]?.shape : nil {
            kernel = Array(weights.dropFirst(2))
        }
        if let maximum = limits.maxKernel, let kernel, let largest = kernel.max(), largest > maximum {
            return "kernel \(kernel.map(String.init).joined(separator: "x")) exceeds the maximum \(maximum)"
        }
        if let maximum = limits.maxStride, let strides = op.attributes["strides"]?.intsValue, let largest = strides.max(), largest > maximum {
            return "stride \(largest) exceeds the maximum \(maximum)"
        }
        if let maximum = limits.maxDilation, let dilations = op.attributes["dilations"]?.intsValue, let largest = dilations.max(), largest > maximum {
            return "dilation \(largest) exceeds the maximum \(maximum)"
        }
        if let maximum = limits.maxChannels {
            let channels = (context.inputs.first??.shape?.dropFirst().first).map { [$0] } ?? []
            let outputs = (context.outputs.first?.shape?.dropFirst().first).map { [$0] } ?? []
            if let largest = (channels + outputs).max(), largest > maximum {
                return "\(largest) channels exceed the maximum \(maximum)"
            }
        }
        return nil
    }
}
