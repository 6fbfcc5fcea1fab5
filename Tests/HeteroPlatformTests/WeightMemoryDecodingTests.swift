import HeteroPlatform
import XCTest

/// `weight_memory`: a unit reads its weights from one memory and its activations from another.
/// Validated like the other memory fields, reported at its JSON path; an array's tiles get it
/// from their template, joined to it by the array's `weight_interface`.
final class WeightMemoryDecodingTests: XCTestCase {
    /// `tiny`'s DLA computing from its buffer, its weights read from DRAM.
    static let dlaWeightsFromDRAM = ("\"memory\": \"dla_buf\",", "\"memory\": \"dla_buf\", \"weight_memory\": \"dram\",")

    func testWeightMemoryDecodesAndDefaultsToNone() throws {
        let platform = try Platform.decode(jsonText: PlatformFixtures.tiny(Self.dlaWeightsFromDRAM), file: "t.json")
        let dla = try XCTUnwrap(platform.unit(named: "dla"))
        XCTAssertEqual(dla.weightMemory, "dram")
        XCTAssertEqual(dla.memory, "dla_buf")
        let cpu = try XCTUnwrap(platform.unit(named: "cpu"))
        XCTAssertNil(cpu.weightMemory, "weights come from the unit's memory by default")
        XCTAssertTrue(PlatformSummary(platform, file: "t.json", warnings: []).description.contains("memory: dla_buf, weights from dram"))
    }

    func testBadWeightMemoriesAreReportedAtTheirPath() {
        func problems(_ weightMemory: String) -> [String] {
            PlatformFixtures.problems(PlatformFixtures.tiny(("\"memory\": \"dla_buf\",", "\"memory\": \"dla_buf\", \"weight_memory\": \"\(weightMemory)\",")))
        }
        XCTAssertEqual(problems("dramm"), ["units[2].weight_memory: unknown memory \"dramm\" (did you mean \"dram\"?)"])
        XCTAssertEqual(problems("dla_buf"), ["units[2].weight_memory: is the unit's memory \"dla_buf\" itself; leave weight_memory out instead"])
        // The DSP's TCM made the DLA's weight memory and the DSP's resident memory.
        let resident = PlatformFixtures.problems(PlatformFixtures.tiny(
            ("\"memory\": \"dla_buf\",", "\"memory\": \"dla_buf\", \"weight_memory\": \"tcm\","),
            ("\"memory\": \"tcm\",", "\"memory\": \"dram\", \"resident_memory\": \"tcm\",")))
        XCTAssertEqual(resident.count, 1, "\(resident)")
        XCTAssertTrue(resident.first?.hasPrefix("units[2].weight_memory: memory \"tcm\" is the resident memory of unit \"dsp\"") ?? false, "\(resident)")
    }

    func testWeightMemoryMustReachTheUnit() {
        // Without the DRAM -> dla_buf link the DLA's weights cannot reach it (nor its memory the others).
        let text = PlatformFixtures.tiny(Self.dlaWeightsFromDRAM, (",\n    {\"from\": \"dram\", \"to\": \"dla_buf\", \"bandwidth_gb_s\": 25.6, \"latency_us\": 1}", ""))
        let problems = PlatformFixtures.problems(text)
        XCTAssertTrue(problems.contains("units[2].weight_memory: no link path from weight memory \"dram\" to memory \"dla_buf\", where the unit reads its weights"),
                      "\(problems)")
    }

    /// An array whose tiles compute from a PL memory `pl_fm` (the `interface`) and read their
    /// weights from DRAM over a one-way `weight_interface`.
    static let plArray = """
        {"name": "aie", "rows": 1, "columns": 2,
         "tile": {"kind": "npu", "clock_mhz": 1250, "macs_per_cycle": {"int8": 128}, "memory": "pl_fm", "weight_memory": "dram",
                  "command_path": {"kind": "direct", "submit_us": 0, "sync_us": 0}, "operators": {"Conv": {}}},
         "tile_memory": {"kind": "scratchpad", "capacity_bytes": 32768, "bandwidth_gb_s": 80},
         "interface": {"memory": "pl_fm", "bandwidth_gb_s": 32},
         "weight_interface": {"memory": "dram", "bandwidth_gb_s": 16, "latency_us": 0.5}}
        """

    static func platform(array: String) -> String {
        TileArrayTests.platform(array: array).replacingOccurrences(
            of: "\"bandwidth_gb_s\": 25.6}],",
            with: "\"bandwidth_gb_s\": 25.6}, {\"name\": \"pl_fm\", \"kind\": \"sram\", \"capacity_bytes\": 4194304, \"bandwidth_gb_s\": 1248}],\n"
                + " \"links\": [{\"from\": \"dram\", \"to\": \"pl_fm\", \"bandwidth_gb_s\": 16}],")
    }

    func testArrayWeightInterfaceLinksTheWeightMemoryToEveryTile() throws {
        let platform = try Platform.decode(jsonText: Self.platform(array: Self.plArray), file: "grid.json")
        let tile = try XCTUnwrap(platform.unit(named: "aie_r0_c1"))
        XCTAssertEqual(tile.memory, "pl_fm")
        XCTAssertEqual(tile.weightMemory, "dram")
        XCTAssertEqual(platform.links(touching: "aie_r0_c1_mem").map(\.label), ["pl_fm <-> aie_r0_c1_mem", "dram -> aie_r0_c1_mem"])
        XCTAssertEqual(platform.route(from: "dram", to: "aie_r0_c0_mem")?.bottleneckGBs, 16, "the weight interface, one hop")
    }

    func testArrayWeightInterfaceMistakes() {
        func problems(_ old: String, _ new: String) -> [String] {
            XCTAssertNotNil(Self.plArray.range(of: old), old)
            return PlatformFixtures.problems(Self.platform(array: Self.plArray.replacingOccurrences(of: old, with: new)))
        }
        XCTAssertEqual(problems("\"memory\": \"pl_fm\", \"weight_memory\": \"dram\",", "\"memory\": \"pl_fm\","), [
            "arrays[0].weight_interface.memory: expected the tile template's weight_memory (the memory the tiles read their weights from); "
                + "found \"dram\", and tile.weight_memory is not given",
        ])
        XCTAssertEqual(problems("{\"memory\": \"dram\", \"bandwidth_gb_s\": 16", "{\"memory\": \"dramm\", \"bandwidth_gb_s\": 16"), [
            "arrays[0].weight_interface.memory: unknown memory \"dramm\" (did you mean \"dram\"?)",
        ])
        XCTAssertEqual(problems("\"interface\": {\"memory\": \"pl_fm\"", "\"interface\": {\"memory\": \"dram\""), [
            "arrays[0].weight_interface.memory: is the interface memory \"dram\", already linked to every tile memory; "
                + "leave weight_interface out (give the tile template a weight_memory only if it differs from its memory)",
        ])
    }
}
