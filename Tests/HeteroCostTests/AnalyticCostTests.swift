import HeteroCost
import HeteroIR
import HeteroPlatform
import XCTest

/// The roofline model on the synthetic platform, every expected value worked out by hand.
final class AnalyticCostTests: XCTestCase {
    /// Conv 16 -> 32 channels, 3x3, pad 1, on 32x32: compute-bound on every unit.
    func testConvolutionIsComputeBound() throws {
        var builder = GraphBuilder()
        builder.input("x", [1, 16, 32, 32])
        builder.constant("w", [32, 16, 3, 3])
        builder.op("conv", "Conv", ["x", "w"], "y", [1, 32, 32, 32], ["pads": .ints([1, 1, 1, 1]), "strides": .ints([1, 1])])
        let graph = try builder.build(outputs: ["y"])
        // MACs = 32*32*32 outputs x 16 input channels x 3*3 = 4,718,592. Bytes (float32):
        // x 65,536 read, w 18,432 read, y 131,072 written = 215,040.
        XCTAssertEqual(graph.operators[0].work.macs, 4_718_592)
        let row = try evaluate(graph).details[0]

        // cpu: 4,718,592 / (16 MACs x 1000 cycles/us x 0.5) = 589.824 us compute;
        // memory 0.5 + 215,040 / 10,000 = 22.004 us; time 1 + 589.824 = 590.824 us.
        let cpu = row[Synthetic.cpu]
        assertClose(cpu.computeUS, 589.824)
        assertClose(cpu.memoryUS, 22.004)
        assertClose(cpu.timeUS, 590.824)
        XCTAssertEqual(cpu.bound, .compute)
        XCTAssertEqual(cpu.bytes, 215_040)
        // Energy: 215,040 B x 100 pJ + 4,718,592 MACs x 4 pJ = 21,504,000 + 18,874,368.
        assertClose(cpu.energyPJ, 40_378_368)

        // dla (int8: a quarter of the bytes): x 16,384 + w 4,608 + y 32,768 = 53,760 <= 65,536,
        // untiled; compute 4,718,592 / (1024 x 1000 x 0.5) = 9.216 us; memory streams at the
        // dram -> buf link's 8 GB/s: 0.5 + 53,760 / 8,000 = 7.22 us; time 10 + 9.216 = 19.216 us.
        // Compute exceeds memory, but the 10 us submission exceeds both: the bound is overhead
        // (testTiledConvolutionRereadsWeights shows a compute-bound convolution on the dla).
        let dla = row[Synthetic.dla]
        assertClose(dla.computeUS, 9.216)
        assertClose(dla.memoryUS, 7.22)
        assertClose(dla.timeUS, 19.216)
        XCTAssertEqual(dla.bound, .overhead)
        XCTAssertEqual(dla.tiles, 1)
        XCTAssertEqual(dla.bytes, 53_760)
        // Energy: 53,760 B x (100 dram + 1 buf) pJ + 4,718,592 x 0.25 pJ = 5,429,760 + 1,179,648.
        assertClose(dla.energyPJ, 6_609_408)

        // dsp (float16: half the bytes, 107,520) from its tcm at 50,000 B/us: 2.1504 us;
        // compute 4,718,592 / (64 x 500) = 147.456 us; time 20 + 147.456 = 167.456 us;
        // energy only the tcm's 2 pJ/byte (no arithmetic figures): 215,040 pJ.
        let dsp = row[Synthetic.dsp]
        assertClose(dsp.memoryUS, 2.1504)
        assertClose(dsp.timeUS, 167.456)
        XCTAssertEqual(dsp.bound, .compute)
        assertClose(dsp.energyPJ, 215_040)
    }

