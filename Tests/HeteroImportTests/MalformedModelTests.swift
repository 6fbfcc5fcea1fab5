import Foundation
import HeteroImport
import HeteroIR
import TestSupport
import XCTest

/// Every malformed model is rejected with a message that names the problem; none crashes.
final class MalformedModelTests: XCTestCase {
    var files: TemporaryDirectory!

    override func setUpWithError() throws {
        files = try makeTemporaryDirectory()
    }

    private func expectError(_ file: String, bytes: [UInt8], inputShapes: [String: [Int]] = [:], contains fragments: [String],
                             line: UInt = #line) {
        let path: String
        do { path = try files.write(file, bytes: bytes) } catch { return XCTFail("cannot write \(file): \(error)", line: line) }
        do {
            let graph = try ModelLoader.load(path: path, inputShapes: inputShapes)
            XCTFail("\(file) loaded \(graph.operators.count) operators; expected an error", line: line)
        } catch {
            let message = error.description
            XCTAssertTrue(message.hasPrefix(path) || message.contains(path), "message does not name the file: \(message)", line: line)
            for fragment in fragments {
                XCTAssertTrue(message.contains(fragment), "\(file): \"\(message)\" lacks \"\(fragment)\"", line: line)
            }
        }
    }

    private func expectError(_ file: String, _ text: String, contains fragments: [String], line: UInt = #line) {
        expectError(file, bytes: Array(text.utf8), contains: fragments, line: line)
    }

    // MARK: ONNX

    func testEmptyAndBlankFiles() {
        expectError("empty.onnx", bytes: [], contains: ["the file is empty"])
        expectError("blank.json", "  \n\t ", contains: ["the file is empty"])
    }

    func testTruncatedONNX() throws {
        let bytes = try TextFile_readBytes(Repository.model("light_resnet50.onnx"))
        expectError("truncated.onnx", bytes: Array(bytes.prefix(bytes.count / 2)), contains: ["not a valid ONNX model"])
    }

    func testRandomBytes() {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        expectError("random.onnx", bytes: bytes, contains: ["ONNX"])
    }

    func testCyclicONNXGraph() {
        var fixture = ONNXFixture()
        fixture.input("x", [1, 4])
        fixture.node("Add", ["x", "c"], ["a"], name: "first")
        fixture.node("Relu", ["a"], ["b"], name: "second")
        fixture.node("Relu", ["b"], ["c"], name: "third")
        fixture.output("c")
        expectError("cycle.onnx", bytes: fixture.bytes(), contains: ["cycle", "\"first\"", "\"second\"", "\"third\""])
    }

    func testUnknownOperator() {
        var fixture = ONNXFixture.convRelu()
        fixture.node("FrobnicateV2", ["z"], ["q"], name: "mystery")
        fixture.output("q")
        expectError("unknown-op.onnx", bytes: fixture.bytes(), contains: ["\"FrobnicateV2\"", "\"mystery\"", "no shape rule"])
    }

    func testDynamicDimensionWithoutInputShape() {
        let fixture = ONNXFixture.convRelu(batch: "N")
        expectError("dynamic.onnx", bytes: fixture.bytes(), contains: ["input \"x\"", "\"N\"", "--input-shape"])
    }

    func testDynamicDimensionResolvedByInputShape() throws {
        let path = try files.write("dynamic-ok.onnx", bytes: ONNXFixture.convRelu(batch: "N").bytes())
        let graph = try ModelLoader.load(path: path, inputShapes: ["x": [2, 3, 8, 8]])
        XCTAssertEqual(graph.tensor(named: "z")?.shape, [2, 4, 8, 8])
        XCTAssertEqual(graph.totalWork.macs, 2 * 4 * 8 * 8 * 3 * 9)
    }

    func testInputShapeForUnknownInput() {
        expectError("unknown-input.onnx", bytes: ONNXFixture.convRelu().bytes(), inputShapes: ["image": [1, 3, 8, 8]],
                    contains: ["\"image\"", "not a graph input", "x"])
    }

    func testInputShapeWithWrongRank() {
        expectError("rank.onnx", bytes: ONNXFixture.convRelu(batch: "N").bytes(), inputShapes: ["x": [1, 3, 8]],
                    contains: ["rank 3", "N, 3, 8, 8"])
    }

    func testUnsupportedOpset() {
        var fixture = ONNXFixture(opset: 5)
        fixture.input("x", [1, 4])
        fixture.node("Relu", ["x"], ["y"])
        fixture.output("y")
        expectError("opset5.onnx", bytes: fixture.bytes(), contains: ["opset 5", "7-28"])
    }

    func testCustomDomain() {
        var fixture = ONNXFixture.convRelu()
        fixture.node("Gelu", ["z"], ["g"], name: "vendor", domain: "com.vendor")
        expectError("domain.onnx", bytes: fixture.bytes(), contains: ["\"vendor\"", "com.vendor"])
    }

