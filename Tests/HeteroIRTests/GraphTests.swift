import HeteroIR
import XCTest

final class GraphTests: XCTestCase {
    func tensor(_ name: String, _ kind: TensorKind = .activation) -> Tensor {
        Tensor(name: name, shape: [1, 4], elementType: .float32, kind: kind)
    }

    func testOrdersTopologicallyAndStably() throws {
        // Given out of order: c reads b, b reads a.
        let graph = try Graph(name: "g",
                              tensors: [tensor("x", .input), tensor("a"), tensor("b"), tensor("c"), tensor("d")],
                              operators: [
                                  Operator(name: "C", type: "Relu", inputs: ["b"], outputs: ["c"]),
                                  Operator(name: "D", type: "Relu", inputs: ["x"], outputs: ["d"]),
                                  Operator(name: "B", type: "Relu", inputs: ["a"], outputs: ["b"]),
                                  Operator(name: "A", type: "Relu", inputs: ["x"], outputs: ["a"]),
                              ],
                              inputs: ["x"], outputs: ["c", "d"])
        XCTAssertEqual(graph.operators.map(\.name), ["D", "A", "B", "C"])
        XCTAssertEqual(graph.consumers[graph.tensorIndex["x"]!], [0, 1])
        XCTAssertEqual(graph.producer[graph.tensorIndex["c"]!], 3)
        XCTAssertEqual(graph.successors(of: 1), [2])
        XCTAssertEqual(graph.predecessors(of: 3), [2])
    }

    func testRejectsInvalidGraphs() {
        func check(_ tensors: [Tensor], _ operators: [Operator], outputs: [String] = [], _ expected: GraphError, line: UInt = #line) {
            XCTAssertThrowsError(try Graph(name: "g", tensors: tensors, operators: operators, inputs: ["x"], outputs: outputs), line: line) { error in
                XCTAssertEqual(error as? GraphError, expected, line: line)
            }
        }
        let x = tensor("x", .input)
        check([x, x], [Operator(name: "r", type: "Relu", inputs: ["x"], outputs: [])], .duplicateTensor("x"))
        check([x, tensor("y")], [Operator(name: "r", type: "Relu", inputs: ["x"], outputs: ["y"]),
                                 Operator(name: "r", type: "Relu", inputs: ["x"], outputs: [])], .duplicateOperator("r"))
        check([x, tensor("y")], [Operator(name: "a", type: "Relu", inputs: ["x"], outputs: ["y"]),
                                 Operator(name: "b", type: "Relu", inputs: ["x"], outputs: ["y"])],
              .tensorProducedTwice(tensor: "y", first: "a", second: "b"))
        check([x, tensor("y")], [Operator(name: "a", type: "Relu", inputs: ["q"], outputs: ["y"])], .unknownInput(operator: "a", tensor: "q"))
        check([x, tensor("y")], [Operator(name: "a", type: "Relu", inputs: ["y"], outputs: ["x"])], .constantOverwritten(operator: "a", tensor: "x"))
        check([x, tensor("y"), tensor("z")], [Operator(name: "a", type: "Add", inputs: ["x", "z"], outputs: ["y"]),
                                              Operator(name: "b", type: "Relu", inputs: ["y"], outputs: ["z"])],
              .cycle(["a", "b", "a"]))
        check([x], [], .noOperators)
        check([x, tensor("y")], [Operator(name: "a", type: "Relu", inputs: ["x"], outputs: ["y"])], outputs: ["w"], .unknownGraphOutput("w"))
    }
}
