/// The plan file (`hetero-plan/plan@1`): a versioned, self-contained description of a plan that
/// `hetero-plan simulate` can re-run. Keys follow classic-model.md (`summary.makespan_us`,
/// `summary.lower_bound_us`, per operator `name`, `unit`, `start_us`, `finish_us`).
///
/// The document is deterministic: the same inputs and options give byte-identical JSON. Wall-clock
/// timings break that, so they are written only on request (`timings` is absent otherwise).
public struct PlanDocument: Codable, Sendable, Equatable {
    public static let format = "hetero-plan/plan@1"

    public struct Summary: Codable, Sendable, Equatable {
        /// Predicted makespan; with the platform's contention on, operators and transfers share
        /// bandwidth in this prediction.
        public var makespanUS: Double
        public var lowerBoundUS: Double
        /// (makespan - lower bound) / makespan.
        public var gap: Double
        public var simulatedMakespanUS: Double?
        /// What the simulator measured (absent with `--no-simulate`).
        public var simulation: Simulation?
        /// Number of edges whose producer and consumer run on different units.
        public var unitSwitches: Int
        /// Maximal runs of consecutive operators (in topological order) on one unit.
        public var subgraphs: Int
        public var transfers: Int
        public var transferBytes: Int
        /// Energy of one inference (operators and transfers; no static power), microjoules.
        public var energyUJ: Double?
        /// Steady-state interval of pipelined inferences (busiest unit or link per inference).
        public var intervalUS: Double?

        enum CodingKeys: String, CodingKey {
            case makespanUS = "makespan_us"
            case lowerBoundUS = "lower_bound_us"
            case gap
            case simulatedMakespanUS = "simulated_makespan_us"
            case simulation
            case unitSwitches = "unit_switches"
            case subgraphs, transfers
            case transferBytes = "transfer_bytes"
            case energyUJ = "energy_uj"
            case intervalUS = "interval_us"
        }

        public init(makespanUS: Double, lowerBoundUS: Double, gap: Double, simulatedMakespanUS: Double? = nil, simulation: Simulation? = nil, unitSwitches: Int, subgraphs: Int, transfers: Int, transferBytes: Int, energyUJ: Double? = nil, intervalUS: Double? = nil) {
            self.makespanUS = makespanUS
            self.lowerBoundUS = lowerBoundUS
            self.gap = gap
            self.simulatedMakespanUS = simulatedMakespanUS
            self.simulation = simulation
            self.unitSwitches = unitSwitches
            self.subgraphs = subgraphs
            self.transfers = transfers
            self.transferBytes = transferBytes
            self.energyUJ = energyUJ
            self.intervalUS = intervalUS
        }
    }

    public struct Unit: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public var memory: String
        public var busyUS: Double
        public var busyPercent: Double
        public var operators: Int
        /// Subgraphs (submissions) that start on the unit (`CostTable.opensSubgraph`); absent in
        /// plans written before submissions were modelled.
        public var subgraphs: Int?
        /// The memory the unit reads its weights from when it is not `memory` (the platform's
        /// `weight_memory`); absent otherwise.
        public var weightMemory: String?

