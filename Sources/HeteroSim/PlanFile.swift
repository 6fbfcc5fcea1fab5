import HeteroPlan
import HeteroSupport

/// The parts of a plan file (`hetero-plan/plan@1`) that the simulator executes, by name, with the
/// JSON path of each entry so that resolving names against a model and platform can point at
/// the offending line. Made either by `PlanFileReader` (a saved, maybe hand-edited file) or from
/// a `PlanDocument` in memory (the `plan` command).
public struct PlanFile: Sendable {
    public struct Operator: Sendable, Hashable {
        public var name: String
        public var unit: String
        public var startUS: Double
        public var finishUS: Double
        public var path: JSONPath
    }

    public struct Transfer: Sendable, Hashable {
        public var tensor: String
        public var producer: String
        public var fromUnit: String
        public var toUnit: String
        public var bytes: Int
        public var startUS: Double
        public var finishUS: Double
        public var path: JSONPath
    }

    public struct Copy: Sendable, Hashable {
        public var kind: String
        public var tensor: String
        public var fromMemory: String
        public var toMemory: String
        public var bytes: Int
        public var startUS: Double
        public var finishUS: Double
        public var consumer: String?
        public var path: JSONPath
    }

    public struct Buffer: Sendable, Hashable {
        public var tensor: String
        public var memory: String
        public var offset: Int
        public var bytes: Int
        public var startUS: Double
        public var endUS: Double
        public var path: JSONPath
    }

    /// The file name used in error messages.
    public var file: String
    /// The model's graph name.
    public var model: String
    public var modelPath: String?
    public var inputShapes: [String]
    public var profilePath: String?
    public var platform: String
    public var strategy: String?
    public var makespanUS: Double
    public var operators: [Operator]
    public var transfers: [Transfer]
    public var copies: [Copy]
    public var buffers: [Buffer]

    /// The plan the `plan` command just made, named `file` in messages.
    public init(document: PlanDocument, file: String = "(plan)") {
        self.file = file
        model = document.model
        modelPath = document.modelPath
        inputShapes = document.inputShapes ?? []
        profilePath = document.profilePath
        platform = document.platform
        strategy = document.strategy
        makespanUS = document.summary.makespanUS
        let root = JSONPath.root
        operators = document.operators.enumerated().map { index, op in
            Operator(name: op.name, unit: op.unit, startUS: op.startUS, finishUS: op.finishUS,
                     path: root.appending("operators").appending(index))
        }
        transfers = document.transfers.enumerated().map { index, transfer in
            Transfer(tensor: transfer.tensor, producer: transfer.producer, fromUnit: transfer.fromUnit, toUnit: transfer.toUnit,
                     bytes: transfer.bytes, startUS: transfer.startUS, finishUS: transfer.finishUS,
                     path: root.appending("transfers").appending(index))
        }
        copies = document.spillCopies.enumerated().map { index, copy in
            Copy(kind: copy.kind, tensor: copy.tensor, fromMemory: copy.fromMemory, toMemory: copy.toMemory, bytes: copy.bytes,
                 startUS: copy.startUS, finishUS: copy.finishUS, consumer: copy.consumer, path: root.appending("spill_copies").appending(index))
        }
        buffers = document.buffers.enumerated().map { index, buffer in
            Buffer(tensor: buffer.tensor, memory: buffer.memory, offset: buffer.offset, bytes: buffer.bytes,
                   startUS: buffer.startUS, endUS: buffer.endUS, path: root.appending("buffers").appending(index))
        }
    }

    init(file: String, model: String, modelPath: String?, inputShapes: [String], profilePath: String?, platform: String,
         strategy: String?, makespanUS: Double, operators: [Operator], transfers: [Transfer], copies: [Copy], buffers: [Buffer]) {
        self.file = file
        self.model = model
        self.modelPath = modelPath
        self.inputShapes = inputShapes
        self.profilePath = profilePath
        self.platform = platform
        self.strategy = strategy
        self.makespanUS = makespanUS
        self.operators = operators
        self.transfers = transfers
        self.copies = copies
        self.buffers = buffers
    }
}
