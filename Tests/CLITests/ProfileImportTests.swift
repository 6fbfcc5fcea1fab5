import Foundation
import TestSupport
import XCTest

/// `profile import`: a real ONNX Runtime profile of a model with real weights (made by
/// `Scripts/make_profiles.py`) and a real OpenVINO benchmark_app detailed_counters CSV
/// (`Tests/Fixtures/Profiles`) become `hetero-plan/profile@1`, matched by name and averaged; a
/// plan with the imported profile predicts the measured times; bad input exits 2 naming the
/// file and the event or line.
final class ProfileImportTests: XCTestCase {
    var directory: TemporaryDirectory!
    static let fixtureModel = Repository.path("Tests/Fixtures/Profiles/model.onnx")
    static let counters = Repository.path("Tests/Fixtures/Profiles/openvino_counters.csv")

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    /// The entries of a written profile: operator -> latency.
    func entries(_ path: String) throws -> [String: Double] {
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        XCTAssertEqual(document["format"] as? String, "hetero-plan/profile@1")
        var result: [String: Double] = [:]
        for entry in try XCTUnwrap(document["entries"] as? [[String: Any]]) {
            XCTAssertEqual(entry["unit"] as? String, "pcores")
            result[try XCTUnwrap(entry["operator"] as? String)] = try XCTUnwrap(entry["latency_us"] as? Double)
        }
        return result
    }

    func testARealONNXRuntimeProfileBecomesThePlansOperatorTimes() throws {
        let made = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"),
                               ["python3", Repository.path("Scripts/make_profiles.py"), directory.path("run")])
        if made.status == 3 || made.status == 127 { throw XCTSkip("needs python3 with numpy, onnx and onnxruntime: \(made.stderr)") }
        XCTAssertEqual(made.status, 0, made.stderr)
        let model = directory.path("run/model.onnx"), trace = directory.path("run/ort_profile.json")

