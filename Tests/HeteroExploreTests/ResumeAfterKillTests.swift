import Foundation
import HeteroExplore
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A sweep killed with SIGKILL at a random moment and resumed gives the same results, point for
/// point, as an uninterrupted run: nothing lost, nothing duplicated, a torn line repaired.
final class ResumeAfterKillTests: XCTestCase {
    func testKilledSweepResumesToTheSameResults() throws {
        let directory = try makeTemporaryDirectory()
        try directory.write("sweep.json", ExploreFixture.spec())

        let started = Date()
        let reference = try CLI.run(["explore", "sweep.json", "-o", "reference", "--progress", "none"], in: directory.url)
        let duration = Date().timeIntervalSince(started)
        XCTAssertEqual(reference.status, 0, reference.stderr)
        let expected = try ExploreFixture.records(directory.url.appendingPathComponent("reference/results.jsonl"))
        XCTAssertEqual(expected.count, 7 * 2 * 2 * 2)

        var generator = SystemRandomNumberGenerator()
        var partialKills = 0
        for attempt in 0..<4 {
            let process = try CLI.start(["explore", "sweep.json", "-o", "killed", "--progress", "none"], in: directory.url)
            let delay = Double.random(in: 0.1...max(0.2, duration * 0.5), using: &generator)
            Thread.sleep(forTimeInterval: delay)
            let killed = process.isRunning
            if killed { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let partial = try ExploreFixture.records(directory.url.appendingPathComponent("killed/results.jsonl"))
            if killed, partial.count < expected.count { partialKills += 1 }
            print("attempt \(attempt): killed after \(String(format: "%.2f", delay)) s with \(partial.count) of \(expected.count) points done")
            for (id, record) in partial { XCTAssertEqual(record, expected[id], "point \(id) differs after a kill") }
        }
        XCTAssertGreaterThan(partialKills, 0, "no kill interrupted the sweep; make it longer")

        // A write cut short by the crash: a torn last line must be cut off, not kept or duplicated.
        let log = try FileHandle(forWritingTo: directory.url.appendingPathComponent("killed/results.jsonl"))
        try log.seekToEnd()
        try log.write(contentsOf: Data(#"{"elapsed_s":0.1,"id":"deadbeef","metr"#.utf8))
        try log.close()

        let resumed = try CLI.run(["explore", "sweep.json", "-o", "killed", "--progress", "none"], in: directory.url)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("torn last line"), resumed.stderr)
        let final = try ExploreFixture.records(directory.url.appendingPathComponent("killed/results.jsonl"))
        XCTAssertEqual(final, expected)
        let referenceCSV = try String(contentsOf: directory.url.appendingPathComponent("reference/results.csv"), encoding: .utf8)
        let resumedCSV = try String(contentsOf: directory.url.appendingPathComponent("killed/results.csv"), encoding: .utf8)
        XCTAssertEqual(resumedCSV, referenceCSV)

        // Running again does nothing.
        let again = try CLI.run(["explore", "sweep.json", "-o", "killed", "--progress", "none"], in: directory.url)
        XCTAssertTrue(again.stdout.contains("0 evaluated"), again.stdout)
    }
}
