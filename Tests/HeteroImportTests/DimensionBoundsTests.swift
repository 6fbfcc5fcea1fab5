import HeteroImport
import HeteroIR
import TestSupport
import XCTest

/// `--max-dim` bounds (`DimensionBounds`): sizes for symbolic input dimensions and caps on
/// data-dependent output dimensions, through the importer.
final class DimensionBoundsTests: XCTestCase {
    func testSymbolicInputDimensionsTakeTheirBoundUnlessAnInputShapeIsGiven() throws {
        let path = Repository.path("Tests/Fixtures/ONNX/kv_cache_attention.onnx")
        let graph = try ModelLoader.load(path: path, dimensionBounds: ["seq": 5, "past": 0])
        XCTAssertEqual(graph.tensor(named: "x")?.shape, [1, 5, 64])
        XCTAssertEqual(graph.tensor(named: "past_key")?.shape, [1, 1, 0, 16])
        XCTAssertEqual(graph.tensor(named: "present_key")?.shape, [1, 1, 5, 16])
        let decode = try ModelLoader.load(path: path, inputShapes: ["x": [1, 1, 64]], dimensionBounds: ["past": 7])
        XCTAssertEqual(decode.tensor(named: "x")?.shape, [1, 1, 64])
        XCTAssertEqual(decode.tensor(named: "present_value")?.shape, [1, 1, 8, 16])
    }

    static func nonZero() -> ONNXFixture {
        var fixture = ONNXFixture()
        fixture.input("x", [2, 3])
        fixture.node("NonZero", ["x"], ["nz"], name: "nonzero")
        fixture.node("Transpose", ["nz"], ["t"], name: "transpose")
        fixture.output("t")
        return fixture
    }

    func testADataDependentOutputIsCappedByItsBound() throws {
        let bytes = Self.nonZero().bytes()
        // Without a bound: every element non-zero, the largest NonZero allows.
        XCTAssertEqual(try ONNXImporter().importModel(bytes, file: "m.onnx").tensor(named: "t")?.shape, [6, 2])
        let bounded = try ONNXImporter(dimensionBounds: ["nz": 4]).importModel(bytes, file: "m.onnx")
        XCTAssertEqual(bounded.tensor(named: "nz")?.shape, [2, 4])
        XCTAssertEqual(bounded.tensor(named: "t")?.shape, [4, 2])
        // A bound above the operator's own maximum changes nothing.
        XCTAssertEqual(try ONNXImporter(dimensionBounds: ["nz": 10]).importModel(bytes, file: "m.onnx").tensor(named: "nz")?.shape, [2, 6])
    }

    func testABoundNamingNothingBoundableIsAnError() throws {
        XCTAssertThrowsError(try ONNXImporter(dimensionBounds: ["t": 4]).importModel(Self.nonZero().bytes(), file: "m.onnx")) { error in
            XCTAssertEqual(error as? ImportError, .unknownDimensionBound(file: "m.onnx", name: "t", known: ["nz"]))
        }
    }
}
