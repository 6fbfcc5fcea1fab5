import Foundation
import TestSupport
import XCTest

/// The optimizer's multi-start stage (independent searches with their own seeds, the best plan
/// kept) through the CLI, on a seeded classic-model instance (`benchmark classic`'s 20-task seed
/// 20002, 3 units, CCR 1) with a small refinement budget so the test stays fast; the searches
/// from other starts (SearchStartsCommandTests) are off here, so every search starts alike, and
/// so is the unit-swap stage after the searches (SwapMovesCommandTests): the test compares the
/// searches alone.
final class MultiStartCommandTests: XCTestCase {
    static let arguments = ["plan", Repository.path("Results/classic-instances/random-20-20002.json"),
                            "--platform", Repository.platform("examples/classic-3unit.json"),
                            "--other-starts", "0", "--evaluations", "2000", "--no-simulate", "--swap-moves", "off"]

    func plan(_ extra: [String] = []) throws -> PlannedClassicInstance {
        try PlannedClassicInstance.plan(Self.arguments, extra, in: self)
    }

    /// The default (160 / 20 operators: 4 searches from the best start) gives the same plan byte for byte whether the
    /// searches run one after another or on two threads, and run twice; on this instance it is
    /// strictly better than the first search alone (`--search-starts 1`), so the assertion fails if
    /// the stage is removed or keeps search 1.
    func testSearchesAreDeterministicOnAnyThreadsAndBeatOneSearch() throws {
        let sequential = try plan()
        let threaded = try plan(["--search-threads", "2"])
        let again = try plan(["--search-threads", "2"])
        XCTAssertEqual(sequential.data, threaded.data)
        XCTAssertEqual(threaded.data, again.data)
        let single = try plan(["--search-starts", "1"])
        XCTAssertLessThan(sequential.makespan, single.makespan - 1e-6, "4 searches \(sequential.makespan) us, 1 search \(single.makespan) us")
        let reason = try XCTUnwrap(sequential.reason(of: "multi-start"))
        XCTAssertTrue(reason.hasPrefix("4 independent searches with their own seeds (4 from "), reason)
        XCTAssertFalse(reason.contains("kept search 1 "), reason)
        XCTAssertNil(single.reason(of: "multi-start"))
    }

    func testBadMultiStartOptionsAreRefused() throws {
        for (option, message) in [("--search-starts=0", "--search-starts must be between 1 and 64 (got 0)"),
                                  ("--search-threads=65", "--search-threads must be between 1 and 64 (got 65)")] {
            let result = try CLI.run(Self.arguments + [option])
            XCTAssertEqual(result.status, 2, option)
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
    }
}
