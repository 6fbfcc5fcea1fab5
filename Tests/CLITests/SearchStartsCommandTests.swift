import Foundation
import TestSupport
import XCTest

/// The optimizer's independent searches from other starts (`--other-starts`) and the searches an
/// explicit `--time-limit` buys (`--max-searches`), through the CLI, on a seeded classic-model
/// instance (`benchmark classic`'s 20-task seed 20008, 3 units, CCR 1) with a small refinement
/// budget so the test stays fast.
final class SearchStartsCommandTests: XCTestCase {
    static let arguments = ["plan", Repository.path("Results/classic-instances/random-20-20008.json"),
                            "--platform", Repository.platform("examples/classic-3unit.json"),
                            "--evaluations", "2000", "--no-simulate"]

    func plan(_ extra: [String] = []) throws -> PlannedClassicInstance {
        try PlannedClassicInstance.plan(Self.arguments, extra, in: self)
    }

    /// The plan without its decisions (which state the time limit and count the searches).
    func planned(_ plan: PlannedClassicInstance) throws -> Data {
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: plan.data) as? [String: Any])
        document["decisions"] = nil
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    /// With `--other-starts 1` one search starts from the next-best start (here PEFT's plan, where
    /// the best start is HEFT's), and on this instance it ends lower than the four searches from
    /// the best start with their own seeds (the default, `--other-starts 0`): the assertion fails
    /// if the other-start search is removed or starts where the others do.
    func testSearchFromAnotherStartBeatsSearchesFromTheBestStart() throws {
        let defaults = try plan(["--other-starts", "1"])
        let sameStart = try plan()
        XCTAssertLessThan(defaults.makespan, sameStart.makespan - 1e-6, "default \(defaults.makespan) us, same start \(sameStart.makespan) us")
        let reason = try XCTUnwrap(defaults.reason(of: "multi-start"))
        XCTAssertTrue(reason.hasPrefix("5 independent searches with their own seeds (4 from heft, 1 from peft;"), reason)
        XCTAssertTrue(reason.contains("kept search 5 "), reason)
        let sameReason = try XCTUnwrap(sameStart.reason(of: "multi-start"))
        XCTAssertTrue(sameReason.hasPrefix("4 independent searches with their own seeds (4 from "), sameReason)
        XCTAssertEqual(try plan(["--other-starts", "1", "--search-threads", "2"]).data, defaults.data)
    }

    /// A time limit that does not run out runs searches until `--max-searches`, and its plan is the
    /// plan of that many searches without a time limit (`--search-starts`): what the clock buys is
    /// a number of searches, merged as the work-limited ones are (here 4 from the best start, then
    /// the other starts in turn). The timed plan states the cap.
    func testTimedSearchesArePlannedAsThatManySearches() throws {
        let timed = try plan(["--time-limit", "86400", "--max-searches", "7", "--search-threads", "2"])
        let counted = try plan(["--search-starts", "7"])
        XCTAssertEqual(try planned(timed), try planned(counted))
        let reason = try XCTUnwrap(timed.reason(of: "multi-start"))
        XCTAssertTrue(reason.hasPrefix("7 independent searches with their own seeds ("), reason)
        XCTAssertTrue(reason.contains("searches beyond the default run while the time limit allowed"), reason)
        let countedReason = try XCTUnwrap(counted.reason(of: "multi-start"))
        XCTAssertEqual(reason.components(separatedBy: "): ").last, countedReason.components(separatedBy: "): ").last)
        let cap = try XCTUnwrap(timed.reason(of: "time limit"))
        XCTAssertTrue(cap.contains("depends on the time limit"), cap)
        XCTAssertNil(counted.reason(of: "time limit"))
    }

    func testBadStartOptionsAreRefused() throws {
        for (option, message) in [("--other-starts=65", "--other-starts must be between 0 and 64 (got 65)"),
                                  ("--max-searches=0", "--max-searches must be between 1 and 4096 (got 0)"),
                                  ("--other-start-budget-divisor=0", "--other-start-budget-divisor must be between 1 and 1000 (got 0)")] {
            let result = try CLI.run(Self.arguments + [option])
            XCTAssertEqual(result.status, 2, option)
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
    }
}
