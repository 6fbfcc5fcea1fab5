import Foundation
import TestSupport
import XCTest

/// `--perturbation-budget-divisor` through the CLI on a seeded classic-model instance
/// (`benchmark classic`'s 20-task seed 20002, 3 units, CCR 1) with a small refinement budget and one
/// search (`--search-starts 1`: this stage alone, not the multi-start).
final class PerturbationCommandTests: XCTestCase {
    static let arguments = ["plan", Repository.path("Results/classic-instances/random-20-20002.json"),
                            "--platform", Repository.platform("examples/classic-3unit.json"),
                            "--evaluations", "2000", "--no-simulate", "--search-starts", "1"]

    /// With the stage on, the plan is the same twice, byte for byte, never worse than without it,
    /// and its decisions say what the stage did.
    func testStageIsDeterministicNeverWorseAndExplained() throws {
        let first = try PlannedClassicInstance.plan(Self.arguments, ["--perturbation-budget-divisor", "4"], in: self)
        let second = try PlannedClassicInstance.plan(Self.arguments, ["--perturbation-budget-divisor", "4"], in: self)
        XCTAssertEqual(first.data, second.data)
        let off = try PlannedClassicInstance.plan(Self.arguments, ["--perturbation-budget-divisor", "0"], in: self)
        XCTAssertLessThanOrEqual(first.makespan, off.makespan + 1e-9)
        let stage = first.decisions.first { $0["subject"] as? String == "perturbation" }
        let reason = try XCTUnwrap(stage?["reason"] as? String, "\(first.decisions)")
        XCTAssertTrue(reason.contains("connected clusters of 5-12 operators relocated and repaired"), reason)
        XCTAssertFalse(off.decisions.contains { $0["subject"] as? String == "perturbation" })
    }

    func testNegativeDivisorIsRefused() throws {
        let result = try CLI.run(Self.arguments + ["--perturbation-budget-divisor=-1"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--perturbation-budget-divisor must be 0 (off) or more (got -1)"), result.stderr)
    }
}