        // The expected means, straight from the trace: every <node>_kernel_time event's dur.
        let events = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: trace))) as? [[String: Any]])
        var durations: [String: [Double]] = [:]
        for event in events where event["cat"] as? String == "Node" {
            guard let name = event["name"] as? String, name.hasSuffix("_kernel_time") else { continue }
            durations[String(name.dropLast("_kernel_time".count)), default: []].append(try XCTUnwrap(event["dur"] as? Double))
        }
        XCTAssertEqual(durations.count, 8)
        XCTAssertEqual(Set(durations.values.map(\.count)), [5], "five runs")
        let means = durations.mapValues { $0.reduce(0, +) / Double($0.count) }

        let output = directory.path("profile.json")
        let imported = try CLI.run(["profile", "import", trace, "--model", model, "--unit", "pcores", "--format", "ort", "-o", output])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(imported.stdout, """
            \(output): 8 operators measured on pcores (40 measurements averaged)
            unmatched nodes (0): none
            operators without a measurement (0): none

            """)
        let written = try entries(output)
        XCTAssertEqual(Set(written.keys), Set(means.keys))
        for (name, mean) in means { XCTAssertEqual(written[name]!, mean, accuracy: 1e-9, name) }

        // Planned on the unit it was measured on, each operator takes its measured mean; the first
        // also carries the subgraph's submission (meteor-lake pcores: submit_us 1, once per subgraph).
        let plan = try CLI.run(["plan", model, "--platform", Repository.platform("meteor-lake.json"), "--profile", output,
                                "--strategy", "fallback", "--fallback-priority", "pcores", "--no-simulate", "--format", "json"])
        XCTAssertEqual(plan.status, 0, plan.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let operators = try XCTUnwrap(document["operators"] as? [[String: Any]])
        XCTAssertEqual(operators.count, 8)
        for (index, op) in operators.enumerated() {
            let name = try XCTUnwrap(op["name"] as? String)
            XCTAssertEqual(op["unit"] as? String, "pcores", name)
            let time = try XCTUnwrap(op["finish_us"] as? Double) - XCTUnwrap(op["start_us"] as? Double)
            XCTAssertEqual(time, means[name]! + (index == 0 ? 1 : 0), accuracy: 1e-6, name)
        }
    }

    func testARealOpenVINOCountersReportImportsItsMatchingLayers() throws {
        let output = directory.path("profile.json")
        let result = try CLI.run(["profile", "import", Self.counters, "--model", Self.fixtureModel, "--unit", "pcores",
                                  "--format", "openvino", "-o", output])
        XCTAssertEqual(result.status, 0, result.stderr)
        // OpenVINO renames and fuses: its Convolutions are "conv1/WithoutBiases" (the bias Add and
        // the Relu fused into them: relu1 NOT_RUN), the Gemm's FullyConnected is named after the
        // model output "y", and flatten is optimised out. Mapped back, all 8 operators are measured
        // (by name alone only pool1 and gap were); the plugin's own Convert and Reorders stay unmatched.
        XCTAssertEqual(result.stdout, """
            \(output): 8 operators measured on pcores (8 measurements averaged)
            renamed layers matched (3): conv1/WithoutBiases -> conv1, conv2/WithoutBiases -> conv2, y -> fc
            not run, measured at 0 us (fused into another layer or optimised out) (3): relu1, relu2, flatten
            unmatched nodes (3): Convert_61, Convert_61_abcd_acdb_conv1/WithoutBiases, gap_f32_acdb_bf16_abcd_flatten
            operators without a measurement (0): none

            """)
        XCTAssertEqual(try entries(output), ["conv1": 83, "relu1": 0, "pool1": 18, "conv2": 21, "relu2": 0, "gap": 13, "flatten": 0,
                                             "fc": 5101])
    }

    /// The renaming rules one at a time: a `/fq_weights_N` suffix, a layer named after its node's
    /// output tensor, a Convolution and its bias Add both executed (their times add up within a
    /// request, and requests are averaged), and a NOT_RUN layer that also ran in the same request
    /// (it is not a zero measurement).
    func testOpenVINOLayerNamesAreMappedBackToTheModelsOperators() throws {
        let header = "layerName;execStatus;layerType;execType;realTime (ms);cpuTime (ms)\n"
        let block = { (conv: String, add: String) in
            header + "conv1/WithoutBiases;EXECUTED;Convolution;jit;\(conv);0\nconv1;EXECUTED;Add;jit;\(add);0\n"
                + "conv2/fq_weights_1;EXECUTED;FakeQuantize;jit;0.002;0\nconv2/WithoutBiases;NOT_RUN;Convolution;undef;0;0\n"
                + "r2;EXECUTED;Eltwise;jit;0.004;0\nrelu1;NOT_RUN;Relu;undef;0;0\nf;NOT_RUN;Reshape;undef;0;0\n"
                + "x;NOT_RUN;Parameter;undef;0;0\ny/sink_port_0;NOT_RUN;Result;undef;0;0\nTotal;;;;0;0\n\n"
        }
        let csv = try directory.write("renamed.csv", block("0.010", "0.002") + block("0.020", "0.004"))
        let output = directory.path("profile.json")
        let result = try CLI.run(["profile", "import", csv, "--model", Self.fixtureModel, "--unit", "pcores", "--format", "openvino",
                                  "-o", output])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            \(output): 5 operators measured on pcores (10 measurements averaged)
            renamed layers matched (5): conv1/WithoutBiases -> conv1, conv2/WithoutBiases -> conv2, conv2/fq_weights_1 -> conv2, \
            f -> flatten, r2 -> relu2
            not run, measured at 0 us (fused into another layer or optimised out) (2): relu1, flatten
            unmatched nodes (0): none
            operators without a measurement (3): pool1, gap, fc

            """)
        let written = try entries(output)
        XCTAssertEqual(written["conv1"]!, 18, accuracy: 1e-9, "(10 + 2 + 20 + 4) / 2 requests")
        XCTAssertEqual(written["conv2"]!, 2, accuracy: 1e-9, "its weights' FakeQuantize ran; the Convolution itself did not")
        XCTAssertEqual(written["relu2"]!, 4, accuracy: 1e-9)
        XCTAssertEqual(written["relu1"], 0)
        XCTAssertEqual(written["flatten"], 0)
    }

    func testInferRequestsAreAveragedAndBadLinesExitTwoNamingTheLine() throws {
        let header = "layerName;execStatus;layerType;execType;realTime (ms);cpuTime (ms)\n"
        let csv = try directory.write("two.csv", header + "pool1;EXECUTED;MaxPool;jit;0.010;0.010\nTotal;;;;0.010;0.010\n\n"
                                      + header + "pool1;EXECUTED;MaxPool;jit;0.014;0.014\nrelu1;NOT_RUN;Relu;undef;0.000;0.000\n"
                                      + "Total;;;;0.014;0.014\n\n")
        let output = directory.path("profile.json")
        let result = try CLI.run(["profile", "import", csv, "--model", Self.fixtureModel, "--unit", "pcores", "--format", "openvino",
                                  "-o", output])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try entries(output)["pool1"]!, 12, accuracy: 1e-9)

        let bad = try directory.write("bad.csv", header + "pool1;EXECUTED;MaxPool;jit;fast;0.010\n")
        let refused = try CLI.run(["profile", "import", bad, "--model", Self.fixtureModel, "--unit", "pcores", "--format", "openvino",
                                   "-o", directory.path("bad.json")])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderr, "error: \(bad):2: layer \"pool1\": realTime (ms) must be a number >= 0, found \"fast\"\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("bad.json")))

        let trace = try directory.write("trace.json", """
            [{"cat": "Session", "name": "model_run", "dur": 10},
             {"cat": "Node", "name": "pool1_kernel_time", "dur": "7"}]
            """)
        let badTrace = try CLI.run(["profile", "import", trace, "--model", Self.fixtureModel, "--unit", "pcores",
                                    "-o", directory.path("bad.json")])
        XCTAssertEqual(badTrace.status, 2)
        XCTAssertEqual(badTrace.stderr, """
            error: \(trace): invalid ONNX Runtime profile (1 problem):
              [1].dur: "pool1_kernel_time" needs its duration in microseconds as a number >= 0, found a string

            """)
    }
}