    func testChannelMismatch() {
        var fixture = ONNXFixture()
        fixture.input("x", [1, 5, 8, 8])
        fixture.weight("w", [4, 3, 3, 3])
        fixture.node("Conv", ["x", "w"], ["y"], name: "bad-conv")
        fixture.output("y")
        expectError("channels.onnx", bytes: fixture.bytes(), contains: ["Conv \"bad-conv\"", "3 input channels", "input has 5"])
    }

    func testReadOfUnknownTensor() {
        var fixture = ONNXFixture.convRelu()
        fixture.node("Add", ["z", "ghost"], ["s"], name: "adder")
        expectError("ghost.onnx", bytes: fixture.bytes(), contains: ["\"adder\"", "\"ghost\""])
    }

    func testReshapeWithImpossibleTarget() {
        var fixture = ONNXFixture.convRelu()
        fixture.ints("target", [7, -1])
        fixture.node("Reshape", ["z", "target"], ["r"], name: "reshape")
        fixture.output("r")
        expectError("reshape.onnx", bytes: fixture.bytes(), contains: ["Reshape \"reshape\"", "cannot reshape"])
    }

    func testNoNodes() {
        var fixture = ONNXFixture()
        fixture.input("x", [1, 4])
        expectError("nonodes.onnx", bytes: fixture.bytes(), contains: ["no graph or no nodes"])
    }

    // MARK: JSON documents

    func testInvalidJSON() {
        expectError("syntax.json", "{\"format\": \"hetero-plan/taskgraph@1\", \"tasks\": [}", contains: ["invalid JSON at line 1"])
    }

    func testJSONWithoutFormat() {
        expectError("noformat.json", "{\"tasks\": []}", contains: ["format", "missing"])
    }

    func testJSONWithUnknownFormat() {
        expectError("otherformat.json", "{\"format\": \"onnx/json\"}", contains: ["unknown format \"onnx/json\""])
    }

    static func taskGraph(tasks: String, edges: String = "[]") -> String {
        "{\"format\": \"hetero-plan/taskgraph@1\", \"tasks\": \(tasks), \"edges\": \(edges)}"
    }

    func testDuplicateTaskNames() {
        expectError("dup.json", Self.taskGraph(tasks: "[{\"name\": \"t0\", \"cost_us\": {\"u0\": 1}}, {\"name\": \"t0\", \"cost_us\": {\"u0\": 2}}]"),
                    contains: ["tasks[1].name", "duplicate task name \"t0\""])
    }

    func testCyclicTaskEdges() {
        let tasks = "[{\"name\": \"a\", \"cost_us\": {\"u0\": 1}}, {\"name\": \"b\", \"cost_us\": {\"u0\": 1}}]"
        let edges = "[{\"from\": \"a\", \"to\": \"b\", \"bytes\": 1}, {\"from\": \"b\", \"to\": \"a\", \"bytes\": 1}]"
        expectError("cycle.json", Self.taskGraph(tasks: tasks, edges: edges), contains: ["edges", "cycle", "\"a\"", "\"b\""])
    }

    func testDanglingTaskEdge() {
        let edges = "[{\"from\": \"a\", \"to\": \"zz\", \"bytes\": 1}]"
        expectError("dangling.json", Self.taskGraph(tasks: "[{\"name\": \"a\", \"cost_us\": {\"u0\": 1}}]", edges: edges),
                    contains: ["edges[0].to", "unknown task \"zz\""])
    }

    func testNegativeTaskCost() {
        expectError("negative.json", Self.taskGraph(tasks: "[{\"name\": \"a\", \"cost_us\": {\"u0\": -3}}]"),
                    contains: ["tasks[0].cost_us.u0", "must be zero or positive, found -3"])
    }

    func testTaskCostOfWrongType() {
        expectError("type.json", Self.taskGraph(tasks: "[{\"name\": \"a\", \"cost_us\": {\"u0\": \"fast\"}}]"),
                    contains: ["tasks[0].cost_us.u0", "expected a number, found a string"])
    }

    func testUnknownKeyInTask() {
        expectError("key.json", Self.taskGraph(tasks: "[{\"name\": \"a\", \"cost_us\": {\"u0\": 1}, \"costs\": 2}]"),
                    contains: ["tasks[0].costs", "unknown key \"costs\"", "did you mean \"cost_us\""])
    }

    func testTaskNoUnitCanRun() {
        expectError("nounit.json", Self.taskGraph(tasks: "[{\"name\": \"lonely\", \"cost_us\": {\"u0\": null}}]"),
                    contains: ["tasks[0].cost_us", "no unit can run task \"lonely\""])
    }

    func testEmptyTaskList() {
        expectError("notasks.json", Self.taskGraph(tasks: "[]"), contains: ["tasks", "at least one task"])
    }

