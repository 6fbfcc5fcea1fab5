import Foundation
import TestSupport
import XCTest

/// `export`: the subgraphs written with `--onnx`, run in manifest order by ONNX Runtime (through
/// `Scripts/export_check.py`, test-only), compute the original model's outputs within 1e-5 on two
/// models with real weights; `--format dot` draws the partition; bad input exits 2 and writes nothing.
final class ExportCommandTests: XCTestCase {
    var directory: TemporaryDirectory!
    let platform = Repository.platform("onnc-cpu-dsp-dla.json")

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    /// Runs `python3 Scripts/export_check.py arguments...`.
    func python(_ arguments: [String]) throws -> CLIResult {
        try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3", Repository.path("Scripts/export_check.py")] + arguments)
    }

    /// The two models with real weights, or a skip when ONNX Runtime is not installed.
    func models() throws -> String {
        let made = try python(["make", directory.path("models")])
        if made.status == 3 || made.status == 127 {
            throw XCTSkip("export check needs python3 with onnx, onnxruntime and numpy (pip install onnx onnxruntime numpy): \(made.stderr)")
        }
        XCTAssertEqual(made.status, 0, made.stderr)
        return directory.path("models")
    }

    func plan(_ model: String, _ pins: [String], output: String) throws {
        let result = try CLI.run(["plan", model, "--platform", platform, "--evaluations", "500", "-o", output] + pins)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testSubgraphsRunInManifestOrderGiveTheModelsOutputs() throws {
        let models = try models()
        for (name, pins) in [("cnn", ["--pin-type", "Relu=dsp", "--pin", "branch_b=cpu"]), ("mlp", ["--pin-type", "Add=dsp", "--pin", "to_heads=cpu"])] {
            let model = models + "/\(name).onnx", planFile = directory.path("\(name)-plan.json"), out = directory.path("\(name)-export")
            try plan(model, pins, output: planFile)
            let exported = try CLI.run(["export", planFile, "--onnx", out, "--format", "json"])
            XCTAssertEqual(exported.status, 0, exported.stderr)
            let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(manifest["format"] as? String, "hetero-plan/partition@1")
            let subgraphs = try XCTUnwrap(manifest["subgraphs"] as? [[String: Any]])
            XCTAssertGreaterThanOrEqual(subgraphs.count, 3, name)
            XCTAssertGreaterThanOrEqual(Set(subgraphs.compactMap { $0["unit"] as? String }).count, 2, name)
            // Dependencies point to earlier subgraphs only, so manifest order is an execution order.
            for (index, subgraph) in subgraphs.enumerated() {
                for dependency in subgraph["dependencies"] as? [Int] ?? [] { XCTAssertLessThan(dependency, index, name) }
            }
            let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            XCTAssertEqual(written, (subgraphs.compactMap { $0["file"] as? String } + ["manifest.json"]).sorted())

            // Deterministic: a second export writes the same bytes.
            let again = directory.path("\(name)-again")
            XCTAssertEqual(try CLI.run(["export", planFile, "--onnx", again]).status, 0)
            for file in written {
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/" + file)),
                               try Data(contentsOf: URL(fileURLWithPath: again + "/" + file)), file)
            }

            let check = try python(["run", model, out])
            XCTAssertEqual(check.status, 0, "\(name): \(check.stdout) \(check.stderr)")
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(report["subgraphs"] as? Int, subgraphs.count)
            let differences = try XCTUnwrap(report["max_abs_diff"] as? [String: Double])
            XCTAssertEqual(differences.count, 2, name)
            for (output, difference) in differences { XCTAssertLessThanOrEqual(difference, 1e-5, "\(name) \(output)") }
        }
    }

