import Foundation
@testable import HeteroImport
import HeteroIR
import XCTest

/// The generated ONNX schema table and the check of nodes against it (`ONNXSchemaCheck`).
final class SchemaCheckTests: XCTestCase {
    func testEveryLineOfTheTableParses() {
        let lines = ONNXSchemaTable.source.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 600)
        for line in lines { XCTAssertNotNil(ONNXOperatorSchema(line: line), "unparsed: \(line)") }
        XCTAssertEqual(ONNXSchemaTable.versions.values.map(\.count).reduce(0, +), lines.count)
    }

    func testTheVersionInForceIsTheNewestNotAfterTheOpset() throws {
        guard case .schema(let conv) = ONNXSchemaTable.lookup("Conv", opset: 13) else { return XCTFail("Conv at 13") }
        XCTAssertEqual(conv.sinceVersion, 11)
        XCTAssertEqual(conv.inputCount, 2...3)
        XCTAssertEqual(conv.inputs, [.single, .single, .optional])
        XCTAssertEqual(conv.attributes["strides"]?.type, .ints)
        guard case .schema(let concat) = ONNXSchemaTable.lookup("Concat", opset: 7) else { return XCTFail("Concat at 7") }
        XCTAssertEqual(concat.sinceVersion, 4)
        XCTAssertEqual(concat.inputCount, 1...Int.max)
        XCTAssertEqual(concat.attributes["axis"]?.required, true)
        guard case .notYetDefined(let first) = ONNXSchemaTable.lookup("Gelu", opset: 13) else { return XCTFail("Gelu at 13") }
        XCTAssertEqual(first, 20)
        guard case .deprecated(let since) = ONNXSchemaTable.lookup("Upsample", opset: 13) else { return XCTFail("Upsample at 13") }
        XCTAssertEqual(since, 10)
        guard case .unknown = ONNXSchemaTable.lookup("FastGelu", opset: 13) else { return XCTFail("FastGelu is contrib") }
    }

    /// Older exporters leave an attribute's type unset; its filled field gives the type, and an
    /// empty list without a type matches a list attribute. Names starting with "__" are internal.
    func testUntypedAndInternalAttributesAreAccepted() throws {
        var fixture = ONNXFixture.convRelu()
        var strides = Onnx_AttributeProto()
        strides.name = "strides"
        strides.ints = [1, 1]
        var dilations = Onnx_AttributeProto()
        dilations.name = "dilations"
        var note = Onnx_AttributeProto()
        note.name = "__exporter_note"
        note.type = .string
        note.s = Data("kept".utf8)
        fixture.model.graph.node[0].attribute += [strides, dilations, note]
        let graph = try ONNXImporter().importModel(fixture.bytes(), file: "untyped.onnx")
        XCTAssertEqual(graph.tensor(named: "z")?.shape, [1, 4, 8, 8])

        var group = Onnx_AttributeProto()
        group.name = "group"
        fixture.model.graph.node[0].attribute.append(group)
        XCTAssertThrowsError(try ONNXImporter().importModel(fixture.bytes(), file: "untyped.onnx")) { error in
            XCTAssertEqual((error as? ImportError)?.description,
                           #"untyped.onnx: node #0 "conv" (Conv, opset 13): attribute "group" is without a type or value; Conv-11 expects INT"#)
        }
    }

    /// Variadic inputs (Concat, Max) accept any count from the minimum, optional inputs may be
    /// empty names.
    func testVariadicOptionalAndNestedNodes() throws {
        var fixture = ONNXFixture()
        fixture.input("x", [1, 4])
        fixture.node("Concat", ["x", "x", "x"], ["c"], name: "concat", int: ["axis": 1])
        fixture.node("Max", ["c", "c", "c", "c"], ["m"], name: "max")
        fixture.node("Clip", ["m", "", ""], ["y"], name: "clip")
        fixture.output("y")
        XCTAssertEqual(try ONNXImporter().importModel(fixture.bytes(), file: "v.onnx").tensor(named: "y")?.shape, [1, 12])
        fixture.model.graph.node[0].attribute[0].name = "axes"
        XCTAssertThrowsError(try ONNXImporter().importModel(fixture.bytes(), file: "v.onnx")) { error in
            XCTAssertTrue("\(error)".contains(#"attribute "axes" is not an attribute of Concat-13 (its attributes: axis)"#), "\(error)")
        }
    }
}
