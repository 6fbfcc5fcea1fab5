import Foundation
import HeteroPlatform
import HeteroSupport
import TestSupport
import XCTest

/// Re-encoding gives a loadable file, `Codable` round-trips, and the summary says what matters.
final class PlatformEncodingTests: XCTestCase {
    private func encoded(_ platform: Platform) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(platform), as: UTF8.self)
    }

    func testEncodingIsAValidPlatformFileAndDeterministic() throws {
        for file in PlatformFixtures.shippedFiles + ["tiny"] {
            let platform = file == "tiny"
                ? try Platform.decode(jsonText: PlatformFixtures.tiny, file: "tiny")
                : try Platform.load(path: Repository.platform(file))
            let text = try encoded(platform)
            XCTAssertEqual(try Platform.decode(jsonText: text, file: "re-encoded \(file)"), platform, file)
            XCTAssertEqual(try encoded(platform), text, file)
            XCTAssertEqual(try JSONDecoder().decode(Platform.self, from: Data(text.utf8)), platform, file)
        }
    }

    func testDecodableValidates() {
        let text = PlatformFixtures.tiny(("\"dma_engines\": 2", "\"dma_engines\": 0"))
        XCTAssertThrowsError(try JSONDecoder().decode(Platform.self, from: Data(text.utf8))) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.debugDescription, """
            (embedded platform): invalid platform (1 problem):
              links[0].dma_engines: must be from 1 to 64, found 0
            """)
        }
    }

    func testTextSummary() throws {
        let check = try Platform.check(path: Repository.platform("onnc-cpu-dsp-dla.json"))
        let text = check.summary.description
        for line in [
            "platform \"onnc-cpu-dsp-dla\" (hetero-plan/platform@1) from \(check.file)",
            "units (3):",
            "  dla: dla, 1000 MHz, computes in int8",
            "    peak MAC/s: int8 2048 G, int16 1024 G, float16 1024 G",
            "    operators: 9 operator types: Add, AveragePool, BatchNormalization, Concat, Conv, Gemm, MaxPool, Relu, Sum",
            "    memory: dram, local memory dla_cbuf (tiles larger working sets), keeps activations in soc_sram where they fit",
            "    command path: driver, submit 30 us per subgraph, 1 us per operator, sync 20 us",
            "    operators: every operator type (\"*\")",
            "  dram: dram, 4 GiB, 25.6 GB/s, latency 0.1 us, units cpu, dsp, dla",
            "  dla_cbuf: scratchpad, 512 KiB, 128 GB/s, latency 0 us, units dla",
            "  dram <-> dla_cbuf: 25.6 GB/s, latency 1.2 us, 1 DMA engine",
            "interconnect: contention on",
            "host: submit 8 us, sync 2 us per inference",
            "warnings: none",
        ] {
            XCTAssertTrue(text.components(separatedBy: "\n").contains(line), "missing line: \(line)\n\(text)")
        }
    }

    func testJSONSummary() throws {
        let check = try Platform.check(JSONParser.parse(PlatformFixtures.tiny), file: "tiny.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try JSONParser.parse(String(decoding: try encoder.encode(check.summary), as: UTF8.self))
        XCTAssertEqual(json["format"], .string("hetero-plan/platform@1"))
        XCTAssertEqual(json["warnings"].flatMap { if case .array(let a) = $0 { a.count } else { nil } }, 24)
        guard case .array(let units)? = json["units"], case .array(let memories)? = json["memories"] else {
            return XCTFail("units and memories expected")
        }
        XCTAssertEqual(units.count, 3)
        XCTAssertEqual(units[0]["supports_all_operators"], .bool(true))
        XCTAssertEqual(units[1]["operators"], .array([.string("Relu"), .string("Softmax")]))
        XCTAssertEqual(units[1]["fusion_patterns"], .array([.string("Relu > Softmax")]))
        XCTAssertEqual(memories[0]["units"], .array([.string("cpu")]))
        XCTAssertEqual(memories[0]["capacity_bytes"], .number(1_073_741_824))
    }
}
