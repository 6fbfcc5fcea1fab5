import Foundation
import TestSupport
import XCTest

/// The optimizer's iterated-greedy stage (`--iterated-greedy`, on by default;
/// OptimizeStrategy+IteratedGreedy.swift), through the CLI, on the instance `SwapMovesCommandTests`
/// uses (`benchmark classic`'s 20-task seed 20008, 3 units, CCR 1, a small refinement budget,
/// other starts off), where the unit-swap stage ends at 117.870 us and the iterated-greedy stage
/// after it reaches 116.959 us.
final class IteratedGreedyCommandTests: XCTestCase {
    static let arguments = ["plan", Repository.path("Results/classic-instances/random-20-20008.json"),
                            "--platform", Repository.platform("examples/classic-3unit.json"),
                            "--evaluations", "2000", "--no-simulate", "--other-starts", "0"]

    func plan(_ extra: [String] = []) throws -> PlannedClassicInstance {
        try PlannedClassicInstance.plan(Self.arguments, extra, in: self)
    }

    /// Off, the plan is the unit-swap stage's (117.870 us) and no iterated-greedy record is
    /// written; by default the stage runs after it, its record names the plan it started from and
    /// the one it kept, and that plan is lower: the assertion fails if the stage stops running or
    /// its plan is not kept, or if the switch stops turning it off. `on` is the default, and two
    /// threads give the same bytes.
    func testTheOffSwitchGivesThePlanWithoutTheStageAndTheDefaultBeatsIt() throws {
        let greedy = try plan()
        let without = try plan(["--iterated-greedy", "off"])
        XCTAssertEqual(without.makespan, 117.870, accuracy: 1e-6)
        XCTAssertNil(without.reason(of: "iterated greedy"))
        let swaps = try XCTUnwrap(without.reason(of: "unit swaps"))
        XCTAssertTrue(swaps.hasSuffix("kept: makespan 120.080 -> 117.870 us"), swaps)
        XCTAssertEqual(greedy.reason(of: "unit swaps"), swaps)
        XCTAssertLessThan(greedy.makespan, without.makespan - 1e-6, "with the stage \(greedy.makespan) us, without \(without.makespan) us")
        XCTAssertEqual(greedy.makespan, 116.959, accuracy: 1e-6)
        let reason = try XCTUnwrap(greedy.reason(of: "iterated greedy"))
        XCTAssertTrue(reason.contains("rebuilt by HEFT's insertion and repaired by descent"), reason)
        XCTAssertTrue(reason.hasSuffix("kept: makespan 117.870 -> 116.959 us"), reason)
        XCTAssertEqual(try plan(["--iterated-greedy", "on"]).data, greedy.data)
        XCTAssertEqual(try plan(["--search-threads", "2"]).data, greedy.data)
    }

    /// Under contention the stage's plan is one more ranked plan, after the searches' and the
    /// unit-swap stage's, named by its stage (not as a search) in the ranking's record; on this
    /// instance it is the best on the ideal interconnect (116.959 us) but not with contention, so
    /// the plan is the one the stage off gives.
    func testUnderContentionTheStagePlanIsRankedByName() throws {
        let contention = ["--contention", "on"]
        let ranked = try plan(contention)
        let without = try plan(contention + ["--iterated-greedy", "off"])
        XCTAssertLessThanOrEqual(ranked.makespan, without.makespan + 1e-9)
        let reason = try XCTUnwrap(ranked.reason(of: "search ranking"))
        XCTAssertTrue(reason.hasPrefix("4 searches' plans and the iterated-greedy plan re-timed"), reason)
        XCTAssertTrue(reason.contains(", search 5 117.870 us -> "), reason)
        XCTAssertTrue(reason.contains(", iterated-greedy 116.959 us -> "), reason)
        XCTAssertFalse(reason.contains("search 6"), reason)
        let withoutReason = try XCTUnwrap(without.reason(of: "search ranking"))
        XCTAssertTrue(withoutReason.hasPrefix("4 searches' plans re-timed"), withoutReason)
        XCTAssertFalse(withoutReason.contains("iterated-greedy"), withoutReason)
        XCTAssertEqual(try plan(contention + ["--search-threads", "2"]).data, ranked.data)
    }

    func testBadSwitchIsRefused() throws {
        let result = try CLI.run(Self.arguments + ["--iterated-greedy", "maybe"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--iterated-greedy"), result.stderr)
    }
}
