import Foundation
import HeteroPlatform
import TestSupport
import XCTest

/// `Platforms/platform.schema.json` and the decoder agree: the shipped files pass both, and the
/// structural mistakes the decoder rejects are rejected by the schema too. Runs only where
/// python3 with `jsonschema` is installed.
final class PlatformSchemaTests: XCTestCase {
    private static let validator = """
    import json, sys
    from jsonschema import Draft202012Validator
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in sys.argv[2:]:
        ok = validator.is_valid(json.load(open(path)))
        print(("valid " if ok else "invalid ") + path)
    """

    /// Runs the validator on `files`; `nil` when python3 or jsonschema is missing.
    private func schemaVerdicts(_ files: [String]) throws -> [String: Bool]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.validator, Repository.platform("platform.schema.json")] + files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var verdicts: [String: Bool] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            verdicts[String(parts[1])] = parts[0] == "valid"
        }
        return verdicts
    }

    func testShippedFilesMatchTheSchema() throws {
        let files = PlatformFixtures.shippedFiles.map(Repository.platform)
        guard let verdicts = try schemaVerdicts(files) else { throw XCTSkip("python3 with jsonschema is not available") }
        for file in files {
            XCTAssertEqual(verdicts[file], true, file)
            XCTAssertNoThrow(try Platform.load(path: file))
        }
    }

    func testStructuralMistakesFailBoth() throws {
        let broken: [String] = [
            PlatformFixtures.tiny(("\"latency_us\": 1, \"dma_engines\"", "\"latncy_us\": 1, \"dma_engines\"")),
            PlatformFixtures.tiny(("\"clock_mhz\": 800", "\"clock_mhz\": \"fast\"")),
            PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": -5")),
            PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": 0")),
            PlatformFixtures.tiny(("\"capacity_bytes\": 262144", "\"capacity_bytes\": null")),
            PlatformFixtures.tiny(("\"memory\": \"tcm\",", "")),
            PlatformFixtures.tiny(("\"efficiency\": 0.5", "\"efficiency\": 1.5")),
            PlatformFixtures.tiny(("\"dma_engines\": 2", "\"dma_engines\": 0")),
            PlatformFixtures.tiny(("platform@1", "platform@2")),
            PlatformFixtures.tiny(("\"kind\": \"dla\"", "\"kind\": \"fpga\"")),
            PlatformFixtures.tiny(("\"operators\": {\"*\": {}}", "\"operators\": {}")),
            PlatformFixtures.tiny(("[\"Relu\", \"Softmax\"]", "[\"Relu\"]")),
            PlatformFixtures.tiny(("\"clock_mhz\": 800,", "\"clock_mhz\": 800, \"compute_type\": \"fp16\",")),
            PlatformFixtures.tiny(("\"clock_mhz\": 800,", "\"clock_mhz\": 800, \"macs_per_cycle\": {\"int8\": 64, \"source\": \"x\"},")),
            PlatformFixtures.tiny(("\"host\": {\"submit_us\": 0, \"sync_us\": 0}", "\"host\": {\"submit_us\": 0}")),
        ]
        let directory = try makeTemporaryDirectory()
        var files: [String] = []
        for (index, text) in broken.enumerated() {
            XCTAssertNotEqual(PlatformFixtures.problems(text), [], "case \(index) should fail the decoder")
            files.append(try directory.write("broken-\(index).json", text))
        }
        let valid = try directory.write("tiny.json", PlatformFixtures.tiny)
        guard let verdicts = try schemaVerdicts(files + [valid]) else { throw XCTSkip("python3 with jsonschema is not available") }
        for (index, file) in files.enumerated() {
            XCTAssertEqual(verdicts[file], false, "case \(index) should fail the schema")
        }
        XCTAssertEqual(verdicts[valid], true)
    }
}
