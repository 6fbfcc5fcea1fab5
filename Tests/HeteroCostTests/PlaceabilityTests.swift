import HeteroCost
import HeteroIR
import HeteroPlatform
import XCTest

/// An operator a unit cannot run is not placeable there, and the reason says why.
final class PlaceabilityTests: XCTestCase {
    func testReasons() throws {
        var builder = GraphBuilder()
        builder.input("x", [1, 8, 16, 16])
        builder.constant("w7", [8, 8, 7, 7])
        builder.constant("w3", [8, 8, 3, 3])
        builder.constant("g", [2048, 10])
        builder.op("big_kernel", "Conv", ["x", "w7"], "a", [1, 8, 10, 10])
        builder.op("big_stride", "Conv", ["a", "w3"], "b", [1, 8, 2, 2], ["strides": .ints([4, 4])])
        builder.constant("shape", [2])
        builder.op("flat", "Reshape", ["x", "shape"], "f", [1, 2048])
        builder.op("fc", "Gemm", ["f", "g"], "c", [1, 10])
        builder.op("soft", "Softmax", ["c"], "s", [1, 10])
        let graph = try builder.build(outputs: ["b", "s"])
        let result = try evaluate(graph)
        func reason(_ op: String, _ unit: Int) -> String? {
            result.details[graph.operatorIndex[op]!][unit].reason
        }

        XCTAssertEqual(reason("big_kernel", Synthetic.dla), "kernel 7x7 exceeds the maximum 5")
        XCTAssertEqual(reason("big_stride", Synthetic.dla), "stride 4 exceeds the maximum 2")
        XCTAssertEqual(reason("soft", Synthetic.dla), "dla does not support Softmax")
        XCTAssertEqual(reason("fc", Synthetic.dsp), "Gemm on dsp accepts int8, not float16")
        // Where they can run there is no reason, and the cpu ("*") runs everything.
        XCTAssertNil(reason("soft", Synthetic.dsp))
        XCTAssertNil(reason("fc", Synthetic.dla))
        for index in result.details.indices {
            XCTAssertTrue(result.details[index][Synthetic.cpu].canRun)
            XCTAssertEqual(result.table.capableUnits(index).first, Synthetic.cpu)
        }
    }

    func testAnOperatorNoUnitCanRunIsNamed() throws {
        var platform = try Synthetic.platform()
        platform.units[Synthetic.cpu].operators = ["Conv": OperatorSupport(operatorType: "Conv")]
        platform = try platform.validated()
        var builder = GraphBuilder()
        builder.input("x", [1, 8, 4, 4])
        builder.op("norm", "LRN", ["x"], "y", [1, 8, 4, 4], ["size": .int(5)])
        XCTAssertThrowsError(try evaluate(builder.build(outputs: ["y"]), on: platform)) { error in
            XCTAssertEqual(error as? CostError, .runsNowhere(operator: "LRN \"norm\"", reasons: [
                "cpu: cpu does not support LRN", "dla: dla does not support LRN", "dsp: dsp does not support LRN",
            ]))
            XCTAssertEqual("\(error)", "LRN \"norm\" cannot run on any unit of the platform: cpu: cpu does not support LRN; "
                           + "dla: dla does not support LRN; dsp: dsp does not support LRN")
        }
    }
}

/// Activations must fit in the memory a unit computes from, whatever the provider says.
final class ResidencyTests: XCTestCase {
    func testActivationsLargerThanTheComputeMemoryMakeTheUnitIncapable() throws {
        // tcm (the dsp's compute memory) holds 262144 bytes. Relu on 1x16x64x64 float32 reads and
        // writes 262144 bytes each: 524288 in and out, too many; on 1x16x32x32 (65536 each) it fits.
        var builder = GraphBuilder()
        builder.input("big", [1, 16, 64, 64])
        builder.input("small", [1, 16, 32, 32])
        builder.op("relu_big", "Relu", ["big"], "a", [1, 16, 64, 64])
        builder.op("relu_small", "Relu", ["small"], "b", [1, 16, 32, 32])
        let graph = try builder.build(outputs: ["a", "b"])
        let result = try evaluate(graph)
        let big = result.details[graph.operatorIndex["relu_big"]!]
        let small = result.details[graph.operatorIndex["relu_small"]!]
        XCTAssertFalse(big[Synthetic.dsp].canRun)
        XCTAssertEqual(big[Synthetic.dsp].reason,
                       "its activations (524288 bytes in and out) exceed tcm (262144 bytes), the memory dsp computes from")
        XCTAssertTrue(small[Synthetic.dsp].canRun)
        // Units computing from unlimited dram are unaffected.
        XCTAssertTrue(big[Synthetic.cpu].canRun)
        XCTAssertNil(result.table.execUS[graph.operatorIndex["relu_big"]!][Synthetic.dsp])
    }
}
