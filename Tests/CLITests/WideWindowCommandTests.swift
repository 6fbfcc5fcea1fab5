import Foundation
import TestSupport
import XCTest

/// `--wide-windows` and its companions through the CLI on a seeded classic-model instance
/// (`benchmark classic`'s 20-task seed 20002, 3 units, CCR 1) with a small refinement budget and one
/// search (`--search-starts 1`: this stage alone, not the multi-start).
final class WideWindowCommandTests: XCTestCase {
    static let arguments = ["plan", Repository.path("Results/classic-instances/random-20-20002.json"),
                            "--platform", Repository.platform("examples/classic-3unit.json"),
                            "--evaluations", "2000", "--no-simulate", "--search-starts", "1"]

    /// With wide windows in either ordering, the plan is the same twice, byte for byte, and never
    /// worse than without them (the search keeps a window's plan only when it is better).
    func testWideWindowsAreDeterministicAndNeverWorse() throws {
        let off = try PlannedClassicInstance.plan(Self.arguments, [], in: self)
        for options in [["--wide-windows", "2", "--wide-window-nodes", "50"],
                        ["--wide-windows", "2", "--wide-window-ordering", "load-relaxed", "--wide-window-polish", "200"]] {
            let first = try PlannedClassicInstance.plan(Self.arguments, options, in: self)
            let second = try PlannedClassicInstance.plan(Self.arguments, options, in: self)
            XCTAssertEqual(first.data, second.data, "\(options)")
            XCTAssertLessThanOrEqual(first.makespan, off.makespan + 1e-9, "\(options)")
        }
    }

    func testBadValuesAreRefused() throws {
        for (option, message) in [("--wide-windows=-1", "--wide-windows must be between 0 and 10000 (got -1)"),
                                  ("--wide-window-nodes=0", "--wide-window-nodes must be at least 1 (got 0)"),
                                  ("--wide-window-polish=-5", "--wide-window-polish must be 0 (none) or more (got -5)")] {
            let result = try CLI.run(Self.arguments + [option])
            XCTAssertEqual(result.status, 2, option)
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
        let ordering = try CLI.run(Self.arguments + ["--wide-window-ordering", "greedy"])
        XCTAssertEqual(ordering.status, 2)
        XCTAssertTrue(ordering.stderr.contains("--wide-window-ordering"), ordering.stderr)
    }
}
