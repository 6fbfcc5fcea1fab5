import HeteroPlatform
import TestSupport
import XCTest

/// Platforms changed in code are checked by the same rules as files.
final class PlatformValidationTests: XCTestCase {
    func testValidatedAcceptsAValidPlatformAndRejectsAChangedOne() throws {
        let platform = try Platform.load(path: Repository.platform("onnc-cpu-dsp-dla.json"))
        XCTAssertEqual(try platform.validated(), platform)

        var shrunk = platform
        shrunk.memories[2].capacityBytes = 0
        shrunk.links.removeAll { $0.to == "dsp_tcm" }
        XCTAssertThrowsError(try shrunk.validated(file: "sweep point 3")) { error in
            XCTAssertEqual("\(error)", """
            sweep point 3: invalid platform (3 problems):
              memories[2].capacity_bytes: must be from 1 to 17592186044416 bytes, found 0
              units[1].local_memory: no link path between memory "dram" and local memory "dsp_tcm"
              units[1].resident_memory: no link path between memory "dram" and resident memory "dsp_tcm"
            """)
        }
        var isolated = platform
        isolated.units[1].memory = "dsp_tcm"
        isolated.units[1].localMemory = nil
        isolated.units[1].residentMemory = nil
        isolated.links.removeAll { $0.to == "dsp_tcm" }
        XCTAssertThrowsError(try isolated.validated(file: "isolated")) { error in
            XCTAssertEqual("\(error)", """
            isolated: invalid platform (1 problem):
              units[1].memory: no link path between memory "dram" (unit "cpu") and memory "dsp_tcm" (unit "dsp")
            """)
        }
    }
    /// A unit cannot compute from another unit's resident memory (the planner evicts from it);
    /// reported once at the unit's `memory`, also for an array's tiles (one template path).
    func testAUnitComputingFromAnotherUnitsResidentMemoryIsRejected() throws {
        var platform = try Platform.load(path: Repository.platform("onnc-cpu-dsp-dla.json"))
        platform.units[2].memory = "dsp_tcm"
        XCTAssertThrowsError(try platform.validated(file: "borrowed")) { error in
            XCTAssertEqual("\(error)", """
            borrowed: invalid platform (1 problem):
              units[2].memory: memory "dsp_tcm" is the resident memory of unit "dsp" (units[1].resident_memory), \
            whose activations the planner may evict from it; expected a memory the unit owns (a memory of its own, linked to "dsp_tcm")
            """)
        }
    }
}
