import Foundation
import TestSupport
import XCTest

/// Runaway and invalid sweeps of issues 14 and 16: refused at validation, at once, with exit
/// status 2, the limit and the JSON path, and nothing written.
final class SweepLimitTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory().url
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func replacing(_ pairs: (String, String)...) -> String {
        var spec = ExploreFixture.spec()
        for (old, new) in pairs {
            XCTAssertTrue(spec.contains(old), old)
            spec = spec.replacingOccurrences(of: old, with: new)
        }
        return spec
    }

    /// Runs `explore bad.json` with `extra` arguments; checks status 2, the fragments, the time
    /// and that no results directory appeared.
    func expectRejected(_ spec: String, _ extra: [String] = [], mentions fragments: [String], line: UInt = #line) throws {
        try writeText(spec, to: directory.appendingPathComponent("bad.json"))
        let start = Date()
        let result = try CLI.run(["explore", "bad.json", "-o", "out"] + extra, in: directory)
        XCTAssertLessThan(Date().timeIntervalSince(start), 20, "took too long", line: line)
        XCTAssertEqual(result.status, 2, result.stderr, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "stderr \"\(result.stderr)\" lacks \"\(fragment)\"", line: line)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path), line: line)
    }

    func testNoAxes() throws {
        let spec = #"""
        {"format": "hetero-plan/sweep@1", "name": "s", "base_platform": "\#(Repository.platform("onnc-cpu-dsp-dla.json"))", "axes": [],
         "models": [{"name": "squeezenet", "path": "\#(Repository.model("light_squeezenet.onnx"))"}], "strategies": ["heft"]}
        """#
        try expectRejected(spec, ["--dry-run"], mentions: ["bad.json: invalid sweep spec", "axes: list at least one axis"])
    }

    /// 10^10 points: refused from the axis sizes alone, before any platform variant is built.
    func testHugeGridIsRefusedAtOnce() throws {
        let big = #"{"from": 1, "to": 100000, "count": 100000}"#
        try expectRejected(replacing((#"{"from": 64, "to": 4096, "factor": 2}"#, big),
                                     (#"{"name": "dsp_units", "clone_unit": "dsp", "values": [1, 2]}"#,
                                      #"{"name": "bw", "pointer": "/memories/dram/bandwidth_gb_s", "range": {"from": 1, "to": 100000, "count": 100000}}"#)),
                           ["--dry-run"],
                           mentions: ["axes: the sweep has 40000000000 points (a grid of 100000 × 100000, × 2 models × 2 strategies × 1 objectives)",
                                      "more than the 100000 a sweep may have"])
        try expectRejected(replacing((#"{"from": 64, "to": 4096, "factor": 2}"#, #"{"from": 1, "to": 2, "count": 1000000000000}"#)),
                           ["--dry-run"], mentions: ["axes[0].range.count: 1000000000000 values, more than the 100000 an axis may have"])
    }

    func testHugeCloneCountIsRefusedWithTheLimit() throws {
        try expectRejected(replacing((#""values": [1, 2]"#, #""values": [1, 1000000000]"#)), ["--dry-run"],
                           mentions: ["axes[1].values[1]: a unit count must be a whole number from 1 to 64, found 1000000000"])
        try expectRejected(replacing((#""values": [1, 2]"#, #""values": [1e300]"#)), ["--dry-run"],
                           mentions: ["axes[1].values[0]: a unit count must be a whole number from 1 to 64"])
    }

    func testUnknownQuestionMetric() throws {
        let question = #", "questions": [{"text": "q", "model": "resnet50", "smallest": "dla_cbuf_kib", "metric": "latncy_us", "at_most": 1}]"#
        try expectRejected(replacing((#""strategies": ["heft", "greedy"]"#, #""strategies": ["heft", "greedy"]"# + question)),
                           mentions: ["questions[0].metric: unknown metric \"latncy_us\" (did you mean \"latency_us\"?)"])
        let perUnit = #", "questions": [{"text": "q", "model": "resnet50", "smallest": "dla_cbuf_kib", "metric": "operators.npu", "at_most": 1}]"#
        try expectRejected(replacing((#""strategies": ["heft", "greedy"]"#, #""strategies": ["heft", "greedy"]"# + perUnit)),
                           mentions: ["questions[0].metric: no unit \"npu\" in the base platform or its copies"])
    }

    /// A copy made by a clone axis (`dsp2`) is a unit a metric may name.
    func testMetricOfACopiedUnitIsAccepted() throws {
        let question = #", "questions": [{"text": "q", "model": "resnet50", "smallest": "dla_cbuf_kib", "metric": "operators.dsp2", "at_most": 1}]"#
        try writeText(replacing((#""strategies": ["heft", "greedy"]"#, #""strategies": ["heft", "greedy"]"# + question)),
                                 to: directory.appendingPathComponent("ok.json"))
        let result = try CLI.run(["explore", "ok.json", "--dry-run"], in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("56 points (shard 0/1) of 56; spec is valid\n"), result.stdout)
    }

    /// `interval_us` is the pipelined interval of every plan, whatever its objective (only the
    /// throughput objective minimises it): a question on it under the default latency objective is
    /// accepted, as deploy/README.md documents.
    func testIntervalQuestionUnderTheLatencyObjectiveIsAccepted() throws {
        let question = #", "questions": [{"text": "q", "model": "resnet50", "smallest": "dla_cbuf_kib", "metric": "interval_us", "at_most": 1}]"#
        try writeText(replacing((#""strategies": ["heft", "greedy"]"#, #""strategies": ["heft", "greedy"]"# + question)),
                                 to: directory.appendingPathComponent("interval.json"))
        let result = try CLI.run(["explore", "interval.json", "--dry-run"], in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("56 points (shard 0/1) of 56; spec is valid\n"), result.stdout)
    }

    /// 2^62 in an input shape is bad input (exit 2), not a trap.
    func testHugeInputShape() throws {
        try expectRejected(replacing((#""path": "\#(Repository.model("light_squeezenet.onnx"))"}"#,
                                      #""path": "\#(Repository.model("light_squeezenet.onnx"))", "input_shapes": {"data_0": [4611686018427387904, 3, 224, 224]}}"#)),
                           ["--dry-run"], mentions: ["models[1].input_shapes.data_0[0]: expected a whole number from 1 to 2147483647, found 4.611686018427388e+18"])
    }

    func testTimeLimitsAreBounded() throws {
        try expectRejected(replacing((#""planner": {"residency": "dram"}"#, #""planner": {"residency": "dram", "time_limit_s": 1e300}"#)),
                           ["--dry-run"], mentions: ["planner.time_limit_s: must be at most 604800 s (one week), found 1e+300"])
    }

    /// The dry run counts a shard's points arithmetically and lists them one by one.
    func testDryRunCountsShards() throws {
        try writeText(ExploreFixture.spec(), to: directory.appendingPathComponent("ok.json"))
        let result = try CLI.run(["explore", "ok.json", "--dry-run", "--shard", "3/5"], in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.last, "11 points (shard 3/5) of 56; spec is valid")
        XCTAssertEqual(lines.dropLast().map { $0.split(separator: "\t")[0] }, stride(from: 3, to: 56, by: 5).map { Substring("\($0)") })
    }
}

/// Writes `text` as UTF-8 to `url`.
private func writeText(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}
