import HeteroPlatform
import HeteroSupport
import TestSupport
import XCTest

/// `"arrays"` in platform@1: a tile template with a count and a topology expands into units,
/// memories and links named by row and column; mistakes are reported at the template's path.
final class TileArrayTests: XCTestCase {
    /// A CPU on DRAM and a 2 x 3 array whose tiles compute from DRAM.
    static func platform(array: String = TileArrayTests.array) -> String {
        """
        {"format": "hetero-plan/platform@1", "name": "grid",
         "units": [{"name": "cpu", "kind": "cpu", "clock_mhz": 1000, "memory": "dram",
                    "command_path": {"kind": "direct", "submit_us": 0, "sync_us": 0}, "operators": {"*": {}}}],
         "memories": [{"name": "dram", "kind": "dram", "capacity_bytes": 1073741824, "bandwidth_gb_s": 25.6}],
         "arrays": [\(array)],
         "interconnect": {"contention": true}, "host": {"submit_us": 0, "sync_us": 0}}
        """
    }

    static let array = """
        {"name": "aie", "rows": 2, "columns": 3,
         "tile": {"kind": "npu", "clock_mhz": 1250, "macs_per_cycle": {"int8": 128}, "memory": "dram",
                  "command_path": {"kind": "driver", "submit_us": 2, "sync_us": 31, "queue": "array"},
                  "operators": {"Conv": {"efficiency": 0.5}, "Relu": {}}},
         "tile_memory": {"kind": "scratchpad", "capacity_bytes": 32768, "bandwidth_gb_s": 80},
         "interface": {"memory": "dram", "bandwidth_gb_s": 10, "latency_us": 0.5, "dma_engines": 2},
         "neighbour_memory": {"directions": ["north"], "bandwidth_gb_s": 80},
         "cascade": {"direction": "east", "bandwidth_gb_s": 60}}
        """

    func testArrayExpandsIntoNamedTilesMemoriesAndLinks() throws {
        let platform = try Platform.decode(jsonText: Self.platform(), file: "grid.json")
        XCTAssertEqual(platform.units.map(\.name), ["cpu", "aie_r0_c0", "aie_r0_c1", "aie_r0_c2", "aie_r1_c0", "aie_r1_c1", "aie_r1_c2"])
        let tile = try XCTUnwrap(platform.unit(named: "aie_r1_c2"))
        XCTAssertEqual(tile.memory, "dram")
        XCTAssertEqual(tile.localMemory, "aie_r1_c2_mem")
        XCTAssertEqual(tile.residentMemory, "aie_r1_c2_mem")
        XCTAssertEqual(tile.macsPerCycle[.int8], 128)
        XCTAssertEqual(tile.commandPath.queue, "array")
        XCTAssertEqual(platform.memory(named: "aie_r0_c1_mem")?.capacityBytes, 32768)
        XCTAssertEqual(platform.memories.count, 7)
        // Interface: dram <-> every tile memory.
        XCTAssertEqual(platform.links(touching: "dram").map(\.label), (0..<2).flatMap { r in (0..<3).map { "dram <-> aie_r\(r)_c\($0)_mem" } })
        // Neighbours: north, both ways; cascade: one way, east.
        XCTAssertEqual(platform.links(touching: "aie_r0_c1_mem").map(\.label), [
            "aie_r0_c0_mem -> aie_r0_c1_mem", "dram <-> aie_r0_c1_mem", "aie_r0_c1_mem <-> aie_r1_c1_mem", "aie_r0_c1_mem -> aie_r0_c2_mem",
        ])
        XCTAssertEqual(platform.links.count, 6 + 3 + 4)
        XCTAssertEqual(platform.route(from: "aie_r0_c0_mem", to: "aie_r0_c1_mem")?.bottleneckGBs, 60, "the cascade, one hop")
        XCTAssertEqual(platform.route(from: "aie_r0_c1_mem", to: "aie_r0_c0_mem")?.label, "aie_r0_c1_mem -> dram -> aie_r0_c0_mem",
                       "against the cascade: through the interface")
        XCTAssertEqual(platform.route(from: "aie_r0_c0_mem", to: "aie_r1_c0_mem")?.bottleneckGBs, 80, "shared memory to the north")
    }

    func testNeighbourLinksInBothDirectionsLeaveNoAxisForACascade() throws {
        let both = Self.array.replacingOccurrences(of: "\"directions\": [\"north\"], ", with: "")
        XCTAssertEqual(PlatformFixtures.problems(Self.platform(array: both)), [
            "arrays[0].cascade.direction: the east cascade joins the tiles that the east neighbour_memory links already join; "
                + "leave \"east\" out of neighbour_memory.directions",
        ])
        let noCascade = both.replacingOccurrences(of: ",\n \"cascade\": {\"direction\": \"east\", \"bandwidth_gb_s\": 60}", with: "")
        XCTAssertNotEqual(noCascade, both)
        let platform = try Platform.decode(jsonText: Self.platform(array: noCascade), file: "grid.json")
        XCTAssertEqual(platform.links.count, 6 + 3 + 4, "north and east neighbours, both ways")
        XCTAssertTrue(platform.links.allSatisfy(\.bidirectional))
    }

