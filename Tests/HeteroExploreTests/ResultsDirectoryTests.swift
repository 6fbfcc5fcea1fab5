import Foundation
import TestSupport
import XCTest

/// Result directories that cannot be trusted or written are refused with the line or path and
/// what to do: a conflicting duplicate record, results without a fingerprint, an output path
/// under a regular file.
final class ResultsDirectoryTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory().url
        let spec = ExploreFixture.spec(cbuf: #"{"from": 64, "to": 128, "factor": 2}"#, strategies: #"["heft"]"#)
        try writeText(spec, to: directory.appendingPathComponent("sweep.json"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func explore(_ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["explore", "sweep.json", "-o", "out", "--progress", "none"] + extra, in: directory)
    }

    private var results: URL { directory.appendingPathComponent("out/results.jsonl") }

    private func lines() throws -> [String] {
        try String(contentsOf: results, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testConflictingDuplicateNamesTheLine() throws {
        XCTAssertEqual(try explore().status, 0)
        var lines = try lines()
        XCTAssertEqual(lines.count, 8)
        // An identical repeat (timings aside) is tolerated.
        try (lines + [lines[2]]).map { $0 + "\n" }.joined().write(to: results, atomically: true, encoding: .utf8)
        let tolerated = try explore()
        XCTAssertEqual(tolerated.status, 0, tolerated.stderr)

        // A repeat with another latency is not.
        let id = try XCTUnwrap(lines[2].range(of: #""id":"[0-9a-f]+""#, options: .regularExpression).map { String(lines[2][$0]).dropFirst(6).dropLast() })
        let changed = lines[2].replacingOccurrences(of: #""latency_us":"#, with: #""latency_us":1"#)
        XCTAssertNotEqual(changed, lines[2])
        lines.append(changed)
        try lines.map { $0 + "\n" }.joined().write(to: results, atomically: true, encoding: .utf8)
        for extra in [[], ["--report-only"]] {
            let refused = try explore(extra)
            XCTAssertEqual(refused.status, 2, refused.stderr)
            XCTAssertTrue(refused.stderr.contains("results.jsonl:9: point \(id) is already recorded on line 3 with a different result"),
                          refused.stderr)
        }
    }

    func testMissingFingerprintIsRefusedUnlessAdopted() throws {
        XCTAssertEqual(try explore().status, 0)
        let fingerprint = directory.appendingPathComponent("out/sweep-fingerprint")
        let original = try String(contentsOf: fingerprint, encoding: .utf8)
        try FileManager.default.removeItem(at: fingerprint)
        for extra in [[], ["--report-only"]] {
            let refused = try explore(extra)
            XCTAssertEqual(refused.status, 2, refused.stderr)
            for fragment in ["holds 8 result record(s) but no sweep-fingerprint", "delete the directory", "--adopt-results"] {
                XCTAssertTrue(refused.stderr.contains(fragment), refused.stderr)
            }
        }
        let adopted = try explore(["--adopt-results"])
        XCTAssertEqual(adopted.status, 0, adopted.stderr)
        XCTAssertTrue(adopted.stdout.contains("8 already done"), adopted.stdout)
        XCTAssertEqual(try String(contentsOf: fingerprint, encoding: .utf8), original)
    }

    func testOutputUnderARegularFile() throws {
        try writeText("x", to: directory.appendingPathComponent("file"))
        let result = try CLI.run(["explore", "sweep.json", "-o", "file/out", "--progress", "none"], in: directory)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("file/out: cannot create the results directory: \(directory.path)/file is a file, not a directory"),
                      result.stderr)
        XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain"))
    }
}

/// Writes `text` as UTF-8 to `url`.
private func writeText(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}