    /// Gemm [1, 256] x [256, 128] + bias [128]: weight traffic dominates.
    func testGemm() throws {
        var builder = GraphBuilder()
        builder.input("a", [1, 256])
        builder.constant("b", [256, 128])
        builder.constant("c", [128])
        builder.op("fc", "Gemm", ["a", "b", "c"], "y", [1, 128])
        let graph = try builder.build(outputs: ["y"])
        // MACs = 128 outputs x K 256 = 32,768; bias: 128 vector operations.
        // Bytes: a 1,024 + weights (b 131,072 + c 512) 131,584 + y 512 = 133,120.
        XCTAssertEqual(graph.operators[0].work.macs, 32_768)
        XCTAssertEqual(graph.operators[0].work.flops, 128)
        let result = try evaluate(graph)
        let row = result.details[0]

        // cpu: 32,768 / (16 x 1000 x 0.5) + 128 / (8 x 1000 x 0.5) = 4.096 + 0.032 = 4.128 us;
        // memory 0.5 + 133,120 / 10,000 = 13.812 us (memory-bound); time 1 + 13.812 = 14.812 us.
        let cpu = row[Synthetic.cpu]
        assertClose(cpu.computeUS, 4.128)
        assertClose(cpu.memoryUS, 13.812)
        assertClose(cpu.timeUS, 14.812)
        XCTAssertEqual(cpu.bound, .memory)
        // Energy: 133,120 x 100 + 32,768 x 4 + 128 x 1 = 13,312,000 + 131,072 + 128.
        assertClose(cpu.energyPJ, 13_443_200)

        // dla (int8, Gemm efficiency 0.25): bytes 256 + 32,896 + 128 = 33,280, untiled;
        // compute 32,768 / (1024 x 1000 x 0.25) + 128 / (16 x 1000 x 0.25) = 0.128 + 0.032 = 0.16 us;
        // memory 0.5 + 33,280 / 8,000 = 4.66 us; the 10 us submission dominates: 14.66 us.
        let dla = row[Synthetic.dla]
        assertClose(dla.computeUS, 0.16)
        assertClose(dla.memoryUS, 4.66)
        assertClose(dla.timeUS, 14.66)
        XCTAssertEqual(dla.bound, .overhead)
        XCTAssertEqual(result.table.execUS[0][Synthetic.dla], dla.timeUS)
    }

    /// Relu over 65,536 elements: memory-bound, and tiled on the dla without extra traffic.
    func testElementwiseIsMemoryBound() throws {
        var builder = GraphBuilder()
        builder.input("x", [1, 64, 32, 32])
        builder.op("relu", "Relu", ["x"], "y", [1, 64, 32, 32])
        let row = try evaluate(builder.build(outputs: ["y"])).details[0]

        // cpu: 65,536 operations / (8 x 1000 x 0.5) = 16.384 us; bytes 262,144 read + 262,144
        // written: 0.5 + 524,288 / 10,000 = 52.9288 us; time 1 + 52.9288 = 53.9288 us.
        let cpu = row[Synthetic.cpu]
        assertClose(cpu.computeUS, 16.384)
        assertClose(cpu.memoryUS, 52.9288)
        assertClose(cpu.timeUS, 53.9288)
        XCTAssertEqual(cpu.bound, .memory)
        // Energy: 524,288 x 100 + 65,536 x 1 = 52,494,336 pJ.
        assertClose(cpu.energyPJ, 52_494_336)

        // dla: int8 working set 65,536 + 65,536 = 131,072 > 65,536: 2 tiles, but with no weights
        // nothing is read twice: 131,072 bytes, 0.5 + 131,072 / 8,000 = 16.884 us; compute
        // 65,536 / 16,000 = 4.096 us; time 10 + 16.884 = 26.884 us.
        let dla = row[Synthetic.dla]
        XCTAssertEqual(dla.tiles, 2)
        XCTAssertEqual(dla.bytes, 131_072)
        assertClose(dla.computeUS, 4.096)
        assertClose(dla.memoryUS, 16.884)
        assertClose(dla.timeUS, 26.884)
        XCTAssertEqual(dla.bound, .memory)
        // Energy: 131,072 x 101 + 65,536 x 0.05 = 13,238,272 + 3,276.8 pJ.
        assertClose(dla.energyPJ, 13_241_548.8)
    }

