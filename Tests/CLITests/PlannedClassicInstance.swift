import Foundation
import TestSupport
import XCTest

/// A plan made by the CLI for a search test: its bytes, makespan and decisions.
struct PlannedClassicInstance {
    var data: Data
    var makespan: Double
    var decisions: [[String: Any]]

    /// Runs `hetero-plan` with `arguments + extra`, writing the plan to a temporary file; the run
    /// must succeed.
    static func plan(_ arguments: [String], _ extra: [String] = [], in test: XCTestCase) throws -> PlannedClassicInstance {
        let path = try test.makeTemporaryDirectory().path("plan.json")
        let result = try CLI.run(arguments + ["-o", path] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
        return PlannedClassicInstance(data: data, makespan: try XCTUnwrap(summary["makespan_us"] as? Double),
                                      decisions: try XCTUnwrap(plan["decisions"] as? [[String: Any]]))
    }

    /// The reason of the first decision about `subject`, or nil when there is none.
    func reason(of subject: String) -> String? {
        decisions.first { $0["subject"] as? String == subject }?["reason"] as? String
    }
}