    func testDotDrawsOneClusterPerSubgraph() throws {
        let planFile = directory.path("plan.json")
        try plan(Repository.model("light_squeezenet.onnx"), ["--pin-type", "Relu=dsp"], output: planFile)
        let json = try CLI.run(["export", planFile, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let subgraphs = try XCTUnwrap(manifest["subgraphs"] as? [[String: Any]])
        let dot = try CLI.run(["export", planFile, "--format", "dot"])
        XCTAssertEqual(dot.status, 0, dot.stderr)
        XCTAssertTrue(dot.stdout.hasPrefix("digraph \"squeezenet_old\" {"), dot.stdout)
        XCTAssertEqual(dot.stdout.components(separatedBy: "subgraph \"cluster_").count - 1, subgraphs.count)
        for subgraph in subgraphs {
            XCTAssertTrue(dot.stdout.contains("label=\"\(subgraph["name"]!): \(subgraph["unit"]!), #\(subgraph["index"]!)\""))
        }
        // Edges crossing subgraphs are bold; labels escape their line breaks.
        XCTAssertTrue(dot.stdout.contains("[style=bold, label="))
        XCTAssertTrue(dot.stdout.contains("\"op:n0\" [label=\"Conv\\nn0\"];"), dot.stdout)
        // Graphviz parses it, when installed.
        let file = try directory.write("plan.dot", dot.stdout)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
            let rendered = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/dot"), ["-Tsvg", file, "-o", directory.path("plan.svg")])
            XCTAssertEqual(rendered.status, 0, rendered.stderr)
        }
    }

    func testBadInputExits2AndWritesNothing() throws {
        let planFile = directory.path("plan.json")
        try plan(Repository.model("light_squeezenet.onnx"), [], output: planFile)
        // A non-empty output directory.
        let full = directory.path("full")
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        try directory.write("full/keep.txt", "keep")
        let refused = try CLI.run(["export", planFile, "--onnx", full])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("\(full): cannot write the file: the directory is not empty"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: full), ["keep.txt"])
        // A plan that does not match the model.
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planFile))) as? [String: Any])
        var operators = try XCTUnwrap(document["operators"] as? [[String: Any]])
        operators[3]["name"] = "renamed"
        operators[5]["type"] = "Gemm"
        document["operators"] = operators
        let edited = directory.path("edited.json")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: edited))
        let out = directory.path("out")
        let mismatch = try CLI.run(["export", edited, "--onnx", out])
        XCTAssertEqual(mismatch.status, 2)
        XCTAssertTrue(mismatch.stderr.contains("operators[3].name: the model has no operator \"renamed\""), mismatch.stderr)
        XCTAssertTrue(mismatch.stderr.contains("is not in the plan"), mismatch.stderr)
        XCTAssertTrue(mismatch.stderr.contains("operators[5].type: \"\(operators[5]["name"]!)\" is a Gemm in the plan but a "), mismatch.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        // A JSON graph cannot be written as ONNX.
        let graph = try directory.write("tg.json", """
            {"format": "hetero-plan/taskgraph@1", "name": "pair",
             "tasks": [{"name": "a", "cost_us": {"u0": 4, "u1": 6, "u2": 1}}, {"name": "b", "cost_us": {"u0": 8, "u1": 3, "u2": 5}}],
             "edges": [{"from": "a", "to": "b", "bytes": 2000}]}
            """)
        let taskPlan = directory.path("tg-plan.json")
        let planned = try CLI.run(["plan", graph, "--platform", Repository.platform("examples/classic-3unit.json"), "--strategy", "heft", "-o", taskPlan])
        XCTAssertEqual(planned.status, 0, planned.stderr)
        let notONNX = try CLI.run(["export", taskPlan, "--onnx", out])
        XCTAssertEqual(notONNX.status, 2)
        XCTAssertTrue(notONNX.stderr.contains("tg.json: --onnx needs an ONNX model"), notONNX.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let dot = try CLI.run(["export", taskPlan, "--format", "dot"])
        XCTAssertEqual(dot.status, 0, dot.stderr)
    }

    /// The cutting rule on a hand-written plan: a run on one unit continues past another unit's
    /// operators that run in between (b), and ends where an operator reads another unit's output (d).
    func testSubgraphsFollowEachUnitsOrderAndSplitAtInputsFromOtherUnits() throws {
        let graph = try directory.write("tg.json", """
            {"format": "hetero-plan/taskgraph@1", "name": "diamond",
             "tasks": [{"name": "a", "cost_us": {"u0": 4, "u1": 4}}, {"name": "b", "cost_us": {"u0": 4, "u1": 4}},
                       {"name": "c", "cost_us": {"u0": 2, "u1": 2}}, {"name": "d", "cost_us": {"u0": 3, "u1": 3}},
                       {"name": "e", "cost_us": {"u0": 1, "u1": 1}}],
             "edges": [{"from": "a", "to": "b", "bytes": 2000}, {"from": "a", "to": "c", "bytes": 1000},
                       {"from": "b", "to": "d", "bytes": 1000}, {"from": "c", "to": "d", "bytes": 4000}, {"from": "d", "to": "e", "bytes": 10}]}
            """)
        func placed(_ name: String, _ unit: String, _ start: Int, _ finish: Int) -> String {
            "{\"name\": \"\(name)\", \"unit\": \"\(unit)\", \"start_us\": \(start), \"finish_us\": \(finish)}"
        }
        let plan = try directory.write("plan.json", """
            {"format": "hetero-plan/plan@1", "model": "diamond", "model_path": "\(graph)", "platform": "two", "summary": {"makespan_us": 14},
             "operators": [\(placed("a", "u0", 0, 4)), \(placed("b", "u1", 5, 9)), \(placed("c", "u0", 4, 6)), \(placed("d", "u0", 10, 13)),
                           \(placed("e", "u0", 13, 14))],
             "transfers": [], "buffers": []}
            """)
        let result = try CLI.run(["export", plan, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let subgraphs = try XCTUnwrap(manifest["subgraphs"] as? [[String: Any]])
        XCTAssertEqual(subgraphs.map { $0["name"] as? String }, ["sg00_u0", "sg01_u1", "sg02_u0"])
        XCTAssertEqual(subgraphs.map { $0["operators"] as? [String] }, [["a", "c"], ["b"], ["d", "e"]])
        XCTAssertEqual(subgraphs.map { $0["dependencies"] as? [Int] }, [[], [0], [0, 1]])
        let table = try CLI.run(["export", plan])
        XCTAssertEqual(table.stdout, """
            subgraph  unit  operators  inputs  outputs  after
            --------  ----  ---------  ------  -------  -----
            sg00_u0   u0            2       0        2  -
            sg01_u1   u1            1       1        1  0
            sg02_u0   u0            2       2        0  0,1

            """)
    }
}
