import HeteroCost
import HeteroIR
import HeteroPlatform

/// Windowed hand-offs for the throughput objective (issue 15): an activation too large for a
/// tile's data memory moves from its producer to its readers in windows of rows through a
/// ping-pong buffer in the producer's tile memory, which every reader's tile addresses (its own
/// or a neighbour's shared memory module), instead of the DDR4 round trip.
///
/// In the pipelined steady state an AI Engine graph's kernels run concurrently, each invocation
/// consuming one input window and producing one output window (UG1076/UG1079, window interfaces:
/// a kernel reads and writes lock-synchronised ping-pong buffers in tile data memory; AM009: a
/// tile's memory module is shared with its neighbours). The producer fills one half while the
/// readers consume the other, so only two windows are ever held, not the tensor.
///
/// The window is the smallest that keeps a reader computing: one output row of a reader needs
/// its kernel's height of input rows (with dilation, `(k - 1) × d + 1`; UG1079's window margin
/// carries the halo rows); a row-local reader (element-wise, channel Concat, global pooling, which
/// accumulates row by row) needs one. The window spans every channel and column of those rows
/// (`N × C × rows × W`, the tensor's NCHW layout); the buffer holds two of them in the producer's
/// stored type (`CostTable.storedBytes`). Assumptions: the producer emits whole rows in order (the
/// listed row-ordered operators do); the halo rows of a strided reader are within the second
/// window; a window's lock hand-over costs no time beyond the kernels' own (AM009: a lock
/// acquire/release is a few cycles against a kernel invocation's thousands); the single
/// inference the list scheduler and the simulator time stays store-and-forward, an upper bound on
/// the streamed one.
///
/// Only on platforms with shared tile memories and only for the throughput objective
/// (`CostTable.windowedStreaming`); only for an activation its own storage owner (not a view, no
/// view of it), 4-D with more rows than one window, written by a row-ordered producer and read only
/// by row-ordered readers. Whether a windowed tensor is kept on chip is `isResident`'s rule, with
/// the window buffer in place of the tensor in `fitsResidentMemory`.
struct WindowedStreaming: Sendable {
    /// `rows[tensor]`: the rows of one window (0: the tensor does not stream in windows); empty
    /// when windowed hand-offs are off.
    let rows: [Int]
    /// `smallestBufferBytes[memory][tensor]`: the window buffer's fewest bytes (two windows) on a
    /// unit keeping activations in `memory`, as `PlanProblem.smallestStoredBytes`; empty rows for
    /// memories no unit keeps activations in.
    let smallestBufferBytes: [[Int]]

    static let none = WindowedStreaming(rows: [], smallestBufferBytes: [])

    /// Operators that produce their output row by row in order, and may hand it on in windows.
    static let rowOrderedProducers: Set<String> = [
        "Conv", "MaxPool", "AveragePool", "Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Add", "Sum",
        "Mul", "Sub", "BatchNormalization", "Concat",
    ]
    /// Readers that need only `kernel height` input rows per output row.
    static let kernelReaders: Set<String> = ["Conv", "MaxPool", "AveragePool"]
    /// Readers that need one input row per output row (or accumulate row by row).
    static let rowLocalReaders: Set<String> = [
        "Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Add", "Sum", "Mul", "Sub", "BatchNormalization",
        "Concat", "GlobalAveragePool", "GlobalMaxPool",
    ]

    private init(rows: [Int], smallestBufferBytes: [[Int]]) {
        self.rows = rows
        self.smallestBufferBytes = smallestBufferBytes
    }

    init(_ graph: Graph, _ costs: CostTable, representatives: [[Int]]) {
        guard costs.windowedStreaming, costs.hasSharedMemories else { self = .none; return }
        var viewed = [Bool](repeating: false, count: graph.tensors.count)
        for tensor in graph.tensors.indices where graph.aliasRoot[tensor] != tensor { viewed[graph.aliasRoot[tensor]] = true }
        let rows = graph.tensors.indices.map { tensor in
            viewed[tensor] || graph.aliasRoot[tensor] != tensor ? 0 : Self.windowRows(tensor, graph)
        }
        var smallest = [[Int]](repeating: [], count: costs.memoryNames.count)
        for memory in smallest.indices where !representatives[memory].isEmpty {
            smallest[memory] = graph.tensors.indices.map { tensor in
                guard rows[tensor] > 0, let window = Self.window(graph.tensors[tensor], rows: rows[tensor]) else { return 0 }
                return representatives[memory].map { Self.bufferBytes(window, on: $0, costs) }.min()!
            }
        }
        self.init(rows: rows, smallestBufferBytes: smallest)
    }

    /// The rows of one window of `tensor` (0 when it cannot stream in windows): the most any
    /// reader needs per output row.
    static func windowRows(_ tensor: Int, _ graph: Graph) -> Int {
        let stored = graph.tensors[tensor]
        guard stored.kind == .activation, let shape = stored.shape, shape.count == 4, shape.allSatisfy({ $0 > 0 }),
              let producer = graph.producer[tensor], rowOrderedProducers.contains(type(of: graph.operators[producer])),
              !graph.consumers[tensor].isEmpty else { return 0 }
        var rows = 1
        for reader in graph.consumers[tensor] {
            let op = graph.operators[reader]
            let kind = type(of: op)
            if kind == "Concat" && (op.attributes["axis"]?.intValue ?? 0) != 1 { return 0 }
            if rowLocalReaders.contains(kind) { continue }
            guard kernelReaders.contains(kind), op.inputs.first == stored.name,
                  let height = kernelHeight(op, graph) else { return 0 }
            rows = max(rows, height)
        }
        // A window of the whole height is the tensor: nothing to stream.
        return rows < shape[2] ? rows : 0
    }

    /// A reader's input rows per output row: its kernel's height, dilated.
    private static func kernelHeight(_ op: Operator, _ graph: Graph) -> Int? {
        var kernel = op.attributes["kernel_shape"]?.intsValue
        if kernel == nil, op.inputs.count > 1, let weights = graph.tensorIndex[op.inputs[1]], let shape = graph.tensors[weights].shape,
           shape.count == 4 {
            kernel = Array(shape[2...])
        }
        guard let kernel, kernel.count == 2, kernel[0] > 0 else { return nil }
        let dilation = op.attributes["dilations"]?.intsValue?.first ?? 1
        guard dilation > 0 else { return nil }
        let (span, overflow) = (kernel[0] - 1).multipliedReportingOverflow(by: dilation)
        return overflow ? nil : span + 1
    }

    private static func type(of op: Operator) -> String { OperatorSupport.computedOperator[op.type] ?? op.type }

    /// One window of `tensor`: its shape with `rows` rows (N, C, rows, W), same name and type.
    static func window(_ tensor: Tensor, rows: Int) -> Tensor? {
        guard var shape = tensor.shape, shape.count == 4 else { return nil }
        shape[2] = rows
        return Tensor(name: tensor.name, shape: shape, elementType: tensor.elementType, kind: tensor.kind)
    }

    /// The ping-pong buffer's bytes: two windows as `unit` stores them (`Int.max` on overflow).
    static func bufferBytes(_ window: Tensor, on unit: Int, _ costs: CostTable) -> Int {
        let (bytes, overflow) = costs.storedBytes(window, on: unit).multipliedReportingOverflow(by: 2)
        return overflow ? Int.max : bytes
    }
}
