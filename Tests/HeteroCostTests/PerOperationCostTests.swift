import HeteroCost
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// A layer too small to keep a unit busy still pays the unit's per-operation device cost
/// (`command_path.operation_us`), which then bounds its time: on Meteor Lake's NPU the mean
/// barrier gap of Intel's recorded NPU37XX profile, on its SHAVE cores the fixed part of a
/// SHAVE kernel fitted by npu-nn-cost-model (Platforms/published-figures.md 12).
final class PerOperationCostTests: XCTestCase {
    func testTinyLayersOnMeteorLakePayTheirUnitsPerOperationCost() throws {
        // A 1x1 convolution of 16 channels on 4x4 (4,096 MACs) and the pooling after it.
        var builder = GraphBuilder()
        builder.input("x", [1, 16, 4, 4])
        builder.constant("w", [16, 16, 1, 1])
        builder.op("conv", "Conv", ["x", "w"], "y", [1, 16, 4, 4], ["strides": .ints([1, 1])])
        builder.op("pool", "GlobalAveragePool", ["y"], "z", [1, 16, 1, 1])
        let graph = try builder.build(outputs: ["z"])
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let result = try evaluate(graph, on: platform)
        let npu = try XCTUnwrap(platform.units.firstIndex { $0.name == "npu" })
        let shave = try XCTUnwrap(platform.units.firstIndex { $0.name == "shave" })

        // 4,096 MACs at 2,048 float16 MACs per cycle and 1,300 cycles per us take nanoseconds:
        // the 0.63 us per operation is most of the convolution's time and what bounds it.
        let conv = result.details[0][npu]
        XCTAssertEqual(conv.overheadUS, 0.63)
        XCTAssertEqual(conv.bound, .overhead)
        XCTAssertLessThan(max(conv.computeUS, conv.memoryUS), conv.overheadUS)
        assertClose(conv.timeUS, 0.63 + max(conv.computeUS, conv.memoryUS))

        // The pooling on the SHAVE cores pays a SHAVE kernel's fixed 2.95 us.
        let pool = result.details[1][shave]
        XCTAssertEqual(pool.overheadUS, 2.95)
        XCTAssertEqual(pool.bound, .overhead)
        assertClose(pool.timeUS, 2.95 + max(pool.computeUS, pool.memoryUS))
    }
}
