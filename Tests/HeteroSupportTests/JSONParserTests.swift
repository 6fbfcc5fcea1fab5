import HeteroSupport
import TestSupport
import XCTest

final class JSONParserTests: XCTestCase {
    func testParsesNestedDocumentKeepingKeyOrder() throws {
        let value = try JSONParser.parse(#"{"b": [1, 2.5e3, -0.5], "a": {"x": true, "y": null}, "s": "\u00e9\n\ud83d\ude00"}"#)
        guard case .object(let members) = value else { return XCTFail("not an object") }
        XCTAssertEqual(Array(members.keys), ["b", "a", "s"])
        XCTAssertEqual(value["b"], .array([.number(1), .number(2500), .number(-0.5)]))
        XCTAssertEqual(value["a"]?["x"], .bool(true))
        XCTAssertEqual(value["s"], .string("é\n😀"))
    }

    func testSyntaxErrorsCarryLineAndColumn() {
        let cases: [(String, String, Int, Int)] = [
            ("{\n  \"a\": 1,\n  \"b\" 2\n}", "expected ':'", 3, 7),
            ("[1, 2", "expected ',' or ']'", 1, 6),
            ("{\"a\": 01}", "leading zeros", 1, 7),
            ("{\"a\": tru}", "expected true", 1, 7),
            ("{\"a\": 1} x", "after the end", 1, 10),
            ("", "empty", 1, 1),
            ("\"abc", "unterminated string", 1, 1),
            ("{\"a\": 1, \"a\": 2}", "duplicate key \"a\"", 1, 10),
        ]
        for (text, fragment, line, column) in cases {
            do {
                _ = try JSONParser.parse(text)
                XCTFail("parsed \(text)")
            } catch {
                XCTAssertTrue(error.message.contains(fragment), "\(text): \(error)")
                XCTAssertEqual(error.line, line, text)
                XCTAssertEqual(error.column, column, text)
            }
        }
    }

    func testDeepNestingIsRejectedNotCrashing() {
        let text = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(text))
    }

    func testObjectReaderCollectsEveryProblem() throws {
        let value = try JSONParser.parse(#"{"name": 3, "size": -1, "ratio": 1.5, "colour": "red", "count": 2.5}"#)
        let problems = ProblemCollector()
        let reader = try XCTUnwrap(JSONObjectReader.make(value, at: JSONPath.root.appending("units").appending(2), problems: problems))
        XCTAssertNil(reader.string("name"))
        XCTAssertNil(reader.number("size", .positive))
        XCTAssertNil(reader.number("ratio", .fraction))
        XCTAssertNil(reader.integer("count"))
        XCTAssertNil(reader.string("missing"))
        _ = reader.string("color", required: false)
        reader.rejectUnknownKeys()
        XCTAssertEqual(problems.problems.map(\.description), [
            "units[2].name: expected a string, found a number",
            "units[2].size: must be positive, found -1",
            "units[2].ratio: must be in (0, 1], found 1.5",
            "units[2].count: expected a whole number, found 2.5",
            "units[2].missing: missing required key",
            "units[2].colour: unknown key \"colour\" (did you mean \"color\"?)",
        ])
    }
}

final class TextFileTests: XCTestCase {
    func testWriteAtomicallyCreatesAndReplaces() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.path("out.txt")
        try TextFile.writeAtomically("first", to: path)
        try TextFile.writeAtomically("second", to: path)
        XCTAssertEqual(try TextFile.read(path), Array("second".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.url.path), ["out.txt"], "no temporary file left")
        XCTAssertThrowsError(try TextFile.writeAtomically("x", to: directory.path("missing/dir/out.txt"))) { error in
            XCTAssertTrue("\(error)".contains("cannot write the file"), "\(error)")
        }
    }
}
