import HeteroIR
import HeteroPlatform

/// A windowed hand-off the plan lists (`windowed_hand_offs`): `tensor` lives in `memory` (its
/// producer's tile memory) only as a ping-pong buffer of `bufferBytes`, which the producer fills
/// window by window while its readers, on tiles addressing that memory, consume it. The simulator
/// judges it with its own window rule (`requiredBytes`), not the planner's.
public struct WindowedDelivery: Sendable, Hashable {
    public var tensor: Int
    public var memory: Int
    public var bufferBytes: Int

    public init(tensor: Int, memory: Int, bufferBytes: Int) {
        self.tensor = tensor
        self.memory = memory
        self.bufferBytes = bufferBytes
    }

    /// The input rows each output row of `op` needs from the tensor named `input`: the dilated
    /// kernel height of a convolution or pooling reading it as its data input, 1 for an operator
    /// working row by row; nil when `op` needs more (the whole tensor) or reads it otherwise.
    /// Sources: UG1079 window interfaces with a margin of the kernel's halo rows.
    static func rowsNeeded(by op: Operator, reading input: String, _ graph: Graph) -> Int? {
        let type = OperatorSupport.computedOperator[op.type] ?? op.type
        switch type {
        case "Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Add", "Sum", "Mul", "Sub", "BatchNormalization",
             "GlobalAveragePool", "GlobalMaxPool":
            return 1
        case "Concat":
            return op.attributes["axis"]?.intValue == 1 ? 1 : nil
        case "Conv", "MaxPool", "AveragePool":
            guard op.inputs.first == input else { return nil }
            let height: Int
            if let kernel = op.attributes["kernel_shape"]?.intsValue {
                guard kernel.count == 2 else { return nil }
                height = kernel[0]
            } else if op.inputs.count > 1, let weights = graph.tensorIndex[op.inputs[1]], let shape = graph.tensors[weights].shape, shape.count == 4 {
                height = shape[2]
            } else {
                return nil
            }
            let dilation = op.attributes["dilations"]?.intsValue?.first ?? 1
            guard height > 0, dilation > 0, height <= Int.max / dilation else { return nil }
            return dilation * (height - 1) + 1
        default:
            return nil
        }
    }

    /// Whether `op` writes its output in row order (so it can fill windows one after another).
    static func writesRows(_ op: Operator) -> Bool {
        switch OperatorSupport.computedOperator[op.type] ?? op.type {
        case "Conv", "MaxPool", "AveragePool", "Concat", "Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Add", "Sum",
             "Mul", "Sub", "BatchNormalization":
            true
        default:
            false
        }
    }

    /// The simulator's reckoning of the least bytes of the tensor's ping-pong buffer: two windows
    /// of the most rows any reader needs, every batch, channel and column (NCHW), in the type the
    /// producer's unit stores it (`ElementType.storedScale` with its compute width); nil when the
    /// tensor cannot stream in windows (not 4-D, a producer or reader that is not row-ordered).
    func requiredBytes(_ graph: Graph, producerComputeBits: Int?) -> (rows: Int, bytes: Int)? {
        let stored = graph.tensors[tensor]
        guard let shape = stored.shape, shape.count == 4, let producer = graph.producer[tensor],
              Self.writesRows(graph.operators[producer]) else { return nil }
        var rows = 0
        for reader in graph.consumers[tensor] {
            guard let needed = Self.rowsNeeded(by: graph.operators[reader], reading: stored.name, graph) else { return nil }
            rows = max(rows, needed)
        }
        guard rows > 0, let elements = SizeLimit.product([shape[0], shape[1], min(rows, shape[2]), shape[3]]) else { return nil }
        let window = stored.elementType.bytes(forElements: elements)
        let scale = stored.elementType.storedScale(computeBits: producerComputeBits)
        let scaled = scale == 1 ? window : Int((Double(window) * scale).rounded(.up))
        let (bytes, overflow) = scaled.multipliedReportingOverflow(by: 2)
        return overflow ? nil : (rows, bytes)
    }
}