        enum CodingKeys: String, CodingKey {
            case name, kind, memory, operators, subgraphs
            case weightMemory = "weight_memory"
            case busyUS = "busy_us"
            case busyPercent = "busy_percent"
        }
        public init(name: String, kind: String, memory: String, busyUS: Double, busyPercent: Double, operators: Int, subgraphs: Int? = nil,
                    weightMemory: String? = nil) {
            self.name = name
            self.kind = kind
            self.memory = memory
            self.busyUS = busyUS
            self.busyPercent = busyPercent
            self.operators = operators
            self.subgraphs = subgraphs
            self.weightMemory = weightMemory
        }
    }

    public struct PlacedOperator: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        public var unit: String
        public var startUS: Double
        public var finishUS: Double

        enum CodingKeys: String, CodingKey {
            case name, type, unit
            case startUS = "start_us"
            case finishUS = "finish_us"
        }
        public init(name: String, type: String, unit: String, startUS: Double, finishUS: Double) {
            self.name = name
            self.type = type
            self.unit = unit
            self.startUS = startUS
            self.finishUS = finishUS
        }
    }

    /// A transfer with tensor, producer and units by name.
    public typealias Transfer = TransferRecord<String>

    public struct Memory: Codable, Sendable, Equatable {
        public var name: String
        public var capacityBytes: Int?
        public var peakBytes: Int
        public var lowerBoundBytes: Int

        enum CodingKeys: String, CodingKey {
            case name
            case capacityBytes = "capacity_bytes"
            case peakBytes = "peak_bytes"
            case lowerBoundBytes = "lower_bound_bytes"
        }
        public init(name: String, capacityBytes: Int? = nil, peakBytes: Int, lowerBoundBytes: Int) {
            self.name = name
            self.capacityBytes = capacityBytes
            self.peakBytes = peakBytes
            self.lowerBoundBytes = lowerBoundBytes
        }
    }

    /// A buffer with its tensor and memory by name.
    public typealias Buffer = BufferRecord<String>

    /// A memory-spill copy with tensor, memories and consumer by name, in the order the planner
    /// made them.
    public typealias SpillCopy = SpillRecord<String>

    public struct Timings: Codable, Sendable, Equatable {
        public var planningSeconds: Double
        public var solverSeconds: Double?

        public init(planningSeconds: Double, solverSeconds: Double?) {
            self.planningSeconds = planningSeconds
            self.solverSeconds = solverSeconds
        }

        enum CodingKeys: String, CodingKey {
            case planningSeconds = "planning_seconds"
            case solverSeconds = "solver_seconds"
        }
    }

    public var format: String = PlanDocument.format
    public var model: String
    /// The model file as given to `plan`, so that `simulate` can rebuild the problem without
    /// `--model`; with `inputShapes` and `profilePath`, absent when not known.
    public var modelPath: String?
    /// The `--input-shape` overrides (`NAME=d0,d1,...`) the model was loaded with.
    public var inputShapes: [String]?
    /// The measured-latency profile the costs came from.
    public var profilePath: String?
    public var platform: String
    public var strategy: String
    public var objective: String
    public var summary: Summary
    public var units: [Unit]
    public var operators: [PlacedOperator]
    public var transfers: [Transfer]
    public var memories: [Memory]
    public var buffers: [Buffer]
    public var spills: [Decision]
    /// The store and reload copies the memory spills make, in the order the planner made them.
    public var spillCopies: [SpillCopy]
    public var decisions: [Decision]
    /// Per unit with a program memory that runs kernels (AI Engine tiles): run-time ratio and
    /// program bytes (`UnitPacking`); absent on platforms without program memories.
    public var packing: [UnitPacking]?
    /// Layers split by output channels over several units (`LayerSplit`), in graph order; absent
    /// when none was split. The plan's operators are those of the split graph.
    public var layerSplits: [LayerSplit]?
    /// Reads of an activation delivered to several operators at once (`MulticastRead`); absent
    /// when there is none.
    public var multicasts: [MulticastRead]?
    /// Activations read in place on a neighbouring tile's shared data memory (`SharedHandOff`);
    /// absent when there is none.
    public var handOffs: [SharedHandOff]?
    /// Activations streamed in windows through a ping-pong buffer in a tile memory
    /// (`WindowedHandOff`); absent when there is none.
    public var windowedHandOffs: [WindowedHandOff]?
    /// Activations broadcast from their producer's tile to distant tiles over stream-switch
    /// routes (`StreamRoute`); absent when there is none.
    public var streamRoutes: [StreamRoute]?
    public var solver: SolverReport?
    public var timings: Timings?

    enum CodingKeys: String, CodingKey {
        case format, model, platform, strategy, objective, summary, units, operators, transfers, memories, buffers, spills, decisions,
             packing, multicasts, solver, timings
        case layerSplits = "layer_splits"
        case modelPath = "model_path"
        case inputShapes = "input_shapes"
        case profilePath = "profile_path"
        case spillCopies = "spill_copies"
        case handOffs = "shared_memory_hand_offs"
        case windowedHandOffs = "windowed_hand_offs"
        case streamRoutes = "stream_routes"
    }

    public init(format: String = PlanDocument.format, model: String, modelPath: String? = nil, inputShapes: [String]? = nil, profilePath: String? = nil, platform: String, strategy: String, objective: String, summary: Summary, units: [Unit], operators: [PlacedOperator], transfers: [Transfer], memories: [Memory], buffers: [Buffer], spills: [Decision], spillCopies: [SpillCopy], decisions: [Decision], solver: SolverReport? = nil, timings: Timings? = nil) {
        self.format = format
        self.model = model
        self.modelPath = modelPath
        self.inputShapes = inputShapes
        self.profilePath = profilePath
        self.platform = platform
        self.strategy = strategy
        self.objective = objective
        self.summary = summary
        self.units = units
        self.operators = operators
        self.transfers = transfers
        self.memories = memories
        self.buffers = buffers
        self.spills = spills
        self.spillCopies = spillCopies
        self.decisions = decisions
        self.solver = solver
        self.timings = timings
    }
}
