import HeteroIR
import XCTest

/// `Graph.splittingChannels`: a Conv > BatchNormalization > Relu chain split by output channels
/// into slices that are real operators (their own weights, MACs and bytes), joined by a Concat
/// into the original output; refusals name the operator.
final class ChannelSplitTests: XCTestCase {
    /// x[1,3,8,8] -> Conv(7 output channels, 3x3, pads 1) -> BN -> Relu -> Add(with x2) -> out.
    func makeGraph() throws -> Graph {
        func activation(_ name: String, _ shape: [Int], _ kind: TensorKind = .activation) -> Tensor {
            Tensor(name: name, shape: shape, elementType: .float32, kind: kind)
        }
        let tensors = [activation("x", [1, 3, 8, 8], .input), activation("x2", [1, 7, 8, 8], .input),
                       activation("w", [7, 3, 3, 3], .constant), activation("b", [7], .constant),
                       activation("scale", [7], .constant), activation("shift", [7], .constant),
                       activation("mean", [7], .constant), activation("var", [7], .constant),
                       activation("y", [1, 7, 8, 8]), activation("z", [1, 7, 8, 8]), activation("r", [1, 7, 8, 8]),
                       activation("out", [1, 7, 8, 8])]
        var operators = [
            Operator(name: "conv", type: "Conv", attributes: ["pads": .ints([1, 1, 1, 1]), "kernel_shape": .ints([3, 3])],
                     inputs: ["x", "w", "b"], outputs: ["y"]),
            Operator(name: "bn", type: "BatchNormalization", inputs: ["y", "scale", "shift", "mean", "var"], outputs: ["z"]),
            Operator(name: "relu", type: "Relu", inputs: ["z"], outputs: ["r"]),
            Operator(name: "add", type: "Add", inputs: ["r", "x2"], outputs: ["out"]),
        ]
        let byName = Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0) })
        for index in operators.indices {
            operators[index].work = try WorkFigures.work(of: operators[index], inputs: operators[index].inputs.map { byName[$0] },
                                                         outputs: operators[index].outputs.map { byName[$0]! })
        }
        return try Graph(name: "g", tensors: tensors, operators: operators, inputs: ["x", "x2"], outputs: ["out"])
    }

    func testSlicesCarryTheirShareOfTheWorkAndJoinIntoTheOriginalOutput() throws {
        let graph = try makeGraph()
        let conv = graph.operatorIndex["conv"]!
        XCTAssertNil(graph.channelSplitRefusal(conv))
        XCTAssertEqual(graph.channelSplitFollowers(conv).map { graph.operators[$0].name }, ["bn", "relu"])
        let (split, records) = try graph.splittingChannels([("conv", 3)])
        XCTAssertEqual(records, [ChannelSplit(head: "conv", followers: ["bn", "relu"], channels: [2, 2, 3],
                                              slices: [["conv/slice0", "bn/slice0", "relu/slice0"], ["conv/slice1", "bn/slice1", "relu/slice1"],
                                                       ["conv/slice2", "bn/slice2", "relu/slice2"]],
                                              join: "r/join")])
        XCTAssertNil(split.operatorIndex["conv"])
        XCTAssertNil(split.tensorIndex["y"], "the unsplit intermediate tensors are gone")
        XCTAssertNil(split.tensorIndex["w"], "the unsplit weights are gone")
        // Each slice's MACs and weights are its channels' share; together they are the layer's.
        let original = graph.operators[conv].work
        let slices = (0..<3).map { split.operators[split.operatorIndex["conv/slice\($0)"]!] }
        XCTAssertEqual(slices.map(\.work.macs), [2, 2, 3].map { original.macs / 7 * $0 })
        XCTAssertEqual(slices.map(\.work.macs).reduce(0, +), original.macs)
        XCTAssertEqual(slices.map(\.work.weightBytesRead).reduce(0, +), original.weightBytesRead)
        XCTAssertEqual(split.tensors[split.tensorIndex["w/slice2"]!].shape, [3, 3, 3, 3])
        XCTAssertEqual(split.tensors[split.tensorIndex["mean/slice1"]!].shape, [2])
        // Every slice reads the whole input (broadcast).
        XCTAssertTrue(slices.allSatisfy { $0.inputs[0] == "x" && $0.work.activationBytesRead == original.activationBytesRead })
        let join = split.operators[split.operatorIndex["r/join"]!]
        XCTAssertEqual(join.type, "Concat")
        XCTAssertEqual(join.inputs, ["r/slice0", "r/slice1", "r/slice2"])
        XCTAssertEqual(join.outputs, ["r"])
        XCTAssertEqual(split.operators[split.producer[split.tensorIndex["r"]!]!].name, "r/join")
        XCTAssertEqual(split.consumers[split.tensorIndex["r"]!].map { split.operators[$0].name }, ["add"])
        XCTAssertEqual(split.operators.count, 3 * 3 + 1 + 1)
    }

    func testRefusalsNameTheOperator() throws {
        let graph = try makeGraph()
        XCTAssertThrowsError(try graph.splittingChannels([("add", 2)])) { error in
            XCTAssertEqual((error as? ChannelSplitError)?.description, "Add \"add\" cannot be split by output channels: only Conv is split, not Add")
        }
        XCTAssertThrowsError(try graph.splittingChannels([("conv", 8)])) { error in
            XCTAssertEqual((error as? ChannelSplitError)?.description, "Conv \"conv\" cannot be split into 8 slices: expected 2 to 7 (its output channels)")
        }
        XCTAssertThrowsError(try graph.splittingChannels([("nothing", 2)])) { error in
            XCTAssertEqual((error as? ChannelSplitError)?.description, "operator \"nothing\" to split is not in the model")
        }
    }
}
