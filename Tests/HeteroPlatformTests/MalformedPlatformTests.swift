import HeteroPlatform
import HeteroSupport
import TestSupport
import XCTest

/// Every malformed document is reported with the exact JSON path and message.
final class MalformedPlatformTests: XCTestCase {
    private func assertProblems(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(PlatformFixtures.problems(text), expected, file: file, line: line)
    }

    func testTinyFixtureIsValid() {
        assertProblems(PlatformFixtures.tiny, [])
    }

    func testUnknownKeySuggestsTheKnownOne() {
        assertProblems(PlatformFixtures.tiny(("\"latency_us\": 1, \"dma_engines\"", "\"latncy_us\": 1, \"dma_engines\"")),
                       ["links[0].latncy_us: unknown key \"latncy_us\" (did you mean \"latency_us\"?)"])
    }

    func testMisspeltRequiredKeyIsMissingAndUnknown() {
        assertProblems(PlatformFixtures.tiny(("\"clock_mhz\": 800", "\"clok_mhz\": 800")), [
            "units[1].clock_mhz: missing required key",
            "units[1].clok_mhz: unknown key \"clok_mhz\" (did you mean \"clock_mhz\"?)",
        ])
    }

    func testWrongType() {
        assertProblems(PlatformFixtures.tiny(("\"clock_mhz\": 800", "\"clock_mhz\": \"fast\"")),
                       ["units[1].clock_mhz: expected a number, found a string"])
    }

