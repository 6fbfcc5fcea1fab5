import HeteroIR
import XCTest

final class AliasTests: XCTestCase {
    func tensor(_ name: String, _ kind: TensorKind = .activation, shape: [Int] = [1, 4], type: ElementType = .float32,
                ints: [Int]? = nil) -> Tensor {
        Tensor(name: name, shape: shape, elementType: type, kind: kind, intValues: ints)
    }

    /// Views are aliases of their input's root; a chain shares one root; other operators, views of
    /// weights, a training-mode Dropout and a view changing the byte size are not aliases.
    func testViewsAreAliasesOfTheirRoot() throws {
        let graph = try Graph(name: "views",
                              tensors: [tensor("x", .input), tensor("w", .constant), tensor("on", .constant, shape: [], type: .bool, ints: [1]),
                                        tensor("off", .constant, shape: [], type: .bool, ints: [0]),
                                        tensor("a"), tensor("b"), tensor("c"), tensor("d"), tensor("e"), tensor("f"), tensor("g"),
                                        tensor("h", shape: [1, 2])],
                              operators: [
                                  Operator(name: "A", type: "Relu", inputs: ["x"], outputs: ["a"]),
                                  Operator(name: "B", type: "Identity", inputs: ["a"], outputs: ["b"]),
                                  Operator(name: "C", type: "Reshape", inputs: ["b"], outputs: ["c"]),
                                  Operator(name: "D", type: "Dropout", inputs: ["c", "", "off"], outputs: ["d"]),
                                  Operator(name: "E", type: "Dropout", inputs: ["d", "", "on"], outputs: ["e"]),
                                  Operator(name: "F", type: "Flatten", inputs: ["w"], outputs: ["f"]),
                                  Operator(name: "G", type: "Squeeze", inputs: ["x"], outputs: ["g"]),
                                  Operator(name: "H", type: "Reshape", inputs: ["a"], outputs: ["h"]),
                              ],
                              inputs: ["x"], outputs: ["e", "f", "g", "h"])
        func root(_ name: String) -> String { graph.tensors[graph.aliasRoot[graph.tensorIndex[name]!]].name }
        XCTAssertEqual(["a", "b", "c", "d", "e", "f", "g", "h"].map(root), ["a", "a", "a", "a", "e", "f", "x", "h"])
        XCTAssertTrue(graph.isAlias(graph.tensorIndex["d"]!))
        XCTAssertFalse(graph.isAlias(graph.tensorIndex["a"]!))
    }
}
