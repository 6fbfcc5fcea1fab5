import Foundation
import HeteroExplore
import TestSupport
import XCTest

/// Four shards run as separate processes and merged equal the unsharded run.
final class ShardMergeTests: XCTestCase {
    func testFourShardsMergeToTheUnshardedResults() throws {
        let directory = try makeTemporaryDirectory()
        try directory.write("sweep.json", ExploreFixture.spec(cbuf: #"{"from": 128, "to": 1024, "factor": 2}"#))

        let whole = try CLI.run(["explore", "sweep.json", "-o", "whole", "--progress", "none"], in: directory.url)
        XCTAssertEqual(whole.status, 0, whole.stderr)

        let shards = try (0..<4).map { index in
            try CLI.start(["explore", "sweep.json", "-o", "sharded", "--shard", "\(index)/4", "-j", "1", "--progress", "lines"], in: directory.url)
        }
        for shard in shards {
            shard.waitUntilExit()
            XCTAssertEqual(shard.terminationStatus, 0)
        }
        // Incomplete merge first: three shards only.
        let partial = try CLI.run(["merge", "sweep.json", "-o", "partial",
                                   "sharded/shards/0-of-4/results.jsonl", "sharded/shards/1-of-4/results.jsonl",
                                   "sharded/shards/2-of-4/results.jsonl", "sharded/shards/2-of-4/results.jsonl"], in: directory.url)
        XCTAssertEqual(partial.status, 1)
        XCTAssertTrue(partial.stdout.contains("8 missing"), partial.stdout)
        XCTAssertTrue(partial.stdout.contains("8 duplicated with identical results"), partial.stdout)

        let merged = try CLI.run(["merge", "sweep.json", "-o", "sharded"], in: directory.url)
        XCTAssertEqual(merged.status, 0, merged.stderr + merged.stdout)
        XCTAssertTrue(merged.stdout.contains("Merged 32 points."), merged.stdout)
        let expected = try ExploreFixture.records(directory.url.appendingPathComponent("whole/results.jsonl"))
        XCTAssertEqual(expected.count, 32)
        XCTAssertEqual(try ExploreFixture.records(directory.url.appendingPathComponent("sharded/results.jsonl")), expected)
        XCTAssertEqual(try String(contentsOf: directory.url.appendingPathComponent("sharded/results.csv"), encoding: .utf8),
                       try String(contentsOf: directory.url.appendingPathComponent("whole/results.csv"), encoding: .utf8))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.path("sharded/report.md")))
    }

    /// `--shard 0/1` writes into shards/0-of-1/ like any shard (it used to write the merged
    /// results.jsonl, which the next merge overwrote); a merge with no shard results lists every
    /// point as missing, exits 1 and leaves an earlier merge's results alone.
    func testAOneShardRunIsAShardAndAnEmptyMergeListsTheMissingPoints() throws {
        let directory = try makeTemporaryDirectory()
        try directory.write("sweep.json", ExploreFixture.spec(cbuf: #"{"from": 1024, "to": 2048, "factor": 2}"#, strategies: #"["heft"]"#))
        let empty = try CLI.run(["merge", "sweep.json", "-o", "out"], in: directory.url)
        XCTAssertEqual(empty.status, 1, empty.stderr)
        XCTAssertTrue(empty.stdout.contains("Merged 0 points.\n8 missing: "), empty.stdout)
        XCTAssertTrue(empty.stderr.contains("no shard results to merge"), empty.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("out/results.jsonl")))

        let one = try CLI.run(["explore", "sweep.json", "-o", "out", "--shard", "0/1", "--progress", "none"], in: directory.url)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("shard 0/1: 8 points"), one.stdout)
        XCTAssertEqual(try ExploreFixture.records(directory.url.appendingPathComponent("out/shards/0-of-1/results.jsonl")).count, 8)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("out/results.jsonl")))
        let merged = try CLI.run(["merge", "sweep.json", "-o", "out"], in: directory.url)
        XCTAssertEqual(merged.status, 0, merged.stderr + merged.stdout)
        XCTAssertEqual(try ExploreFixture.records(directory.url.appendingPathComponent("out/results.jsonl")).count, 8)
    }
}