    func testNegativeCapacity() {
        assertProblems(PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": -5")),
                       ["memories[1].capacity_bytes: must be from 1 to 17592186044416 bytes, found -5"])
    }

    func testZeroCapacity() {
        assertProblems(PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": 0")),
                       ["memories[1].capacity_bytes: must be from 1 to 17592186044416 bytes, found 0"])
    }

    func testCapacityMustBeBytesOrUnlimited() {
        assertProblems(PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": \"lots\"")),
                       ["memories[1].capacity_bytes: expected a whole number of bytes or \"unlimited\", found \"lots\""])
        assertProblems(PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": null")),
                       ["memories[1].capacity_bytes: expected a whole number of bytes or \"unlimited\", found null"])
        assertProblems(PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": 1.5")),
                       ["memories[1].capacity_bytes: expected a whole number, found 1.5"])
    }

    func testUnitWithoutMemory() {
        assertProblems(PlatformFixtures.tiny(("\"memory\": \"tcm\",", "")),
                       ["units[1].memory: missing required key"])
    }

    func testUnitMemoryUnknown() {
        assertProblems(PlatformFixtures.tiny(("\"memory\": \"dla_buf\"", "\"memory\": \"sram9\"")),
                       ["units[2].memory: unknown memory \"sram9\""])
    }

    func testLinkToUnknownMemorySuggestsTheKnownOne() {
        assertProblems(PlatformFixtures.tiny(("\"to\": \"tcm\"", "\"to\": \"tcm9\"")),
                       ["links[0].to: unknown memory \"tcm9\" (did you mean \"tcm\"?)"])
    }

    func testDuplicateUnitNames() {
        assertProblems(PlatformFixtures.tiny(("\"name\": \"dla\"", "\"name\": \"dsp\"")),
                       ["units[2].name: duplicate unit name \"dsp\" (also units[1])"])
    }

    func testDuplicateMemoryNames() {
        let extra = "{\"name\": \"tcm\", \"kind\": \"sram\", \"capacity_bytes\": 1024, \"bandwidth_gb_s\": 1},\n"
        assertProblems(PlatformFixtures.tiny(("{\"name\": \"dla_buf\"", extra + "{\"name\": \"dla_buf\"")),
                       ["memories[2].name: duplicate memory name \"tcm\" (also memories[1])"])
    }

    func testEfficiencyAboveOne() {
        assertProblems(PlatformFixtures.tiny(("\"efficiency\": 0.5", "\"efficiency\": 1.5")),
                       ["units[1].operators.Softmax.efficiency: must be from 0.001 to 1, found 1.5"])
    }

    func testNoDMAEngines() {
        assertProblems(PlatformFixtures.tiny(("\"dma_engines\": 2", "\"dma_engines\": 0")),
                       ["links[0].dma_engines: must be from 1 to 64, found 0"])
    }

    func testUnsupportedFormatVersion() {
        assertProblems(PlatformFixtures.tiny(("platform@1", "platform@2")),
                       ["format: unsupported version \"hetero-plan/platform@2\"; this hetero-plan reads \"hetero-plan/platform@1\""])
    }

    func testOtherFormat() {
        assertProblems(PlatformFixtures.tiny(("hetero-plan/platform@1", "hetero-plan/taskgraph@1")),
                       ["format: expected \"hetero-plan/platform@1\", found \"hetero-plan/taskgraph@1\"; is this a platform file?"])
    }

    func testMissingFormat() {
        assertProblems(PlatformFixtures.tiny(("\"format\": \"hetero-plan/platform@1\",", "")),
                       ["format: missing required key (a platform file starts with \"format\": \"hetero-plan/platform@1\")"])
    }

    func testEmptyUnits() {
        let text = """
        {"format": "hetero-plan/platform@1", "name": "none", "units": [],
         "memories": [{"name": "dram", "kind": "dram", "capacity_bytes": "unlimited", "bandwidth_gb_s": 1}],
         "interconnect": {"contention": false}, "host": {"submit_us": 0, "sync_us": 0}}
        """
        assertProblems(text, ["units: must list at least one unit"])
    }

    func testTopLevelMustBeAnObject() {
        assertProblems("[1, 2]", ["(top level): expected an object, found an array"])
    }

    func testUnreachableMemoryPair() {
        let text = PlatformFixtures.tiny((",\n    {\"from\": \"dram\", \"to\": \"dla_buf\", \"bandwidth_gb_s\": 25.6, \"latency_us\": 1}", ""))
        assertProblems(text, [
            "units[2].memory: no link path between memory \"dram\" (unit \"cpu\") and memory \"dla_buf\" (unit \"dla\")",
            "units[2].memory: no link path between memory \"tcm\" (unit \"dsp\") and memory \"dla_buf\" (unit \"dla\")",
        ])
    }

    func testOneWayLinkLeavesTheReturnPathMissing() {
        let text = PlatformFixtures.tiny(("\"to\": \"dla_buf\", \"bandwidth_gb_s\": 25.6, \"latency_us\": 1",
                                          "\"to\": \"dla_buf\", \"bandwidth_gb_s\": 25.6, \"latency_us\": 1, \"bidirectional\": false"))
        assertProblems(text, [
            "units[2].memory: no link path from memory \"dla_buf\" (unit \"dla\") to memory \"dram\" (unit \"cpu\")",
            "units[2].memory: no link path from memory \"dla_buf\" (unit \"dla\") to memory \"tcm\" (unit \"dsp\")",
        ])
    }

    func testLinkFromAMemoryToItself() {
        assertProblems(PlatformFixtures.tiny(("\"to\": \"dla_buf\"", "\"to\": \"dram\"")),
                       ["links[1].to: a link must join two different memories, found \"dram\" at both ends"])
    }

    func testDuplicateLink() {
        let text = PlatformFixtures.tiny(("\"latency_us\": 1}\n  ]", "\"latency_us\": 1},\n    {\"from\": \"tcm\", \"to\": \"dram\", \"bandwidth_gb_s\": 1}\n  ]"))
        assertProblems(text, ["links[2]: duplicate link: links[0] already carries \"tcm\" -> \"dram\""])
    }

    func testFusionWithUnsupportedOperator() {
        assertProblems(PlatformFixtures.tiny(("[\"Relu\", \"Softmax\"]", "[\"Relu\", \"Sigmoid\"]")),
                       ["units[1].fusion[0][1]: unit \"dsp\" does not support \"Sigmoid\""])
    }

    func testFusionNeedsTwoOperators() {
        assertProblems(PlatformFixtures.tiny(("[\"Relu\", \"Softmax\"]", "{\"operators\": [\"Relu\"], \"efficiency\": 0.9}")),
                       ["units[1].fusion[0].operators: a fusion pattern needs at least two operators, found 1"])
    }

    func testUnknownUnitKind() {
        assertProblems(PlatformFixtures.tiny(("\"kind\": \"dla\"", "\"kind\": \"fpga\"")),
                       ["units[2].kind: unknown unit kind \"fpga\" (expected one of: cpu, gpu, dsp, dla, npu)"])
    }

    func testInformalDataTypeName() {
        assertProblems(PlatformFixtures.tiny(("\"clock_mhz\": 800,", "\"clock_mhz\": 800, \"compute_type\": \"fp16\",")),
                       ["units[1].compute_type: unknown data type \"fp16\" (did you mean \"float16\"?)"])
    }

    func testComputeTypeNeedsAThroughputFigure() {
        let edit = ("\"clock_mhz\": 800,", "\"clock_mhz\": 800, \"compute_type\": \"int8\", \"macs_per_cycle\": {\"int16\": 64},")
        assertProblems(PlatformFixtures.tiny(edit),
                       ["units[1].compute_type: macs_per_cycle has no entry for \"int8\" (nor \"*\")"])
    }

    func testUnitWithNoOperators() {
        assertProblems(PlatformFixtures.tiny(("\"operators\": {\"*\": {}}", "\"operators\": {}")),
                       ["units[0].operators: must list at least one operator type (\"*\" for all)"])
    }

    func testSourceNoteForAFieldThatIsNotThere() {
        let edit = ("\"clock_mhz\": 800,", "\"clock_mhz\": 800, \"source\": {\"clok_mhz\": \"datasheet\"},")
        assertProblems(PlatformFixtures.tiny(edit),
                       ["units[1].source.clok_mhz: no field \"clok_mhz\" in this object to annotate (did you mean \"clock_mhz\"?)"])
    }

    func testSourceInsideATableIsMisplaced() {
        let edit = ("\"clock_mhz\": 800,", "\"clock_mhz\": 800, \"macs_per_cycle\": {\"int8\": 64, \"source\": \"x\"},")
        assertProblems(PlatformFixtures.tiny(edit), [
            "units[1].macs_per_cycle.source: \"macs_per_cycle\" maps names to values and takes no source; "
                + "note it in the enclosing object: \"source\": {\"macs_per_cycle\": \"...\"}",
        ])
    }

    func testAttachedUnknownUnit() {
        assertProblems(PlatformFixtures.tiny(("\"bandwidth_gb_s\": 100}", "\"bandwidth_gb_s\": 100, \"attached\": [\"dsp\", \"gpu\", \"dsp\"]}")), [
            "memories[1].attached[1]: unknown unit \"gpu\" (did you mean \"cpu\"?)",
            "memories[1].attached[2]: unit \"dsp\" is listed twice",
        ])
    }

    func testLocalMemoryMustDifferFromMemory() {
        assertProblems(PlatformFixtures.tiny(("\"memory\": \"tcm\",", "\"memory\": \"tcm\", \"local_memory\": \"tcm\",")),
                       ["units[1].local_memory: is the unit's memory \"tcm\" itself; leave local_memory out instead"])
    }

    func testSchemaHintMustBeAString() {
        assertProblems(PlatformFixtures.tiny(("\"name\": \"tiny\",", "\"name\": \"tiny\", \"$schema\": 1,")),
                       ["[\"$schema\"]: expected a string, found a number"])
        assertProblems(PlatformFixtures.tiny(("\"name\": \"tiny\",", "\"name\": \"tiny\", \"$schema\": \"platform.schema.json\",")), [])
    }

    /// One document with three unrelated mistakes reports all three, in document order.
    func testAllProblemsInOneReport() {
        let text = PlatformFixtures.tiny(
            ("\"capacity_bytes\": 262144", "\"capacity_bytes\": -5"),
            ("\"memory\": \"dla_buf\"", "\"memory\": \"sram9\""),
            ("\"latency_us\": 1, \"dma_engines\"", "\"latncy_us\": 1, \"dma_engines\""))
        assertProblems(text, [
            "memories[1].capacity_bytes: must be from 1 to 17592186044416 bytes, found -5",
            "links[0].latncy_us: unknown key \"latncy_us\" (did you mean \"latency_us\"?)",
            "units[2].memory: unknown memory \"sram9\"",
        ])
        XCTAssertThrowsError(try Platform.decode(jsonText: text, file: "three.json")) { error in
            XCTAssertEqual("\(error)", """
            three.json: invalid platform (3 problems):
              memories[1].capacity_bytes: must be from 1 to 17592186044416 bytes, found -5
              links[0].latncy_us: unknown key "latncy_us" (did you mean "latency_us"?)
              units[2].memory: unknown memory "sram9"
            """)
        }
    }

    func testInvalidJSONSyntax() throws {
        let path = try makeTemporaryDirectory().write("platform.json", "{\n  \"format\": \"hetero-plan/platform@1\",\n  \"name\": \"tiny\",\n}\n")
        XCTAssertThrowsError(try Platform.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path): invalid JSON at line 4, column 1: expected a quoted key")
        }
    }

    func testEmptyFile() throws {
        let path = try makeTemporaryDirectory().write("platform.json", "")
        XCTAssertThrowsError(try Platform.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path): invalid JSON at line 1, column 1: the file is empty; expected a JSON value")
        }
    }

    func testMissingFile() {
        XCTAssertThrowsError(try Platform.load(path: "/nonexistent/platform.json")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/platform.json: cannot read the file: no such file")
        }
    }
}
