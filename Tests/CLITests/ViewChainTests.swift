import Foundation
import TestSupport
import XCTest

/// Views (Identity, Dropout at inference, Reshape, ...) are aliases of their input: they own no
/// buffer, so a chain of them changes no memory peak, and the simulator accepts the shared buffer.
final class ViewChainTests: XCTestCase {
    /// conv -> relu -> `views` views -> conv -> add(relu): the relu's output stays live across the chain.
    func graph(views: Int) -> String {
        var operators = [#"{"name": "conv1", "type": "Conv", "inputs": ["x", "w1"], "outputs": ["c1"], "attributes": {"pads": [1, 1, 1, 1]}}"#,
                         #"{"name": "relu1", "type": "Relu", "inputs": ["c1"], "outputs": ["r1"]}"#]
        var previous = "r1"
        for index in 0..<views {
            let type = ["Identity", "Dropout", "Flatten", "Identity"][index % 4]
            let attributes = type == "Flatten" ? #", "attributes": {"axis": 0}"# : ""
            let shape = type == "Flatten" ? #", "output_shapes": [[1, 65536]]"# : ""
            // Flatten to [1, 65536] and back with the next view's reshape is not needed: Conv reads
            // the chain's last tensor, which is an Identity of the flattened one, so reshape it back.
            operators.append(#"{"name": "v\#(index)", "type": "\#(type)", "inputs": ["\#(previous)"], "outputs": ["v\#(index)"]\#(attributes)\#(shape)}"#)
            previous = "v\(index)"
        }
        if views > 0 {
            operators.append(#"{"name": "back", "type": "Reshape", "inputs": ["\#(previous)", "shape"], "outputs": ["back"]}"#)
            previous = "back"
        }
        operators += [#"{"name": "conv2", "type": "Conv", "inputs": ["\#(previous)", "w2"], "outputs": ["c2"], "attributes": {"pads": [1, 1, 1, 1]}}"#,
                      #"{"name": "add", "type": "Add", "inputs": ["c2", "r1"], "outputs": ["y"]}"#]
        return """
            {"format": "hetero-plan/graph@1", "name": "views",
             "inputs": [{"name": "x", "shape": [1, 16, 64, 64], "type": "float32"}],
             "constants": [{"name": "w1", "shape": [16, 16, 3, 3]}, {"name": "w2", "shape": [16, 16, 3, 3]},
                           {"name": "shape", "shape": [4], "type": "int64", "values": [1, 16, 64, 64]}],
             "operators": [\(operators.joined(separator: ",\n"))],
             "outputs": ["y"]}
            """
    }

    func testAChainOfViewsOwnsNoBufferAndSimulates() throws {
        let directory = try makeTemporaryDirectory()
        let plain = try directory.write("plain.json", graph(views: 0))
        let chained = try directory.write("chained.json", graph(views: 400))
        // onnc: activations in DRAM and the shared SRAM; meteor-lake: resident in CMX.
        for platform in ["onnc-cpu-dsp-dla.json", "meteor-lake.json"] {
            func peaks(_ model: String) throws -> [String: Int] {
                let result = try CLI.run(["plan", model, "--platform", Repository.platform(platform), "--strategy", "heft", "--format", "json"])
                XCTAssertEqual(result.status, 0, "\(platform): \(result.stderr)")
                let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
                let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
                XCTAssertNotNil(summary["simulated_makespan_us"], "the simulator validated the plan")
                let buffers = try XCTUnwrap(plan["buffers"] as? [[String: Any]])
                XCTAssertFalse(buffers.contains { ($0["tensor"] as? String)?.hasPrefix("v") ?? false }, "views own no buffer")
                let memories = try XCTUnwrap(plan["memories"] as? [[String: Any]])
                return Dictionary(uniqueKeysWithValues: memories.map { ($0["name"] as! String, $0["peak_bytes"] as! Int) })
            }
            let without = try peaks(plain)
            XCTAssertGreaterThan(without["dram"] ?? 0, 0)
            XCTAssertEqual(try peaks(chained), without, platform)
        }
    }

    /// The default strategy searches a chain of free views folded into its head (`ViewFolding`)
    /// and puts the views back after it: the plan says so, simulates, and has the peaks of the
    /// model without the chain. Views a profile times on a unit are not free and stay in the search.
    func testTheSearchFoldsFreeViewsOnly() throws {
        let directory = try makeTemporaryDirectory()
        let plain = try directory.write("plain.json", graph(views: 0))
        let chained = try directory.write("chained.json", graph(views: 400))
        let platform = Repository.platform("onnc-cpu-dsp-dla.json")
        func plan(_ model: String, _ extra: [String] = []) throws -> [String: Any] {
            let result = try CLI.run(["plan", model, "--platform", platform, "--format", "json"] + extra)
            XCTAssertEqual(result.status, 0, result.stderr)
            let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
            XCTAssertNotNil(summary["simulated_makespan_us"], "the simulator validated the plan")
            return plan
        }
        func folding(_ plan: [String: Any]) -> [String] {
            ((plan["decisions"] as? [[String: Any]]) ?? []).filter { $0["subject"] as? String == "views" }.compactMap { $0["reason"] as? String }
        }
        func peaks(_ plan: [String: Any]) -> [String: Int] {
            let memories = (plan["memories"] as? [[String: Any]]) ?? []
            return Dictionary(uniqueKeysWithValues: memories.map { ($0["name"] as! String, $0["peak_bytes"] as! Int) })
        }
        let folded = try plan(chained)
        XCTAssertEqual(folding(folded), ["folded 400 views of views (free on every unit) into 1 chain heads for the search: 5 of 405 operators searched; each put back right after its head"])
        XCTAssertEqual((folded["operators"] as? [Any])?.count, 405)
        let without = try plan(plain)
        XCTAssertEqual(folding(without), [])
        XCTAssertEqual(peaks(folded), peaks(without))

        let profile = try directory.write("profile.json", #"{"format": "hetero-plan/profile@1", "entries": [{"type": "Identity", "unit": "cpu", "latency_us": 1}]}"#)
        let timed = try plan(chained, ["--strategy", "heft", "--profile", profile])
        // The 200 Identity views now take 1 us on the cpu: none is folded; the Dropout and Flatten
        // views after them and the final Reshape still are, each into the Identity before it.
        XCTAssertEqual(folding(timed), ["folded 201 views of views (free on every unit) into 101 chain heads for the search: 204 of 405 operators searched; each put back right after its head"])
        XCTAssertEqual(folding(try plan(chained, ["--strategy", "heft"])).count, 1, "every strategy searches the folded graph")
    }
}
