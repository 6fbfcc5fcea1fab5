import HeteroPlatform
import XCTest

/// `shared_memory` links: an array's neighbour links are shared memory (a tile reads its
/// neighbour's data memory in place), its interface and cascade links are not; a plain link may
/// say so itself.
final class SharedMemoryLinkTests: XCTestCase {
    func testNeighbourLinksAreSharedAndOthersAreNot() throws {
        let platform = try Platform.decode(jsonText: TileArrayTests.platform(), file: "grid.json")
        let shared = platform.links.filter(\.sharedMemory).map(\.label).sorted()
        // 2 x 3 tiles, north neighbours only: one link per column.
        XCTAssertEqual(shared, ["aie_r0_c0_mem <-> aie_r1_c0_mem", "aie_r0_c1_mem <-> aie_r1_c1_mem", "aie_r0_c2_mem <-> aie_r1_c2_mem"])
        XCTAssertTrue(platform.links.filter { $0.from == "dram" || !$0.bidirectional }.allSatisfy { !$0.sharedMemory },
                      "interface and cascade links are DMA paths")
    }

    func testAPlainLinkMayBeSharedMemory() throws {
        let text = TileArrayTests.platform().replacingOccurrences(
            of: #""arrays": ["#,
            with: #""links": [{"from": "aie_r0_c0_mem", "to": "aie_r0_c2_mem", "bandwidth_gb_s": 1, "shared_memory": true}], "arrays": ["#)
        XCTAssertThrowsError(try Platform.decode(jsonText: text.replacingOccurrences(of: #""shared_memory": true"#, with: #""shared_memory": 1"#),
                                                 file: "grid.json"), "a number is not a boolean")
        let platform = try Platform.decode(jsonText: text, file: "grid.json")
        XCTAssertTrue(try XCTUnwrap(platform.links.first { $0.from == "aie_r0_c0_mem" && $0.to == "aie_r0_c2_mem" }).sharedMemory)
    }
}
