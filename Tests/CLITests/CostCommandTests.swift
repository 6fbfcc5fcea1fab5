import Foundation
import TestSupport
import XCTest

/// `hetero-plan cost` through the binary: every bundled model on every shipped platform, the three
/// formats, measured profiles, and bad profiles and fusion declarations (exit status 2).
final class CostCommandTests: XCTestCase {
    /// Every shipped platform, the classic example included (its abstract units run every operator).
    static let platforms = [
        "meteor-lake", "nvdla-full", "nvdla-small", "onnc-cpu-dsp-dla", "snapdragon-8gen2", "versal-vc1902", "examples/classic-3unit",
    ]

    var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    var squeezenet: String { Repository.model("light_squeezenet.onnx") }
    var onnc: String { Repository.platform("onnc-cpu-dsp-dla.json") }

    /// Each model once with every platform: the summary has a positive lower bound per platform,
    /// so every operator ran somewhere (otherwise the command fails naming it).
    func testEveryModelCostsOnEveryShippedPlatform() throws {
        XCTAssertEqual(try Repository.chipPlatformFiles(), Self.platforms.filter { !$0.hasPrefix("examples/") }.map { $0 + ".json" })
        let platformArguments = Self.platforms.flatMap { ["--platform", Repository.platform($0 + ".json")] }
        for model in Repository.modelNames.map({ $0 + ".onnx" }) {
            let result = try CLI.run(["cost", Repository.model(model), "--summary", "--format", "csv"] + platformArguments)
            XCTAssertEqual(result.status, 0, "\(model): \(result.stderr)")
            XCTAssertEqual(result.stderr, "", model)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.first, "platform,model,lower_bound_us,serial_fastest_us,share_runnable,measured_operators,modelled_operators")
            XCTAssertEqual(lines.dropFirst().map { $0.split(separator: ",")[0] }, Self.platforms.map { Substring($0.split(separator: "/").last!) })
            for line in lines.dropFirst() {
                let fields = line.split(separator: ",")
                let bound = try XCTUnwrap(Double(fields[2]), line)
                let serial = try XCTUnwrap(Double(fields[3]), line)
                XCTAssertTrue(bound > 0 && bound.isFinite && bound <= serial * (1 + 1e-12), "\(model): \(line)")
                XCTAssertEqual(fields[5], "0", line)
            }
        }
    }

    func testTableFormat() throws {
        let result = try CLI.run(["cost", squeezenet, "--platform", onnc])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "costs of squeezenet_old on onnc-cpu-dsp-dla (us, with the dominating bound: comp, memo, over, view, meas, give)")
        XCTAssertEqual(lines[2].split(separator: " ", omittingEmptySubsequences: true), ["operator", "type", "cpu", "us", "dsp", "us", "dla", "us"])
        XCTAssertTrue(lines.contains("cost sources, of 198 operator-unit pairs: 196 modelled (analytic), 2 cannot run"), result.stdout)
        XCTAssertTrue(lines.contains("measured operators: none"))
        XCTAssertTrue(lines.contains("  n65 on dla: dla does not support Softmax"))
    }

    func testJSONFormat() throws {
        let result = try CLI.run(["cost", squeezenet, "--platform", onnc, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["format"] as? String, "hetero-plan/costs@1")
        XCTAssertEqual(document["model"] as? String, "squeezenet_old")
        XCTAssertEqual(document["units"] as? [String], ["cpu", "dsp", "dla"])
        let entries = try XCTUnwrap(document["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.count, 66 * 3)
        let softmaxOnDLA = try XCTUnwrap(entries.first { $0["type"] as? String == "Softmax" && $0["unit"] as? String == "dla" })
        XCTAssertEqual(softmaxOnDLA["reason"] as? String, "dla does not support Softmax")
        XCTAssertNil(softmaxOnDLA["time_us"])
        let convOnDLA = try XCTUnwrap(entries.first { $0["operator"] as? String == "n0" && $0["unit"] as? String == "dla" })
        XCTAssertEqual(convOnDLA["provider"] as? String, "analytic")
        XCTAssertEqual(convOnDLA["fused_in"] as? String, "Conv > Relu")
        XCTAssertNotNil(convOnDLA["bound"] as? String)
        XCTAssertGreaterThan(try XCTUnwrap(convOnDLA["energy_pj"] as? Double), 0)
        let sources = try XCTUnwrap(document["sources"] as? [String: Any])
        XCTAssertEqual(sources["pairs"] as? [String: Int], ["analytic": 196])
        XCTAssertEqual(sources["cannot_run"] as? Int, 2)
    }

    func testCSVFormat() throws {
        let result = try CLI.run(["cost", squeezenet, "--platform", onnc, "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1 + 66 * 3)
        XCTAssertEqual(lines[0], "operator,type,unit,time_us,bound,compute_us,memory_us,overhead_us,energy_pj,tiles,fused_in,fused_time_us,provider,reason")
        for line in lines.dropFirst() { XCTAssertEqual(line.split(separator: ",", omittingEmptySubsequences: false).count, 14, line) }
        XCTAssertEqual(lines.last, "n65,Softmax,dla,,,0.0,0.0,0.0,,1,,,analytic,dla does not support Softmax")
    }

    /// Measured latencies replace modelled ones, and every format says which operators were measured.
    func testProfileReportsMeasuredAndModelledOperators() throws {
        let profile = try directory.write("profile.json", """
            {"format": "hetero-plan/profile@1", "entries": [
              {"operator": "n0", "unit": "dsp", "latency_us": 100},
              {"operator": "n65", "unit": "cpu", "latency_us": 2.5},
              {"type": "Concat", "unit": "dla", "latency_us": 4}
            ]}
            """)
        let table = try CLI.run(["cost", squeezenet, "--platform", onnc, "--profile", profile])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("cost sources, of 198 operator-unit pairs: 186 modelled (analytic), 10 measured (profile), 2 cannot run"),
                      table.stdout)
        XCTAssertTrue(lines.contains("measured operators (10 of 66):"))
        XCTAssertTrue(lines.contains("  on dsp: n0"))
        XCTAssertTrue(lines.contains("  on cpu: n65"))
        XCTAssertTrue(lines.contains("  on dla: n9, n16, n24, n31, n39, n46, n53, n60"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("n65 ") && $0.contains("2.500 meas") }, table.stdout)

        let json = try CLI.run(["cost", squeezenet, "--platform", onnc, "--profile", profile, "--format", "json"])
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let sources = try XCTUnwrap(document["sources"] as? [String: Any])
        XCTAssertEqual(sources["pairs"] as? [String: Int], ["analytic": 186, "profile": 10])
        let measured = try XCTUnwrap(sources["measured"] as? [[String: Any]])
        XCTAssertEqual(measured.first?["operator"] as? String, "n0")
        XCTAssertEqual(measured.first?["units"] as? [String], ["dsp"])

        let csv = try CLI.run(["cost", squeezenet, "--platform", onnc, "--profile", profile, "--format", "csv"])
        // Measured time; energy still from the model (a profile measures time only).
        let measuredRow = try XCTUnwrap(csv.stdout.split(separator: "\n").first { $0.hasPrefix("n0,Conv,dsp,") })
        let fields = measuredRow.split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(fields[3...7], ["100.0", "measured", "0.0", "0.0", "0.0"])
        XCTAssertGreaterThan(try XCTUnwrap(Double(fields[8])), 0)
        XCTAssertEqual(fields[12], "profile")

        let summary = try CLI.run(["cost", squeezenet, "--platform", onnc, "--profile", profile, "--summary"])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertTrue(summary.stdout.contains("10/56"), summary.stdout)
    }

    /// Same input, byte-identical output, in every format.
    func testOutputIsDeterministic() throws {
        for format in ["table", "json", "csv"] {
            let arguments = ["cost", Repository.model("light_inception_v1.onnx"), "--platform", Repository.platform("meteor-lake.json"), "--format", format]
            let first = try CLI.run(arguments)
            let second = try CLI.run(arguments)
            XCTAssertEqual(first.status, 0, first.stderr)
            XCTAssertEqual(first.stdout, second.stdout, format)
        }
    }

    func expectBadInput(_ arguments: [String], mentions fragments: [String], line: UInt = #line) throws {
        let result = try CLI.run(arguments)
        XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)", line: line)
        XCTAssertEqual(result.stdout, "", line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "stderr \"\(result.stderr)\" lacks \"\(fragment)\"", line: line)
        }
    }

    /// A bad profile is reported like a bad platform: the file, each problem's JSON path and what
    /// was expected, exit status 2 and nothing on stdout.
    func testBadProfiles() throws {
        let bad = try directory.write("bad-profile.json", """
            {"format": "hetero-plan/profile@1", "entries": [
              {"operator": "n0", "unit": "dlx", "latency_us": -1},
              {"type": "Softmax", "unit": "dla", "latency_us": "fast"},
              {"operator": "n_0", "unit": "cpu", "latency_us": 1}
            ]}
            """)
        try expectBadInput(["cost", squeezenet, "--platform", onnc, "--profile", bad], mentions: [
            "error: \(bad): invalid profile (5 problems):\n",
            "  entries[0].unit: unknown unit \"dlx\" (did you mean \"dla\"?)\n",
            "  entries[0].latency_us: must be zero or positive, found -1\n",
            "  entries[1].latency_us: expected a number, found a string\n",
            "  entries[1].unit: unit \"dla\" does not support Softmax;",
            "  entries[2].operator: no operator \"n_0\" in model squeezenet_old (did you mean \"n0\"?)\n",
        ])
        let header = try directory.write("header.json", "{\"format\": \"hetero-plan/platform@1\", \"entries\": []}")
        try expectBadInput(["cost", squeezenet, "--platform", onnc, "--profile", header], mentions: [
            header, "format: expected \"hetero-plan/profile@1\", found \"hetero-plan/platform@1\"; is this a profile file?",
        ])
        let syntax = try directory.write("syntax.json", "{\"format\": \"hetero-plan/profile@1\", \"entries\": [")
        try expectBadInput(["cost", squeezenet, "--platform", onnc, "--profile", syntax], mentions: [syntax, "invalid JSON at line 1"])
        try expectBadInput(["cost", squeezenet, "--platform", onnc, "--profile", directory.path("none.json")],
                           mentions: ["none.json", "no such file"])
    }

    /// Bad fusion declarations in a platform: the file, the path of each, exit status 2.
    func testBadFusionDeclarations() throws {
        let text = try String(contentsOfFile: onnc, encoding: .utf8)
        // The last fusion list in the file is the dla's (units[2]).
        let declaration = try XCTUnwrap(text.range(of: "\"fusion\": [", options: .backwards))
        let bad = try directory.write("bad-fusion.json", text.replacingCharacters(
            in: declaration, with: "\"fusion\": [[\"Conv\", \"Softmax\"], {\"operators\": [\"Conv\"], \"efficency\": 2}, \"Conv > Relu\", "))
        try expectBadInput(["cost", squeezenet, "--platform", bad], mentions: [
            "error: \(bad): invalid platform (4 problems):\n",
            "  units[2].fusion[1].efficency: unknown key \"efficency\" (did you mean \"efficiency\"?)\n",
            "  units[2].fusion[1].operators: a fusion pattern needs at least two operators, found 1\n",
            "  units[2].fusion[2]: expected an array of operator types or an object with \"operators\", found a string\n",
            "  units[2].fusion[0][1]: unit \"dla\" does not support \"Softmax\"\n",
        ])
    }

    /// An operator no unit can run is named, with each unit's reason.
    func testAnOperatorNoUnitCanRunIsNamed() throws {
        let text = try String(contentsOfFile: Repository.platform("examples/classic-3unit.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"$schema\": \"../platform.schema.json\",", with: "")
            .replacingOccurrences(of: "\"operators\": {\"*\": {\"efficiency\": 1}}", with: "\"operators\": {\"Conv\": {}, \"Relu\": {}}")
        let platform = try directory.write("conv-relu-only.json", text)
        try expectBadInput(["cost", squeezenet, "--platform", platform], mentions: [
            "error: MaxPool \"n2\" cannot run on any unit of the platform: u0: u0 does not support MaxPool; "
                + "u1: u1 does not support MaxPool; u2: u2 does not support MaxPool\n",
        ])
    }

    func testSeveralPlatformsNeedSummary() throws {
        try expectBadInput(["cost", squeezenet, "--platform", onnc, "--platform", Repository.platform("nvdla-full.json")],
                           mentions: ["several --platform values need --summary"])
        try expectBadInput(["cost", squeezenet, "--platform", onnc, "--format", "xml"], mentions: ["xml"])
    }
}
