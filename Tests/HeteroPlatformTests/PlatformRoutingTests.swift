import HeteroPlatform
import TestSupport
import XCTest

/// Routes between memories: optimal, deterministic, and nil when impossible.
final class PlatformRoutingTests: XCTestCase {
    private func memory(_ name: String) -> Memory {
        Memory(name: name, kind: .sram, capacityBytes: nil, bandwidthGBs: 1)
    }

    /// a - b - d and a - c - d with equal links, plus e reachable only one way from d.
    private var diamond: Platform {
        Platform(
            name: "diamond",
            units: [ProcessingUnit(name: "u", kind: .cpu, clockMHz: 1, memory: "a", operators: ["*": OperatorSupport(operatorType: "*")])],
            memories: ["a", "b", "c", "d", "e"].map(memory),
            links: [
                Link(from: "a", to: "c", bandwidthGBs: 1),
                Link(from: "a", to: "b", bandwidthGBs: 1),
                Link(from: "c", to: "d", bandwidthGBs: 1),
                Link(from: "b", to: "d", bandwidthGBs: 1),
                Link(from: "d", to: "e", bandwidthGBs: 1, bidirectional: false),
            ],
            interconnect: Interconnect(contention: false))
    }

    func testTiesAreBrokenByMemoryNames() throws {
        for preference in [RoutePreference.fewestHops, .fastest(bytes: 1000)] {
            let route = try XCTUnwrap(diamond.route(from: "a", to: "d", preferring: preference))
            XCTAssertEqual(route.label, "a -> b -> d")
            XCTAssertEqual(route.hops.map(\.linkIndex), [1, 3])
        }
        XCTAssertEqual(diamond.route(from: "d", to: "a")?.label, "d -> b -> a")
    }

    func testOneWayLinksAndUnknownMemories() {
        XCTAssertEqual(diamond.route(from: "a", to: "e")?.label, "a -> b -> d -> e")
        XCTAssertNil(diamond.route(from: "e", to: "a"))
        XCTAssertNil(diamond.route(from: "a", to: "zz"))
        XCTAssertEqual(diamond.route(from: "c", to: "c")?.hops, [])
        XCTAssertEqual(diamond.transferTimeUS(bytes: 1 << 20, from: "c", to: "c"), 0)
    }

    func testFastestDependsOnTheSize() throws {
        var platform = diamond
        // A direct a -> d link with high latency but high bandwidth.
        platform.links.append(Link(from: "a", to: "d", bandwidthGBs: 100, latencyUS: 50))
        XCTAssertEqual(platform.route(from: "a", to: "d", bytes: 10)?.label, "a -> b -> d")
        XCTAssertEqual(platform.route(from: "a", to: "d", bytes: 1_000_000)?.label, "a -> d")
        XCTAssertEqual(platform.route(from: "a", to: "d", preferring: .fewestHops)?.label, "a -> d")
        let time = try XCTUnwrap(platform.transferTimeUS(bytes: 1_000_000, from: "a", to: "d"))
        XCTAssertEqual(time, 50 + 1_000_000 / 100_000, accuracy: 1e-9)
    }

    func testONNCPlatformPrefersTheOnChipSRAM() throws {
        let platform = try Platform.load(path: Repository.platform("onnc-cpu-dsp-dla.json"))
        let route = try XCTUnwrap(platform.route(from: "dla_cbuf", to: "dsp_tcm", bytes: 1 << 20))
        XCTAssertEqual(route.label, "dla_cbuf -> soc_sram -> dsp_tcm")
        XCTAssertEqual(route.bottleneckGBs, 32)
        XCTAssertEqual(route.latencyUS, 0.328, accuracy: 1e-12)
        XCTAssertEqual(route.transferTimeUS(bytes: 1 << 20), 0.328 + 1_048_576.0 / 64_000 + 1_048_576.0 / 32_000, accuracy: 1e-9)
        XCTAssertEqual(platform.route(from: "dla_cbuf", to: "dsp_tcm")?.label, "dla_cbuf -> soc_sram -> dsp_tcm")
    }
}