    /// Conv 32 -> 32, 3x3 on 64x64: the working set exceeds the dla's 64 KiB buffer, so it runs in
    /// tiles and reads its (small) weights once per tile.
    func testTiledConvolutionRereadsWeights() throws {
        let graph = try Self.largeConvolution()
        let dla = try evaluate(graph).details[0][Synthetic.dla]
        // int8: x 131,072 + w 9,216 + y 131,072 = 271,360 bytes > 65,536: ceil(4.14) = 5 tiles.
        // Re-reading weights: 262,144 + 5 x 9,216 = 308,224 bytes; re-reading inputs instead would
        // move 5 x 131,072 + 9,216 + 131,072 = 795,648, so the weights are re-read.
        XCTAssertEqual(dla.tiles, 5)
        XCTAssertEqual(dla.bytes, 308_224)
        // MACs 131,072 x 32 x 9 = 37,748,736: 37,748,736 / 512,000 = 73.728 us compute;
        // memory 0.5 + 308,224 / 8,000 = 39.028 us; time 10 + 73.728 = 83.728 us.
        assertClose(dla.computeUS, 73.728)
        assertClose(dla.memoryUS, 39.028)
        assertClose(dla.timeUS, 83.728)
        XCTAssertEqual(dla.bound, .compute)
        // Energy: 308,224 x 101 + 37,748,736 x 0.25 = 31,130,624 + 9,437,184 pJ.
        assertClose(dla.energyPJ, 40_567_808)
    }

    /// Gemm [1, 1024] x [1024, 256] on the dla: the weights alone exceed the buffer, and each is
    /// used once, so the tiles re-read the small input instead of the weights.
    func testTiledGemmRereadsInputsWhenCheaper() throws {
        var builder = GraphBuilder()
        builder.input("a", [1, 1024])
        builder.constant("b", [1024, 256])
        builder.op("fc", "Gemm", ["a", "b"], "y", [1, 256])
        let dla = try evaluate(builder.build(outputs: ["y"])).details[0][Synthetic.dla]
        // int8: a 1,024 + b 262,144 + y 256 = 263,424 > 65,536: ceil(4.02) = 5 tiles.
        // Re-reading weights: 1,280 + 5 x 262,144 = 1,312,000; re-reading inputs:
        // 5 x 1,024 + 262,144 + 256 = 267,520, the cheaper.
        XCTAssertEqual(dla.tiles, 5)
        XCTAssertEqual(dla.bytes, 267_520)
        // memory 0.5 + 267,520 / 8,000 = 33.94 us; compute 262,144 / 256,000 = 1.024 us;
        // time 10 + 33.94 = 43.94 us.
        assertClose(dla.memoryUS, 33.94)
        assertClose(dla.timeUS, 43.94)
        XCTAssertEqual(dla.bound, .memory)
    }

    /// The same tiled convolution on a dla that cannot tile is refused, with the reason.
    func testUnitThatCannotTileRefusesWithTheReason() throws {
        var platform = try Synthetic.platform()
        platform.units[Synthetic.dla].canTile = false
        platform = try platform.validated()
        let result = try evaluate(Self.largeConvolution(), on: platform)
        let dla = result.details[0][Synthetic.dla]
        XCTAssertFalse(dla.canRun)
        XCTAssertEqual(dla.reason, "working set 271360 bytes exceeds buf (65536 bytes) and dla cannot tile")
        XCTAssertNil(result.table.execUS[0][Synthetic.dla])
        XCTAssertEqual(result.table.reasons[0][Synthetic.dla], dla.reason)
        XCTAssertNil(result.table.energyPJ[0][Synthetic.dla])
        XCTAssertNotNil(result.table.execUS[0][Synthetic.cpu])
    }

