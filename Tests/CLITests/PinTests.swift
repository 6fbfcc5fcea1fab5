import Foundation
import TestSupport
import XCTest

/// `plan --pin`, `--pin-type` and `--constraints`: pinned operators run on their units in the plan
/// and in the simulation, the optimizer still places the rest, and an impossible pin exits 2
/// naming it with no output file left behind.
final class PinTests: XCTestCase {
    var directory: TemporaryDirectory!
    let model = Repository.model("light_squeezenet.onnx")
    let platform = Repository.platform("onnc-cpu-dsp-dla.json")

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    func json(_ file: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
    }

    func plan(_ extra: [String], output: String) throws -> [[String: Any]] {
        let result = try CLI.run(["plan", model, "--platform", platform, "--evaluations", "1500", "-o", output] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(try json(output)["operators"] as? [[String: Any]])
    }

    func testPinsAreRespectedInThePlanAndTheSimulation() throws {
        let free = try plan([], output: directory.path("free.json"))
        let onDLA = free.filter { $0["type"] as? String == "Conv" && $0["unit"] as? String == "dla" }.compactMap { $0["name"] as? String }
        XCTAssertGreaterThan(onDLA.count, 2, "the unpinned plan puts convolutions on the DLA")
        let pinnedConv = onDLA[0], fileConv = onDLA[1]
        let constraints = try directory.write("constraints.json", """
            {"format": "hetero-plan/constraints@1",
             "pins": [{"node": "\(fileConv)", "unit": "dsp"}, {"type": "Concat", "unit": "cpu"}]}
            """)
        let output = directory.path("pinned.json")
        let operators = try plan(["--pin", "\(pinnedConv)=cpu", "--pin-type", "Relu=dsp", "--constraints", constraints], output: output)
        let unit = Dictionary(uniqueKeysWithValues: operators.map { ($0["name"] as! String, $0["unit"] as! String) })
        XCTAssertEqual(unit[pinnedConv], "cpu")
        XCTAssertEqual(unit[fileConv], "dsp")
        let relus = operators.filter { $0["type"] as? String == "Relu" }, concats = operators.filter { $0["type"] as? String == "Concat" }
        XCTAssertFalse(relus.isEmpty)
        XCTAssertFalse(concats.isEmpty)
        for relu in relus { XCTAssertEqual(relu["unit"] as? String, "dsp", "\(relu)") }
        for concat in concats { XCTAssertEqual(concat["unit"] as? String, "cpu", "\(concat)") }
        // The rest is still optimised: the other convolutions stay on the DLA.
        XCTAssertTrue(onDLA.dropFirst(2).contains { unit[$0] == "dla" })
        // Every pin is a decision in the plan.
        let decisions = try XCTUnwrap(try json(output)["decisions"] as? [[String: Any]]).filter { $0["kind"] as? String == "pin" }
        XCTAssertEqual(decisions.count, 2 + relus.count + concats.count)
        XCTAssertTrue(decisions.contains { ($0["subject"] as? String)?.hasSuffix("\"\(pinnedConv)\"") == true
                && $0["reason"] as? String == "pinned to cpu by --pin \(pinnedConv)=cpu" }, "\(decisions)")
        XCTAssertTrue(decisions.contains { ($0["reason"] as? String) == "pinned to dsp by \(constraints): pins[0]" }, "\(decisions)")

        // The simulator runs the pinned operators on their units.
        let trace = directory.path("trace.json")
        let simulated = try CLI.run(["simulate", output, "--platform", platform, "--trace", trace])
        XCTAssertEqual(simulated.status, 0, simulated.stderr)
        let events = try XCTUnwrap(try json(trace)["traceEvents"] as? [[String: Any]])
        var process: [Int: String] = [:]
        for event in events where event["name"] as? String == "process_name" {
            process[event["pid"] as! Int] = ((event["args"] as? [String: Any])?["name"] as? String)?.split(separator: " ").dropFirst().first.map(String.init)
        }
        let slices = events.filter { $0["cat"] as? String == "compute" }
        func simulatedUnit(_ name: String) -> String? {
            slices.first { ($0["name"] as? String)?.hasSuffix("\"\(name)\"") == true }.flatMap { process[$0["pid"] as! Int] }
        }
        XCTAssertEqual(simulatedUnit(pinnedConv), "cpu")
        XCTAssertEqual(simulatedUnit(fileConv), "dsp")
        for relu in relus { XCTAssertEqual(simulatedUnit(relu["name"] as! String), "dsp") }
    }

    func testImpossiblePinsExit2NamingThePin() throws {
        let constraints = try directory.write("bad.json", """
            {"format": "hetero-plan/constraints@1", "pins": [{"node": "x", "type": "Conv", "unit": "dla"}, {"type": "Relu"}]}
            """)
        let cases: [([String], String)] = [
            (["--pin-type", "Softmax=dla"], "--pin-type Softmax=dla: Softmax "),
            (["--pin", "no_such_node=cpu"], "--pin no_such_node=cpu: the model has no node \"no_such_node\""),
            (["--pin-type", "Relu=npu"], "--pin-type Relu=npu: the platform has no unit \"npu\" (units: cpu, dsp, dla)"),
            (["--pin-type", "Gemm=cpu"], "--pin-type Gemm=cpu: no node of the model has type \"Gemm\""),
            (["--pin", "conv1"], "--pin: \"conv1\" is not NAME=UNIT"),
            (["--pin-type", "Relu=cpu", "--pin-type", "Relu=dsp"], "type \"Relu\" is pinned to cpu by --pin-type Relu=cpu and to dsp by --pin-type Relu=dsp"),
            (["--constraints", constraints], "pins[0]: expected exactly one of \"node\" and \"type\""),
        ]
        for (arguments, expected) in cases {
            let output = directory.path("plan.json")
            let result = try CLI.run(["plan", model, "--platform", platform, "--strategy", "heft", "-o", output] + arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: output), "\(arguments)")
        }
        let missingUnit = try CLI.run(["plan", model, "--platform", platform, "--constraints", constraints])
        XCTAssertTrue(missingUnit.stderr.contains("pins[1].unit: missing required key"), missingUnit.stderr)
        let unsupported = try CLI.run(["plan", model, "--platform", platform, "--pin-type", "Softmax=dla"])
        XCTAssertTrue(unsupported.stderr.contains("cannot be pinned to dla"), unsupported.stderr)
    }

    /// A pin onto a unit whose memory cannot hold the operator's activations is refused with the
    /// cost model's reason.
    func testAPinThatDoesNotFitTheUnitsMemoryExits2() throws {
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: platform))) as? [String: Any])
        var units = try XCTUnwrap(document["units"] as? [[String: Any]])
        let dsp = try XCTUnwrap(units.firstIndex { $0["name"] as? String == "dsp" })
        units[dsp]["memory"] = "dsp_tcm"
        units[dsp]["local_memory"] = nil
        units[dsp]["resident_memory"] = nil
        document["units"] = units
        let small = directory.path("tcm.json")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: small))
        let result = try CLI.run(["plan", model, "--platform", small, "--strategy", "heft", "--pin", "n0=dsp"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--pin n0=dsp: Conv \"n0\" cannot be pinned to dsp: its activations (3756288 bytes in and out) exceed dsp_tcm (262144 bytes)"),
                      result.stderr)
    }
}