    func testCascadeDirection() throws {
        let west = Self.array.replacingOccurrences(of: "\"direction\": \"east\"", with: "\"direction\": \"west\"")
        let platform = try Platform.decode(jsonText: Self.platform(array: west), file: "grid.json")
        let cascades = platform.links.filter { !$0.bidirectional }.map(\.label)
        XCTAssertEqual(cascades, ["aie_r0_c1_mem -> aie_r0_c0_mem", "aie_r0_c2_mem -> aie_r0_c1_mem",
                                  "aie_r1_c1_mem -> aie_r1_c0_mem", "aie_r1_c2_mem -> aie_r1_c1_mem"])
    }

    func testTemplateMistakesAreReportedOnceAtTheTemplatePath() {
        func problems(_ old: String, _ new: String) -> [String] {
            XCTAssertNotNil(Self.array.range(of: old), old)
            return PlatformFixtures.problems(Self.platform(array: Self.array.replacingOccurrences(of: old, with: new)))
        }
        XCTAssertEqual(problems("\"clock_mhz\": 1250", "\"clock_mhz\": 0"), ["arrays[0].tile.clock_mhz: must be from 1 to 10000 MHz, found 0"])
        XCTAssertEqual(problems("\"kind\": \"npu\",", "\"kind\": \"npu\", \"name\": \"t\","), [
            "arrays[0].tile.name: is generated for each tile (tiles are named <array>_r<row>_c<column>, their data memories "
                + "<array>_r<row>_c<column>_mem); remove it from the template",
        ])
        XCTAssertEqual(problems("\"rows\": 2", "\"rows\": 0"), ["arrays[0].rows: must be from 1 to 4096, found 0"])
        XCTAssertEqual(problems("\"rows\": 2, \"columns\": 3", "\"rows\": 100, \"columns\": 100"),
                       ["arrays[0]: has 100 x 100 = 10000 tiles, more than the 4096 units a platform may have"])
        XCTAssertEqual(problems("\"direction\": \"east\"", "\"direction\": \"up\"").count, 1)
        XCTAssertEqual(problems("\"memory\": \"dram\", \"bandwidth_gb_s\": 10", "\"memory\": \"dramm\", \"bandwidth_gb_s\": 10"),
                       ["arrays[0].interface.memory: unknown memory \"dramm\" (did you mean \"dram\"?)"])
        XCTAssertEqual(problems("\"memory\": \"dram\",\n", "\"memory\": \"sram\",\n").count, 1, "one problem for six tiles")
    }

    /// `stream_switch`: every tile gets its row, column and its core's stream ports; the CPU none.
    func testStreamSwitchGivesEveryTileItsPlaceAndPorts() throws {
        let ports = "\"cascade\": {\"direction\": \"east\", \"bandwidth_gb_s\": 60},\n \"stream_switch\": {\"master_ports\": 2, \"slave_ports\": 3, \"port_bandwidth_gb_s\": 5}"
        let array = Self.array.replacingOccurrences(of: "\"cascade\": {\"direction\": \"east\", \"bandwidth_gb_s\": 60}", with: ports)
        let platform = try Platform.decode(jsonText: Self.platform(array: array), file: "grid.json")
        XCTAssertEqual(platform.unit(named: "aie_r1_c2")?.streamSwitch,
                       StreamSwitch(array: "aie", row: 1, column: 2, masterPorts: 2, slavePorts: 3, portBandwidthGBs: 5))
        XCTAssertNil(platform.unit(named: "cpu")?.streamSwitch)
        XCTAssertNil(try Platform.decode(jsonText: Self.platform(), file: "grid.json").unit(named: "aie_r0_c0")?.streamSwitch)
        XCTAssertEqual(PlatformFixtures.problems(Self.platform(array: array.replacingOccurrences(of: "\"master_ports\": 2", with: "\"master_ports\": 0"))),
                       ["arrays[0].stream_switch.master_ports: must be from 1 to 64, found 0"])
        XCTAssertEqual(PlatformFixtures.problems(Self.platform(array: array.replacingOccurrences(of: ", \"port_bandwidth_gb_s\": 5", with: ""))).count, 1)
    }

    func testShippedTileDescriptionOfTheVC1902() throws {
        let check = try Platform.check(path: Repository.platform("arrays/versal-vc1902-tiles.json"))
        XCTAssertEqual(check.warnings, [])
        let platform = check.platform
        let tiles = platform.units.filter { $0.name.hasPrefix("aie_") }
        XCTAssertEqual(tiles.count, 400)
        XCTAssertEqual(platform.units.count, 402)
        XCTAssertEqual(tiles.last?.name, "aie_r7_c49")
        XCTAssertEqual(tiles.first?.macsPerCycle[.int8], 128)
        XCTAssertEqual(platform.memory(named: "aie_r3_c12_mem")?.capacityBytes, 32 * 1024)
        // The array's int8 peak equals the four quarters' together.
        let quarters = try Platform.load(path: Repository.platform("versal-vc1902.json"))
        let quarterPeak = quarters.units.filter { $0.name.hasPrefix("aie") }.compactMap { $0.peakMACsPerSecond(.int8) }.reduce(0, +)
        XCTAssertEqual(tiles.compactMap { $0.peakMACsPerSecond(.int8) }.reduce(0, +), quarterPeak, accuracy: 1)
    }
}