    /// Views cost nothing anywhere, even on units that do not list them.
    func testViewsAreFree() throws {
        var builder = GraphBuilder()
        builder.input("x", [1, 64, 4, 4])
        builder.constant("shape", [2])
        builder.op("flat", "Reshape", ["x", "shape"], "y", [1, 1024])
        let row = try evaluate(builder.build(outputs: ["y"])).details[0]
        XCTAssertEqual(row.map(\.timeUS), [0, 0, 0])
        XCTAssertEqual(row.map(\.bound), [.view, .view, .view])
    }

    /// A Concat a unit declares `in_place` costs nothing there when each input is a contiguous
    /// block of the output (channels at batch 1: the producers write at their offsets); with
    /// batch 2 the slices interleave and it is a copy; units without the flag copy.
    func testInPlaceConcatIsFreeOnlyWhereDeclaredAndContiguous() throws {
        let text = Synthetic.platformText
            .replacingOccurrences(of: #""BatchNormalization": {},"#, with: #""BatchNormalization": {}, "Concat": {"in_place": true},"#)
            .replacingOccurrences(of: #""Softmax": {"efficiency": 0.25}"#, with: #""Softmax": {"efficiency": 0.25}, "Concat": {}"#)
        let platform = try Platform.decode(jsonText: text, file: "synthetic.json")
        func concat(batch: Int, on platform: Platform) throws -> [OperatorCost] {
            var builder = GraphBuilder()
            builder.input("a", [batch, 16, 8, 8])
            builder.input("b", [batch, 16, 8, 8])
            builder.op("cat", "Concat", ["a", "b"], "y", [batch, 32, 8, 8], ["axis": .int(1)])
            return try evaluate(builder.build(outputs: ["y"]), on: platform).details[0]
        }
        let one = try concat(batch: 1, on: platform)
        XCTAssertEqual(one[Synthetic.dla].timeUS, 0)
        XCTAssertEqual(one[Synthetic.dla].bound, .view)
        // The cpu and the dsp copy: 2 x 4096 float32 bytes read and 8192 written.
        XCTAssertGreaterThan(try XCTUnwrap(one[Synthetic.cpu].timeUS), 0)
        XCTAssertEqual(one[Synthetic.cpu].bound, .memory)
        XCTAssertGreaterThan(try XCTUnwrap(one[Synthetic.dsp].timeUS), 0)
        let two = try concat(batch: 2, on: platform)
        XCTAssertGreaterThan(try XCTUnwrap(two[Synthetic.dla].timeUS), 0, "batch 2 interleaves the inputs' slices")
        XCTAssertNotEqual(two[Synthetic.dla].bound, .view)

        // In place only for a type the unit handles: the int8 dla declaring float16 only refuses it.
        let wrongType = try Platform.decode(jsonText: Synthetic.platformText.replacingOccurrences(
            of: #""BatchNormalization": {},"#, with: #""BatchNormalization": {}, "Concat": {"in_place": true, "data_types": ["float16"]},"#),
            file: "synthetic.json")
        XCTAssertFalse(try concat(batch: 1, on: wrongType)[Synthetic.dla].canRun)

        let misplaced = Synthetic.platformText.replacingOccurrences(of: #""BatchNormalization": {},"#, with: #""BatchNormalization": {"in_place": true},"#)
        XCTAssertThrowsError(try Platform.decode(jsonText: misplaced, file: "synthetic.json")) { error in
            XCTAssertTrue("\(error)".contains("units[1].operators.BatchNormalization.in_place: only Concat can be performed in place (by addressing), not BatchNormalization"), "\(error)")
        }
    }

    /// Conv 32 -> 32, 3x3, pad 1, on 64x64.
    static func largeConvolution() throws -> Graph {
        var builder = GraphBuilder()
        builder.input("x", [1, 32, 64, 64])
        builder.constant("w", [32, 32, 3, 3])
        builder.op("conv", "Conv", ["x", "w"], "y", [1, 32, 64, 64], ["pads": .ints([1, 1, 1, 1])])
        return try builder.build(outputs: ["y"])
    }
}
