import Foundation
import TestSupport
import XCTest

/// Annealing's unit swaps (`--swap-moves on`), through the CLI, on a seeded classic-model instance
/// (`benchmark classic`'s 20-task seed 20008, 3 units, CCR 1) with a small refinement budget so the
/// test stays fast.
final class SwapMovesCommandTests: XCTestCase {
    static let arguments = ["plan", Repository.path("Results/classic-instances/random-20-20008.json"),
                            "--platform", Repository.platform("examples/classic-3unit.json"),
                            "--evaluations", "2000", "--no-simulate"]

    func plan(_ extra: [String] = []) throws -> PlannedClassicInstance {
        try PlannedClassicInstance.plan(Self.arguments, extra, in: self)
    }

    /// On this instance the annealing with swaps ends lower than without (117.552 against
    /// 120.080 us when written): the assertion fails if the swaps never reach the annealer. The
    /// default is off and plans as `--swap-moves off`; swaps stay deterministic on two threads.
    func testSwapsFindABetterPlanAndStayDeterministic() throws {
        let swaps = try plan(["--swap-moves", "on"])
        let without = try plan()
        XCTAssertLessThan(swaps.makespan, without.makespan - 1e-6, "swaps \(swaps.makespan) us, without \(without.makespan) us")
        XCTAssertEqual(try plan(["--swap-moves", "off"]).data, without.data)
        XCTAssertEqual(try plan(["--swap-moves", "on", "--search-threads", "2"]).data, swaps.data)
    }
}
