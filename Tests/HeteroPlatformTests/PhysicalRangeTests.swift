import HeteroPlatform
import HeteroSupport
import XCTest

/// Numbers outside the physical ranges of `PhysicalRange` are refused with their JSON path and
/// the range (the values of issue 16 made `plan` fail inside GLPK or trap while `check` accepted
/// them); the shipped platforms are inside every range.
final class PhysicalRangeTests: XCTestCase {
    private func assertProblems(_ text: String, _ expected: [String], line: UInt = #line) {
        XCTAssertEqual(PlatformFixtures.problems(text), expected, line: line)
    }

    func testTinyDenormalAndHugeNumbersAreRefused() {
        assertProblems(PlatformFixtures.tiny(("\"bandwidth_gb_s\": 25.6}", "\"bandwidth_gb_s\": 1e-308}")),
                       ["memories[0].bandwidth_gb_s: must be from 0.001 to 100000 GB/s, found 1e-308"])
        assertProblems(PlatformFixtures.tiny(("\"clock_mhz\": 800", "\"clock_mhz\": 1e300")),
                       ["units[1].clock_mhz: must be from 1 to 10000 MHz, found 1e+300"])
        assertProblems(PlatformFixtures.tiny(("\"efficiency\": 0.5", "\"efficiency\": 1e-308")),
                       ["units[1].operators.Softmax.efficiency: must be from 0.001 to 1, found 1e-308"])
        assertProblems(PlatformFixtures.tiny(("\"submit_us\": 100", "\"submit_us\": 1e308")),
                       ["units[1].command_path.submit_us: must be from 0 to 100000 µs, found 1e+308"])
        assertProblems(PlatformFixtures.tiny(("\"submit_us\": 100", "\"submit_us\": 1e20")),
                       ["units[1].command_path.submit_us: must be from 0 to 100000 µs, found 1e+20"])
        assertProblems(PlatformFixtures.tiny(("\"latency_us\": 1, \"dma_engines\"", "\"latency_us\": 1e308, \"dma_engines\"")),
                       ["links[0].latency_us: must be from 0 to 10000 µs, found 1e+308"])
        assertProblems(PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": 4611686018427387904")),
                       ["memories[1].capacity_bytes: must be from 1 to 17592186044416 bytes, found 4.611686018427388e+18"])
        assertProblems(PlatformFixtures.tiny(("\"clock_mhz\": 800,", "\"clock_mhz\": 800, \"macs_per_cycle\": {\"int8\": 1e-300},")),
                       ["units[1].macs_per_cycle.int8: must be from 0.001 to 1000000 per cycle, found 1e-300"])
        assertProblems(PlatformFixtures.tiny(("\"dma_engines\": 2", "\"dma_engines\": 1e9")),
                       ["links[0].dma_engines: must be from 1 to 64, found 1000000000"])
    }

    func testBoundsAreAccepted() {
        assertProblems(PlatformFixtures.tiny(("\"clock_mhz\": 800", "\"clock_mhz\": 10000"),
                                             ("\"bandwidth_gb_s\": 25.6}", "\"bandwidth_gb_s\": 0.001}"),
                                             ("\"submit_us\": 100", "\"submit_us\": 100000")), [])
    }

    /// `Platform.validated()` (sweeps, code) applies the same ranges as the file reader.
    func testPlatformsBuiltInCodeAreCheckedToo() throws {
        var platform = try Platform.decode(jsonText: PlatformFixtures.tiny, file: "tiny.json")
        platform.units[0].clockMHz = 1e300
        XCTAssertThrowsError(try platform.validated(file: "point 7")) { error in
            XCTAssertTrue("\(error)".contains("units[0].clock_mhz: must be from 1 to 10000 MHz, found 1e+300"), "\(error)")
        }
    }

    /// 2,000 units are refused at once with the limit, without decoding them.
    func testTooManyUnitsAreRefusedFast() throws {
        let unit = #"{"name": "u%d", "kind": "cpu", "clock_mhz": 1000, "memory": "dram", "command_path": {"kind": "direct", "submit_us": 0, "sync_us": 0}, "operators": {"*": {}}}"#
        let units = (0..<5000).map { String(format: unit, $0) }.joined(separator: ",\n")
        let text = """
        {"format": "hetero-plan/platform@1", "name": "huge", "units": [\(units)],
         "memories": [{"name": "dram", "kind": "dram", "capacity_bytes": "unlimited", "bandwidth_gb_s": 10}],
         "interconnect": {"contention": true}, "host": {"submit_us": 0, "sync_us": 0}}
        """
        let start = Date()
        XCTAssertEqual(PlatformFixtures.problems(text), [
            "units: has 5000 entries, more than the 4096 a platform may have",
        ])
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(Platform.maximumUnits, 4096)
    }
}
