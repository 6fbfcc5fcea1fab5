import HeteroCLI
import HeteroPlan
import HeteroSupport
import TestSupport
import XCTest

/// Which failures are the user's (2), the plan's (3) and the planner's own (1).
final class ExitStatusTests: XCTestCase {
    func testPlannerFailuresAreInternalErrorsNotBadInput() {
        for error in [PlanError.internalInconsistency("memory spill did not converge"), .solver("basis matrix is singular")] {
            let (status, message) = HeteroPlanCommand.outcome(of: error)
            XCTAssertEqual(status, 1, "\(error)")
            XCTAssertTrue(message.hasPrefix("error: internal error: "), message)
            XCTAssertTrue(message.contains("This is a bug in hetero-plan, not in your input: please report it"), message)
        }
    }

    func testInputProblemsStayExitTwo() {
        let unplaceable = PlanError.unplaceable(operator: "conv1 (Conv)", reasons: ["dla: no Conv with group 3"])
        XCTAssertEqual(HeteroPlanCommand.outcome(of: unplaceable).status, 2)
        XCTAssertEqual(HeteroPlanCommand.outcome(of: unplaceable).message, "error: conv1 (Conv) cannot run on any unit: dla: no Conv with group 3")
        XCTAssertEqual(HeteroPlanCommand.outcome(of: InputError.option(name: "--evaluations", message: "must be positive")).status, 2)
    }

    /// `plan`'s own plan failing the simulator's resolver is an invalid plan (3), not bad input,
    /// even though the resolver reports it as an `InputError` for plans a user gives.
    func testOwnPlanFailingItsCheckIsAnInvalidPlan() {
        let problem = Problem(JSONPath.root.appending("buffers").appending(7).appending("bytes"), "takes 193600 bytes, not 774400")
        let rejected = OwnPlanRejected(problems: .invalid(file: "plan.json", what: "plan", problems: [problem]))
        let (status, message) = HeteroPlanCommand.outcome(of: rejected)
        XCTAssertEqual(status, 3)
        XCTAssertTrue(message.hasPrefix("error: the plan failed its own check (a bug in hetero-plan"), message)
        XCTAssertTrue(message.contains("plan.json: invalid plan (1 problem):\n  buffers[7].bytes: takes 193600 bytes, not 774400"), message)
        XCTAssertEqual(HeteroPlanCommand.outcome(of: rejected.problems).status, 2)
    }

    func testUsageErrorsAreBadInputAndHelpSucceeds() throws {
        XCTAssertEqual(try CLI.run(["plan"]).status, 2)
        let help = try CLI.run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("1 an internal error"), help.stdout)
    }
}