    func testAllTaskProblemsReportedTogether() {
        let tasks = "[{\"name\": \"a\", \"cost_us\": {\"u0\": -1}}, {\"name\": 5, \"cost_us\": {\"u0\": 1}}]"
        expectError("many.json", Self.taskGraph(tasks: tasks), contains: ["2 problems", "tasks[0].cost_us.u0", "tasks[1].name"])
    }

    static func tensorGraph(_ operators: String, constants: String = "[]", outputs: String = "[\"y\"]") -> String {
        """
        {"format": "hetero-plan/graph@1", "inputs": [{"name": "x", "shape": [1, 3, 8, 8]}],
         "constants": \(constants), "operators": \(operators), "outputs": \(outputs)}
        """
    }

    func testTensorGraphUnknownOperatorWithoutShapes() {
        expectError("g-unknown.json", Self.tensorGraph("[{\"name\": \"m\", \"type\": \"Mystery\", \"inputs\": [\"x\"], \"outputs\": [\"y\"]}]"),
                    contains: ["operators[0]", "\"Mystery\"", "no shape rule"])
    }

    func testTensorGraphDeclaredShapeMismatch() {
        let op = "[{\"name\": \"r\", \"type\": \"Relu\", \"inputs\": [\"x\"], \"outputs\": [\"y\"], \"output_shapes\": [[1, 3, 4, 4]]}]"
        expectError("g-shape.json", Self.tensorGraph(op), contains: ["operators[0].output_shapes", "[[1, 3, 8, 8]]"])
    }

    func testTensorGraphUnknownTensor() {
        let op = "[{\"name\": \"a\", \"type\": \"Add\", \"inputs\": [\"x\", \"bias\"], \"outputs\": [\"y\"]}]"
        expectError("g-tensor.json", Self.tensorGraph(op), contains: ["operators[0].inputs[1]", "\"bias\""])
    }

    func testTensorGraphDuplicateTensor() {
        let op = "[{\"name\": \"r\", \"type\": \"Relu\", \"inputs\": [\"x\"], \"outputs\": [\"x\"]}]"
        expectError("g-dup.json", Self.tensorGraph(op, outputs: "[\"x\"]"), contains: ["operators[0].outputs[0]", "\"x\" is defined more than once"])
    }

    func testTensorGraphNegativeDimension() {
        expectError("g-dim.json", Self.tensorGraph("[]", constants: "[{\"name\": \"w\", \"shape\": [4, -3]}]"),
                    contains: ["constants[0].shape[1]", "non-negative whole number"])
    }

    func testTensorGraphUnknownElementType() {
        expectError("g-type.json", Self.tensorGraph("[]", constants: "[{\"name\": \"w\", \"shape\": [4], \"type\": \"float8\"}]"),
                    contains: ["constants[0].type", "unknown element type \"float8\""])
    }

    func testTopLevelArray() {
        expectError("array.json", "[1, 2]", contains: ["ONNX"])
    }

    func testTensorGraphLoads() throws {
        let ops = """
            [{"name": "conv", "type": "Conv", "inputs": ["x", "w"], "outputs": ["c"], "attributes": {"pads": [1, 1, 1, 1]}},
             {"name": "relu", "type": "Relu", "inputs": ["c"], "outputs": ["y"], "output_shapes": [[1, 4, 8, 8]]}]
            """
        let path = try files.write("g-ok.json", Self.tensorGraph(ops, constants: "[{\"name\": \"w\", \"shape\": [4, 3, 3, 3]}]"))
        let graph = try ModelLoader.load(path: path)
        XCTAssertEqual(graph.operators.map(\.name), ["conv", "relu"])
        XCTAssertEqual(graph.totalWork.macs, 4 * 8 * 8 * 3 * 9)
        XCTAssertEqual(graph.totalWork.weightBytesRead, 4 * 3 * 9 * 4)
    }

    func testTaskGraphLoads() throws {
        let tasks = "[{\"name\": \"a\", \"cost_us\": {\"u0\": 1, \"u1\": null}}, {\"name\": \"b\", \"cost_us\": {\"u1\": 2.5}}]"
        let path = try files.write("t-ok.json", Self.taskGraph(tasks: tasks, edges: "[{\"from\": \"a\", \"to\": \"b\", \"bytes\": 4096}]"))
        let graph = try ModelLoader.load(path: path)
        XCTAssertEqual(graph.operators.count, 2)
        XCTAssertEqual(graph.operators[0].explicitCostsUS?["u0"], .some(1))
        XCTAssertEqual(graph.operators[0].explicitCostsUS?["u1"], .some(nil))
        XCTAssertEqual(graph.tensor(named: "a->b")?.byteSize, 4096)
        XCTAssertEqual(graph.successors(of: 0), [1])
    }
}

/// Reads a file's bytes for fixtures.
func TextFile_readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
