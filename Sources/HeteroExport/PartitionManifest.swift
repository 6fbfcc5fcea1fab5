import HeteroIR
import HeteroRecords

/// The manifest of an export (`hetero-plan/partition@1`): subgraph -> unit, execution order,
/// dependencies, and for every boundary tensor its shape, producer, the memories the plan keeps it
/// in and the transfers the plan makes of it.
public struct PartitionManifest: Codable, Sendable, Equatable {
    public static let format = "hetero-plan/partition@1"

    public struct Transfer: Codable, Sendable, Equatable {
        public var fromUnit: String
        public var toUnit: String
        public var bytes: Int

        enum CodingKeys: String, CodingKey {
            case bytes
            case fromUnit = "from_unit"
            case toUnit = "to_unit"
        }
    }

    public struct BoundaryTensor: Codable, Sendable, Equatable {
        public var name: String
        public var shape: [Int]?
        public var elementType: String
        public var bytes: Int
        /// The subgraph producing it; nil for a model input.
        public var producer: Int?
        /// Memories the plan allocates it in (its buffers, or for a view its alias root's), in plan order.
        public var memories: [String]
        /// The plan's transfers of the tensor between units.
        public var transfers: [Transfer]

        enum CodingKeys: String, CodingKey {
            case name, shape, bytes, producer, memories, transfers
            case elementType = "element_type"
        }
    }

    public struct Subgraph: Codable, Sendable, Equatable {
        public var index: Int
        public var name: String
        public var unit: String
        /// The ONNX file in the export directory (absent when no ONNX was written).
        public var file: String?
        public var operators: [String]
        public var dependencies: [Int]
        public var inputs: [String]
        public var outputs: [String]
    }

    public var format = PartitionManifest.format
    public var model: String
    public var platform: String
    public var strategy: String
    /// Subgraphs in execution order: running them one after another in this order is valid.
    public var subgraphs: [Subgraph]
    /// Every tensor crossing a subgraph boundary (model inputs included), in first-use order.
    public var tensors: [BoundaryTensor]
    public var modelInputs: [String]
    public var modelOutputs: [String]

    enum CodingKeys: String, CodingKey {
        case format, model, platform, strategy, subgraphs, tensors
        case modelInputs = "model_inputs"
        case modelOutputs = "model_outputs"
    }

    /// The manifest of `partition` of `plan`; `files` names each subgraph's ONNX file when written.
    public init(partition: Partition, plan: PlanDocument, files: [String]? = nil) {
        let graph = partition.graph
        model = plan.model
        platform = plan.platform
        strategy = plan.strategy
        subgraphs = partition.subgraphs.map { subgraph in
            Subgraph(index: subgraph.index, name: subgraph.name, unit: subgraph.unit, file: files?[subgraph.index],
                     operators: subgraph.operators.map { graph.operators[$0].name }, dependencies: subgraph.dependencies,
                     inputs: subgraph.inputs.map { graph.tensors[$0].name }, outputs: subgraph.outputs.map { graph.tensors[$0].name })
        }
        var order: [Int] = []
        var seen = Set<Int>()
        for subgraph in partition.subgraphs {
            for tensor in subgraph.inputs + subgraph.outputs where seen.insert(tensor).inserted { order.append(tensor) }
        }
        var memories: [String: [String]] = [:]
        for buffer in plan.buffers where !(memories[buffer.tensor]?.contains(buffer.memory) ?? false) { memories[buffer.tensor, default: []].append(buffer.memory) }
        var transfers: [String: [Transfer]] = [:]
        for transfer in plan.transfers {
            transfers[transfer.tensor, default: []].append(Transfer(fromUnit: transfer.fromUnit, toUnit: transfer.toUnit, bytes: transfer.bytes))
        }
        tensors = order.map { index in
            let tensor = graph.tensors[index]
            return BoundaryTensor(name: tensor.name, shape: tensor.shape, elementType: tensor.elementType.rawValue, bytes: tensor.byteSize,
                                  producer: graph.producer[index].map { partition.subgraphOf[$0] },
                                  memories: memories[tensor.name] ?? memories[graph.tensors[graph.aliasRoot[index]].name] ?? [],
                                  transfers: transfers[tensor.name] ?? [])
        }
        modelInputs = graph.inputs
        modelOutputs = graph.outputs
    }
}
