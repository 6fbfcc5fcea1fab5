import HeteroCost
import HeteroIR
import HeteroPlatform
import XCTest

/// A declared fusion pattern costs its chain as one operator on the unit that declares it.
final class FusionTests: XCTestCase {
    /// Conv c -> c, 3x3, pad 1 on size x size (16 and 16 by default), then BatchNormalization, then Relu.
    static func convBNRelu(channels c: Int = 16, size: Int = 16) throws -> Graph {
        var builder = GraphBuilder()
        builder.input("x", [1, c, size, size])
        builder.constant("w", [c, c, 3, 3])
        for name in ["scale", "bias", "mean", "var"] { builder.constant(name, [c]) }
        builder.op("conv", "Conv", ["x", "w"], "y1", [1, c, size, size], ["pads": .ints([1, 1, 1, 1])])
        builder.op("bn", "BatchNormalization", ["y1", "scale", "bias", "mean", "var"], "y2", [1, c, size, size])
        builder.op("relu", "Relu", ["y2"], "y3", [1, c, size, size])
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

    /// A pipelined pattern (separate hardware stages streaming into each other) computes at its
    /// slowest member's rate: the fused compute is the maximum of the members' compute times, not
    /// their sum. A compute-bound chain (Conv 32 -> 32 on 32x32, BN, Relu) shows the difference.
    func testAPipelinedPatternRunsAtItsSlowestStage() throws {
        let graph = try Self.convBNRelu(channels: 32, size: 32)
        // DRAM and the dla's link at 100 GB/s, so that the chain is compute-bound.
        let fast = Synthetic.platformText
            .replacingOccurrences(of: #""bandwidth_gb_s": 10, "latency_us": 0.5"#, with: #""bandwidth_gb_s": 100, "latency_us": 0.5"#)
            .replacingOccurrences(of: #""from": "dram", "to": "buf", "bandwidth_gb_s": 8"#, with: #""from": "dram", "to": "buf", "bandwidth_gb_s": 100"#)
        let pattern = #""fusion": [{"operators": ["Conv", "BatchNormalization", "Relu"], "efficiency": 1}]"#
        let pipelined = fast.replacingOccurrences(
            of: pattern, with: #""fusion": [{"operators": ["Conv", "BatchNormalization", "Relu"], "efficiency": 1, "pipelined": true}]"#)
        XCTAssertNotEqual(pipelined, fast)
        let dla = Synthetic.dla
        let serial = try evaluate(graph, on: Platform.decode(jsonText: fast, file: "synthetic.json"))
        let streamed = try evaluate(graph, on: Platform.decode(jsonText: pipelined, file: "synthetic.json"))
        // Members' compute at the pattern's efficiency 1 (Conv's own is 0.5, BN's and Relu's 1).
        let stages = [serial.details[0][dla].computeUS * 0.5, serial.details[1][dla].computeUS, serial.details[2][dla].computeUS]
        // Compute 9.2 + 4.1 + 2.0 us; compute-bound either way: the memory side moves x, w, the
        // parameters and y3 in int8 (tiled through the 64 KiB buffer), about 1.3 us at 100 GB/s.
        assertClose(serial.table.fusedExecUS.compactMap { $0[dla] }.reduce(0, +), 10 + stages.reduce(0, +))
        assertClose(streamed.table.fusedExecUS.compactMap { $0[dla] }.reduce(0, +), 10 + stages.max()!)
        XCTAssertGreaterThan(stages.reduce(0, +), stages.max()! * 1.3)
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
