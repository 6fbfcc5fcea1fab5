/// One unit that executes operators: a CPU cluster, a DSP, a DLA.
///
/// Peak rates are `macsPerCycle[type] * clockMHz * 1e6` MAC/s and likewise for vector
/// operations; an operator reaches `efficiency` times that (see `OperatorSupport`).
public struct ProcessingUnit: Sendable, Hashable {
    public var name: String
    public var kind: UnitKind
    public var clockMHz: Double
    /// The data type the unit computes in (tensors are converted to it); `nil` means it computes
    /// in the tensors' own type.
    public var computeType: DataType?
    /// Multiply-accumulates per cycle, by data type; empty when the unit has no MAC array.
    public var macsPerCycle: DataTypeTable
    /// Element-wise (non-MAC) operations per cycle, by data type.
    public var vectorOpsPerCycle: DataTypeTable
    /// The memory the unit reads its inputs from and writes its outputs to.
    public var memory: String
    /// The memory the unit reads its constant operands (weights, initializers) from, when not
    /// `memory`: an AI Engine tile whose feature maps come from PL memory over PLIO while its
    /// weights come from DDR4 over the NoC. `nil`: weights come from `memory` too. The one answer
    /// to "where does this unit read its weights": the cost model (`StreamPath.weights`), the
    /// cost table (`unitWeightMemory`) and the simulator each read this field.
    public var weightMemory: String?
    /// A small memory the unit stages working sets in (CBUF, CMX, TCM), distinct from `memory`.
    public var localMemory: String?
    /// An on-chip memory (CMX, VTCM, NVDLA's SRAM, AI Engine data memory) where activations the unit
    /// produces may stay for consumers that share it, instead of going to `memory`. Which ones stay
    /// is a planning decision (the memory's capacity holds at every instant); the rest live in
    /// `memory`. `nil` when the unit has none.
    public var residentMemory: String?
    /// Whether the unit can split a working set larger than its local memory into tiles; when
    /// false such an operator cannot run on the unit.
    public var canTile: Bool
    /// How the MAC array runs a grouped (depthwise) convolution; `nil`: at its full rate.
    public var groupedConvolution: GroupedConvolution?
    /// The channel multiple some operators' activations are padded to (`ChannelAlignment`);
    /// `nil`: every operator runs on its real channel counts.
    public var channelAlignment: ChannelAlignment?
    /// Bytes of program memory for the kernels placed on the unit (an AI Engine tile's 16 KB), or
    /// nil when kernel programs do not limit what the unit runs. With it, every operator the
    /// unit supports declares its kernel's `programBytes`, and a plan's operators on the unit
    /// must fit together (`programBytes(for:)`: each operator is one kernel with its own program).
    public var programMemoryBytes: Int?
    /// The stream switch broadcast that serves several of the unit's peers with one read of
    /// `memory` (`Multicast`); nil when every operator reads its operands alone.
    public var multicast: Multicast?
    /// The unit's place in an array's stream-switch mesh and its stream ports (`StreamSwitch`);
    /// nil for a unit outside an array with `stream_switch`.
    public var streamSwitch: StreamSwitch?
    public var commandPath: CommandPath
    /// Supported operator types, keyed by operator type (`"*"` for the wildcard entry).
    public var operators: [String: OperatorSupport]
    public var fusionPatterns: [FusionPattern]
    public var energy: EnergyModel?
    public var source: SourceNotes?

    public init(name: String, kind: UnitKind, clockMHz: Double, computeType: DataType? = nil,
                macsPerCycle: DataTypeTable = DataTypeTable(), vectorOpsPerCycle: DataTypeTable = DataTypeTable(),
                memory: String, weightMemory: String? = nil, localMemory: String? = nil, residentMemory: String? = nil, canTile: Bool = true, groupedConvolution: GroupedConvolution? = nil, channelAlignment: ChannelAlignment? = nil, programMemoryBytes: Int? = nil,
                multicast: Multicast? = nil, commandPath: CommandPath = .free, operators: [String: OperatorSupport], fusionPatterns: [FusionPattern] = [], energy: EnergyModel? = nil,
                source: SourceNotes? = nil) {
        self.name = name
        self.kind = kind
        self.clockMHz = clockMHz
        self.computeType = computeType
        self.macsPerCycle = macsPerCycle
        self.vectorOpsPerCycle = vectorOpsPerCycle
        self.memory = memory
        self.weightMemory = weightMemory
        self.localMemory = localMemory
        self.residentMemory = residentMemory
        self.canTile = canTile
        self.groupedConvolution = groupedConvolution
        self.channelAlignment = channelAlignment
        self.programMemoryBytes = programMemoryBytes
        self.multicast = multicast
        self.commandPath = commandPath
        self.operators = operators
        self.fusionPatterns = fusionPatterns
        self.energy = energy
        self.source = source
    }

