import HeteroPlatform
import HeteroSupport
import TestSupport
import XCTest

/// The platform files shipped in `Platforms/` load, carry sources for every number, and say
/// what the docs promise.
final class ShippedPlatformsTests: XCTestCase {
    func testShippedFilesLoadWithoutWarnings() throws {
        for file in PlatformFixtures.shippedFiles {
            let check = try Platform.check(path: Repository.platform(file))
            XCTAssertEqual(check.warnings, [], file)
        }
    }

    func testClassicThreeUnitPlatformIsTheClassicModel() throws {
        let platform = try Platform.load(path: Repository.platform("examples/classic-3unit.json"))
        XCTAssertEqual(platform.units.map(\.name), ["u0", "u1", "u2"])
        XCTAssertFalse(platform.interconnect.contention)
        XCTAssertEqual(platform.host, HostOverheads(submitUS: 0, syncUS: 0))
        for unit in platform.units {
            XCTAssertEqual(unit.commandPath.roundTripUS, 0)
            XCTAssertNil(platform.memory(named: unit.memory)?.capacityBytes, "\(unit.memory) is unlimited")
            XCTAssertEqual(platform.supports(unit: unit.name, operatorType: "Task")?.efficiency, 1)
        }
        // Every pair: one hop, 0 us latency + bytes / 1000 bytes per us; free within a unit.
        let memories = platform.units.map(\.memory)
        for a in memories {
            for b in memories {
                let route = try XCTUnwrap(platform.route(from: a, to: b, bytes: 4096))
                XCTAssertEqual(route.hops.count, a == b ? 0 : 1)
                XCTAssertEqual(route.transferTimeUS(bytes: 4096), a == b ? 0 : 4.096, accuracy: 1e-12)
            }
        }
    }

    func testONNCPlatformOperatorSupport() throws {
        let platform = try Platform.load(path: Repository.platform("onnc-cpu-dsp-dla.json"))
        XCTAssertEqual(platform.units.map(\.kind), [.cpu, .dsp, .dla])
        XCTAssertNil(platform.supports(unit: "dla", operatorType: "Softmax"), "NVDLA leaves Softmax to the CPU")
        XCTAssertNotNil(platform.supports(unit: "dsp", operatorType: "Softmax"))
        XCTAssertNotNil(platform.supports(unit: "dsp", operatorType: "LRN"))
        XCTAssertEqual(platform.supports(unit: "cpu", operatorType: "Softmax")?.operatorType, "*")
        XCTAssertEqual(platform.units(supporting: "Softmax").map(\.name), ["cpu", "dsp"])
        for type in ["Conv", "Gemm", "BatchNormalization", "Relu", "MaxPool", "AveragePool", "Add", "Sum", "Concat"] {
            XCTAssertNotNil(platform.supports(unit: "dla", operatorType: type), type)
        }

        let dla = try XCTUnwrap(platform.unit(named: "dla"))
        XCTAssertEqual(dla.computeType, .int8)
        XCTAssertEqual(dla.peakMACsPerSecond(.int8), 2.048e12)
        XCTAssertNil(dla.peakMACsPerSecond(.float32))
        XCTAssertEqual(dla.localMemory, "dla_cbuf")
        XCTAssertEqual(platform.memory(named: "dla_cbuf")?.capacityBytes, 512 * 1024)
        let conv = try XCTUnwrap(dla.support(for: "Conv"))
        XCTAssertEqual(conv.limits, OperatorLimits(maxKernel: 32, maxStride: 8, maxDilation: 32))
        XCTAssertTrue(conv.accepts(.int8))
        XCTAssertFalse(conv.accepts(.float32))
        XCTAssertEqual(dla.fusionPatterns(startingWith: "Conv").map(\.label), [
            "Conv > BatchNormalization > Relu", "Conv > Relu", "Conv > BatchNormalization", "Conv > Add > Relu",
        ])
        XCTAssertEqual(platform.units(attachedTo: "dram"), ["cpu", "dsp", "dla"])
        XCTAssertEqual(platform.units(attachedTo: "soc_sram"), ["cpu"])
        XCTAssertEqual(platform.units(attachedTo: "dla_cbuf"), ["dla"])
    }

    func testNumbersWithoutASourceAreWarnings() throws {
        let check = try Platform.check(JSONParser.parse(PlatformFixtures.tiny(
            ("\"clock_mhz\": 800,", "\"clock_mhz\": 800, \"source\": {\"clock_mhz\": \"datasheet\", \"command_path\": \"measured\"},"),
            ("\"interconnect\"", "\"source\": {\"memories\": \"vendor sheet\", \"units\": \"assumed\"},\n  \"interconnect\""),
            ("\"host\": {\"submit_us\": 0, \"sync_us\": 0}", "\"host\": {\"submit_us\": 0, \"sync_us\": 0, \"source\": {\"*\": \"none\"}}"))),
            file: "t.json")
        XCTAssertEqual(check.warnings.map(\.description), [
            "links[0].bandwidth_gb_s: number without a source note",
            "links[0].latency_us: number without a source note",
            "links[0].dma_engines: number without a source note",
            "links[1].bandwidth_gb_s: number without a source note",
            "links[1].latency_us: number without a source note",
        ])
        let bare = try Platform.check(JSONParser.parse(PlatformFixtures.tiny), file: "t.json")
        XCTAssertEqual(bare.warnings.count, 24)
        XCTAssertEqual(bare.warnings.first?.description, "units[0].clock_mhz: number without a source note")
    }
}
