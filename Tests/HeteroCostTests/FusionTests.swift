import HeteroCost
import HeteroIR
import HeteroPlatform
import XCTest

/// A declared fusion pattern costs its chain as one operator on the unit that declares it.
final class FusionTests: XCTestCase {
    /// Conv 16 -> 16, 3x3, pad 1 on 16x16, then BatchNormalization, then Relu.
    static func convBNRelu() throws -> Graph {
        var builder = GraphBuilder()
        builder.input("x", [1, 16, 16, 16])
        builder.constant("w", [16, 16, 3, 3])
        for name in ["scale", "bias", "mean", "var"] { builder.constant(name, [16]) }
        builder.op("conv", "Conv", ["x", "w"], "y1", [1, 16, 16, 16], ["pads": .ints([1, 1, 1, 1])])
        builder.op("bn", "BatchNormalization", ["y1", "scale", "bias", "mean", "var"], "y2", [1, 16, 16, 16])
        builder.op("relu", "Relu", ["y2"], "y3", [1, 16, 16, 16])
        return try builder.build(outputs: ["y3"])
    }

    func testConvBatchNormReluIsOneOperationOnTheDLA() throws {
        let result = try evaluate(Self.convBNRelu())
        let dla = Synthetic.dla
        XCTAssertEqual(result.composites, [[0, 1, 2]])
        XCTAssertEqual(result.table.composites, [[0, 1, 2]])
        XCTAssertEqual(result.table.compositeOf, [0, 0, 0])

        // Unfused on the dla (int8; activations 4,096 bytes each):
        // conv: 589,824 MACs / 512,000 = 1.152 us; bytes 4,096 + 2,304 + 4,096 = 10,496,
        //       0.5 + 10,496 / 8,000 = 1.812 us; time 10 + 1.812 = 11.812 us.
        // bn:   8,192 ops / 16,000 = 0.512 us; bytes 4,096 + 64 + 4,096 = 8,256,
        //       0.5 + 1.032 = 1.532 us; time 11.532 us.
        // relu: 4,096 / 16,000 = 0.256 us; bytes 8,192, 0.5 + 1.024 = 1.524 us; time 11.524 us.
        let unfused = [11.812, 11.532, 11.524]
        for (op, time) in unfused.enumerated() { assertClose(result.details[op][dla].timeUS, time) }
        XCTAssertEqual(result.details.map { $0[dla].bytes }, [10_496, 8_256, 8_192])

        // Fused at efficiency 1: compute 1.152 x 0.5 (Conv's 0.5 -> 1) + 0.512 + 0.256 = 1.344 us;
        // only external bytes move: 26,944 - 2 x (4,096 + 4,096) intermediates = 10,560
        // (= x 4,096 + w 2,304 + parameters 64 + y3 4,096); memory 0.5 + 10,560 / 8,000 = 1.82 us;
        // one dispatch: 10 + max(1.344, 1.82) = 11.82 us, shared in proportion to the unfused times.
        let fused = 11.82
        let total = unfused.reduce(0, +)
        for (op, time) in unfused.enumerated() {
            assertClose(result.table.fusedExecUS[op][dla], fused * time / total)
        }
        assertClose(result.table.fusedExecUS.compactMap { $0[dla] }.reduce(0, +), fused)
        // Only the dla declares the pattern; unfused costs stay in execUS.
        XCTAssertEqual(result.table.fusedExecUS.map { $0[Synthetic.cpu] }, [nil, nil, nil])
        XCTAssertEqual(result.table.fusedExecUS.map { $0[Synthetic.dsp] }, [nil, nil, nil])
        XCTAssertEqual(result.table.execUS.map { $0[dla] }, result.details.map { $0[dla].timeUS })
    }

    /// A measured member cannot be split into compute and traffic, so the chain is not fused there.
    func testAMeasuredMemberPreventsFusion() throws {
        let profile = CostProfile(entries: [CostProfile.Entry(operatorName: "bn", unit: "dla", latencyUS: 3)])
        let result = try evaluate(Self.convBNRelu(), profile: profile)
        XCTAssertEqual(result.composites, [])
        XCTAssertEqual(result.table.fusedExecUS.map { $0[Synthetic.dla] }, [nil, nil, nil])
        XCTAssertEqual(result.details[1][Synthetic.dla].timeUS, 3)
    }

    /// The intermediate must feed only the next member: a second reader of the Conv output
    /// keeps it in memory, so no chain is formed.
    func testABranchingIntermediateIsNotFused() throws {
        var builder = GraphBuilder()
        builder.input("x", [1, 16, 16, 16])
        builder.constant("w", [16, 16, 3, 3])
        for name in ["scale", "bias", "mean", "var"] { builder.constant(name, [16]) }
        builder.op("conv", "Conv", ["x", "w"], "y1", [1, 16, 16, 16], ["pads": .ints([1, 1, 1, 1])])
        builder.op("bn", "BatchNormalization", ["y1", "scale", "bias", "mean", "var"], "y2", [1, 16, 16, 16])
        builder.op("relu", "Relu", ["y2"], "y3", [1, 16, 16, 16])
        builder.op("side", "Relu", ["y1"], "y4", [1, 16, 16, 16])
        let result = try evaluate(builder.build(outputs: ["y3", "y4"]))
        XCTAssertEqual(result.composites, [])
    }
}