    /// The entry for `operatorType`; for an ONNX Runtime kernel of a standard operator
    /// (`OperatorSupport.computedOperator`: QLinearConv, FusedMatMul, MatMulNBits, ...) the entry
    /// of that operator; else the `"*"` entry; `nil` when the unit cannot run it.
    public func support(for operatorType: String) -> OperatorSupport? {
        if let own = operators[operatorType] { return own }
        if let computed = OperatorSupport.computedOperator[operatorType], let entry = operators[computed] { return entry }
        return operators[OperatorSupport.wildcard]
    }

    /// Program bytes an operator of `operatorType` takes on the unit: its support entry's
    /// `programBytes` when the unit has a program memory, else 0 (also when it cannot run it).
    public func programBytes(for operatorType: String) -> Int {
        guard programMemoryBytes != nil else { return 0 }
        return support(for: operatorType)?.programBytes ?? 0
    }

    /// Peak multiply-accumulates per second for `type`, or `nil` when the unit has no figure.
    public func peakMACsPerSecond(_ type: DataType) -> Double? {
        macsPerCycle[type].map { $0 * clockMHz * 1e6 }
    }

    /// Peak vector operations per second for `type`, or `nil` when the unit has no figure.
    public func peakVectorOpsPerSecond(_ type: DataType) -> Double? {
        vectorOpsPerCycle[type].map { $0 * clockMHz * 1e6 }
    }

    /// The fusion patterns whose chain starts with `operatorType`.
    public func fusionPatterns(startingWith operatorType: String) -> [FusionPattern] {
        fusionPatterns.filter { $0.operators.first == operatorType }
    }
}

extension ProcessingUnit: Encodable {
    enum CodingKeys: String, CodingKey {
        case name, kind, memory, operators, fusion, energy, source
        case clockMHz = "clock_mhz"
        case computeType = "compute_type"
        case macsPerCycle = "macs_per_cycle"
        case vectorOpsPerCycle = "vector_ops_per_cycle"
        case weightMemory = "weight_memory"
        case localMemory = "local_memory"
        case residentMemory = "resident_memory"
        case canTile = "can_tile"
        case groupedConvolution = "grouped_convolution"
        case channelAlignment = "channel_alignment"
        case programMemoryBytes = "program_memory_bytes"
        case multicast
        case streamSwitch = "stream_switch"
        case commandPath = "command_path"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(name, forKey: .name)
        try keyed.encode(kind, forKey: .kind)
        try keyed.encode(clockMHz, forKey: .clockMHz)
        try keyed.encodeIfPresent(computeType, forKey: .computeType)
        if !macsPerCycle.isEmpty { try keyed.encode(macsPerCycle, forKey: .macsPerCycle) }
        if !vectorOpsPerCycle.isEmpty { try keyed.encode(vectorOpsPerCycle, forKey: .vectorOpsPerCycle) }
        try keyed.encode(memory, forKey: .memory)
        try keyed.encodeIfPresent(weightMemory, forKey: .weightMemory)
        try keyed.encodeIfPresent(localMemory, forKey: .localMemory)
        try keyed.encodeIfPresent(residentMemory, forKey: .residentMemory)
        try keyed.encode(canTile, forKey: .canTile)
        try keyed.encodeIfPresent(groupedConvolution, forKey: .groupedConvolution)
        try keyed.encodeIfPresent(channelAlignment, forKey: .channelAlignment)
        try keyed.encodeIfPresent(programMemoryBytes, forKey: .programMemoryBytes)
        try keyed.encodeIfPresent(multicast, forKey: .multicast)
        try keyed.encodeIfPresent(streamSwitch, forKey: .streamSwitch)
        try keyed.encode(commandPath, forKey: .commandPath)
        try keyed.encode(operators, forKey: .operators)
        if !fusionPatterns.isEmpty { try keyed.encode(fusionPatterns, forKey: .fusion) }
        try keyed.encodeIfPresent(energy, forKey: .energy)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
