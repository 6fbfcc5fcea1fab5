import Foundation
import TestSupport
import XCTest

/// `--tie-break` through the CLI on a seeded classic-model instance (`benchmark classic`'s 20-task
/// seed 20002, 3 units, CCR 1) with a small refinement budget and one search (`--search-starts 1`:
/// the tie-break alone, not the multi-start) so the test stays fast.
final class TieBreakCommandTests: XCTestCase {
    static let arguments = ["plan", Repository.path("Results/classic-instances/random-20-20002.json"),
                            "--platform", Repository.platform("examples/classic-3unit.json"),
                            "--evaluations", "2000", "--no-simulate", "--search-starts", "1"]

    func plan(_ extra: [String] = []) throws -> PlannedClassicInstance {
        try PlannedClassicInstance.plan(Self.arguments, extra, in: self)
    }

    /// finish-times gives the same plan twice, byte for byte, and on this instance a better one
    /// than `--tie-break none` (146.61 us against 150.96 us when this test was written; at this
    /// small budget it is not better on every instance — seed 20003 is worse — the reference sets
    /// in Results/search-tiebreak.md measure it at the default budget).
    func testFinishTimesIsDeterministicAndChangesTheSearch() throws {
        let first = try plan(["--tie-break", "finish-times"])
        let second = try plan(["--tie-break", "finish-times"])
        XCTAssertEqual(first.data, second.data)
        let plain = try plan(["--tie-break", "none"])
        XCTAssertLessThan(first.makespan, plain.makespan * 0.99, "finish-times \(first.makespan) us, none \(plain.makespan) us")
    }

    func testBadTieBreakIsRefused() throws {
        let result = try CLI.run(Self.arguments + ["--tie-break", "slack"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--tie-break"), result.stderr)
        XCTAssertTrue(result.stderr.contains("slack"), result.stderr)
    }
}
