import HeteroPlatform
import XCTest

/// Bad fusion declarations are reported like every other platform problem: JSON path and message.
/// (Unsupported operators and one-operator patterns are in `MalformedPlatformTests`.)
final class MalformedFusionTests: XCTestCase {
    /// `tiny` with the dsp's fusion list replaced by `fusion` (JSON text).
    private func assertFusion(_ fusion: String, _ expected: [String], line: UInt = #line) {
        let text = PlatformFixtures.tiny(("\"fusion\": [[\"Relu\", \"Softmax\"]]", "\"fusion\": \(fusion)"), line: line)
        XCTAssertEqual(PlatformFixtures.problems(text), expected, line: line)
    }

    func testTheListMustBeAnArray() {
        assertFusion("\"Relu > Softmax\"", ["units[1].fusion: expected an array, found a string"])
    }

    func testAPatternMustBeAnArrayOrAnObject() {
        assertFusion("[42]", ["units[1].fusion[0]: expected an array of operator types or an object with \"operators\", found a number"])
    }

    func testOperatorsMustBeOperatorTypeNames() {
        assertFusion("[[\"Relu\", 5]]", ["units[1].fusion[0][1]: expected an operator type, found a number"])
        assertFusion("[[\"Relu\", \"*\"]]", ["units[1].fusion[0][1]: expected an operator type, found \"*\""])
        assertFusion("[[\"Relu\", \" \"]]", ["units[1].fusion[0][1]: expected an operator type, found \" \""])
    }

    func testAnEmptyPattern() {
        assertFusion("[[]]", ["units[1].fusion[0]: a fusion pattern needs at least two operators, found 0"])
    }

    func testObjectForm() {
        assertFusion("[{\"operators\": [\"Relu\", \"Softmax\"], \"efficiency\": 1.5}]",
                     ["units[1].fusion[0].efficiency: must be from 0.001 to 1, found 1.5"])
        assertFusion("[{\"operator\": [\"Relu\", \"Softmax\"]}]", [
            "units[1].fusion[0].operators: missing required key",
            "units[1].fusion[0].operator: unknown key \"operator\" (did you mean \"operators\"?)",
        ])
        assertFusion("[{\"operators\": \"Relu\"}]", ["units[1].fusion[0].operators: expected an array, found a string"])
    }

    func testDuplicatePatterns() {
        assertFusion("[[\"Relu\", \"Softmax\"], {\"operators\": [\"Relu\", \"Softmax\"], \"efficiency\": 0.5}]",
                     ["units[1].fusion[1]: duplicate fusion pattern Relu > Softmax (also units[1].fusion[0])"])
    }

    func testEveryProblemOfOneListIsReported() {
        assertFusion("[[\"Relu\", \"Sigmoid\"], [\"Conv\"], 7]", [
            "units[1].fusion[1]: a fusion pattern needs at least two operators, found 1",
            "units[1].fusion[2]: expected an array of operator types or an object with \"operators\", found a number",
            "units[1].fusion[0][1]: unit \"dsp\" does not support \"Sigmoid\"",
            "units[1].fusion[1][0]: unit \"dsp\" does not support \"Conv\"",
        ])
    }
}
