import Foundation
import HeteroExplore
import HeteroSupport
import TestSupport
import XCTest

/// The pieces: JSON pointers, point ids, the durable log, the Pareto front and shards.
final class ExploreUnitTests: XCTestCase {
    func testJSONPointerFollowsRFC6901AndNames() throws {
        let document = try JSONParser.parse(#"{"a/b": {"m~n": [10, 20]}, "units": [{"name": "dla", "clock": 1}]}"#)
        XCTAssertEqual(try JSONPointer(parsing: "/a~1b/m~0n/1").resolve(in: document), .number(20))
        XCTAssertEqual(try JSONPointer(parsing: "/units/dla/clock").resolve(in: document), .number(1))
        XCTAssertEqual(try JSONPointer(parsing: "").resolve(in: document), document)
        var copy = document
        try JSONPointer(parsing: "/units/0/clock").replace(in: &copy, with: .number(5))
        XCTAssertEqual(try JSONPointer(parsing: "/units/dla/clock").resolve(in: copy), .number(5))
        XCTAssertThrowsError(try JSONPointer(parsing: "/units/npu").resolve(in: document)) { error in
            XCTAssertEqual("\(error)", "/units/npu does not exist (available there: dla)")
        }
        XCTAssertThrowsError(try JSONPointer(parsing: "units"))
        XCTAssertThrowsError(try JSONPointer(parsing: "/a~2"))
    }

    func testCanonicalTextAndIdsAreStable() throws {
        let a = try JSONParser.parse(#"{"b": 1.0, "a": [true, "x\n"], "c": 0.1}"#)
        XCTAssertEqual(a.canonicalText, #"{"a":[true,"x\n"],"b":1,"c":0.1}"#)
        XCTAssertEqual(FNV1a.hex(""), "cbf29ce484222325")
        XCTAssertEqual(FNV1a.hex("a"), "af63dc4c8601ec8c")
        let point = SweepPoint(index: 0, model: "m", strategy: "heft", objective: "latency", parameters: ["x": .number(2)])
        let moved = SweepPoint(index: 7, model: "m", strategy: "heft", objective: "latency", parameters: ["x": .number(2.0)])
        XCTAssertEqual(point.id, moved.id)
        XCTAssertEqual(point.id, FNV1a.hex(#"{"model":"m","objective":"latency","parameters":{"x":2},"strategy":"heft"}"#))
    }

    func testTornLastLineIsCutOff() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.path("log.jsonl")
        let log = try JSONLinesFile(appendingTo: path)
        try log.append(#"{"a":1}"#)
        try log.append(#"{"a":2}"#)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"a":"#.utf8))
        try handle.close()
        let contents = try JSONLinesFile.readRepairing(path)
        XCTAssertEqual(contents.lines, [#"{"a":1}"#, #"{"a":2}"#])
        XCTAssertEqual(contents.repairedBytes, 5)
        try log.append(#"{"a":3}"#)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n")
    }

    func testParetoFront() {
        func record(_ id: String, _ latency: Double, _ energy: Double) -> PointRecord {
            var record = PointRecord(point: SweepPoint(index: 0, model: "m", strategy: "s", objective: "latency", parameters: ["x": .string(id)]),
                                     status: .ok, error: nil, metrics: ["latency_us": latency, "energy_uj": energy], elapsedSeconds: nil)
            record.id = id
            return record
        }
        let records = [record("a", 1, 9), record("b", 2, 5), record("c", 3, 6), record("d", 2, 5), record("e", 9, 1)]
        XCTAssertEqual(ParetoFront.front(records, metrics: ["latency_us", "energy_uj"]).map(\.id), ["a", "b", "d", "e"])
    }

    func testShardsPartitionThePoints() {
        XCTAssertNil(Shard(parsing: "4/4"))
        XCTAssertNil(Shard(parsing: "-1/4"))
        XCTAssertNil(Shard(parsing: "1"))
        let shards = (0..<3).map { Shard(parsing: "\($0)/3")! }
        for index in 0..<10 {
            let point = SweepPoint(index: index, model: "m", strategy: "s", objective: "latency", parameters: [:])
            XCTAssertEqual(shards.filter { $0.contains(point) }.count, 1)
        }
    }
}
