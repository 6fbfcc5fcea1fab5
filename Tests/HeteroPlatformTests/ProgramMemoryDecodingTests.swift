import HeteroPlatform
import TestSupport
import XCTest

/// `program_memory_bytes` on a unit (or a tile template) and `program_bytes` on its operator
/// entries: both or neither, checked where they are written.
final class ProgramMemoryDecodingTests: XCTestCase {
    func testShippedTileTemplateGivesEveryTileItsProgramMemory() throws {
        let platform = try Platform.load(path: Repository.platform("arrays/versal-vc1902-tiles.json"))
        let tile = try XCTUnwrap(platform.unit(named: "aie_r7_c49"))
        XCTAssertEqual(tile.programMemoryBytes, 16384)
        XCTAssertEqual(tile.programBytes(for: "Conv"), 4096)
        XCTAssertEqual(tile.programBytes(for: "Relu"), 512)
        XCTAssertEqual(tile.programBytes(for: "Softmax"), 0, "a tile cannot run Softmax")
        XCTAssertNil(platform.unit(named: "apu")?.programMemoryBytes)
        XCTAssertEqual(platform.unit(named: "apu")?.programBytes(for: "Conv"), 0)
    }

    func testUnitWithProgramMemoryNeedsProgramBytesOnEveryEntry() throws {
        let array = TileArrayTests.array
            .replacingOccurrences(of: "{\"int8\": 128}, \"memory\": \"dram\",", with: "{\"int8\": 128}, \"memory\": \"dram\", \"program_memory_bytes\": 16384,")
            .replacingOccurrences(of: "\"Conv\": {\"efficiency\": 0.5}", with: "\"Conv\": {\"efficiency\": 0.5, \"program_bytes\": 4096}")
        XCTAssertNotEqual(array, TileArrayTests.array)
        XCTAssertEqual(PlatformFixtures.problems(TileArrayTests.platform(array: array)), [
            "arrays[0].tile.operators.Relu: needs \"program_bytes\" (the size of its kernel's program): the unit has a program_memory_bytes",
        ])
    }

    func testProgramBytesWithoutProgramMemoryIsRefused() throws {
        let array = TileArrayTests.array
            .replacingOccurrences(of: "\"Conv\": {\"efficiency\": 0.5}", with: "\"Conv\": {\"efficiency\": 0.5, \"program_bytes\": 4096}")
        XCTAssertEqual(PlatformFixtures.problems(TileArrayTests.platform(array: array)), [
            "arrays[0].tile.operators.Conv.program_bytes: applies only on a unit with \"program_memory_bytes\"; add that to the unit or remove this",
        ])
    }

    func testInvalidProgramMemoryIsOneProblemNotOnePerEntry() throws {
        let array = TileArrayTests.array
            .replacingOccurrences(of: "{\"int8\": 128}, \"memory\": \"dram\",", with: "{\"int8\": 128}, \"memory\": \"dram\", \"program_memory_bytes\": 0,")
            .replacingOccurrences(of: "\"Conv\": {\"efficiency\": 0.5}", with: "\"Conv\": {\"efficiency\": 0.5, \"program_bytes\": 4096}")
        XCTAssertEqual(PlatformFixtures.problems(TileArrayTests.platform(array: array)), [
            "arrays[0].tile.program_memory_bytes: must be from 1 to 1073741824 bytes, found 0",
        ])
    }
}
