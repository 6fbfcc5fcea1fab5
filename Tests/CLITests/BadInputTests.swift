import Foundation
import TestSupport
import XCTest

/// Bad input through the binary: exit status 2, a message on stderr naming the problem, nothing on
/// stdout, never a crash.
final class BadInputTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    func expectBadInput(_ arguments: [String], mentions fragments: [String], line: UInt = #line) throws {
        let result = try CLI.run(arguments)
        XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)", line: line)
        XCTAssertEqual(result.stdout, "", line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\(arguments): stderr \"\(result.stderr)\" lacks \"\(fragment)\"", line: line)
        }
    }

    func testModelInputs() throws {
        let resnet = try Data(contentsOf: URL(fileURLWithPath: Repository.model("light_resnet50.onnx")))
        try expectBadInput(["inspect", directory.write("empty.onnx", bytes: [])], mentions: ["empty.onnx", "the file is empty"])
        try expectBadInput(["inspect", directory.write("half.onnx", bytes: Array(resnet.prefix(3000)))], mentions: ["half.onnx", "not a valid ONNX model"])
        var generator = SystemRandomNumberGenerator()
        try expectBadInput(["inspect", directory.write("noise.onnx", bytes: (0..<2000).map { _ in UInt8.random(in: 0...255, using: &generator) })],
                           mentions: ["noise.onnx"])
        try expectBadInput(["inspect", directory.write("bad.json", "{\"format\": ")], mentions: ["bad.json", "invalid JSON at line 1"])
        try expectBadInput(["inspect", directory.write("task.json", #"{"format": "hetero-plan/taskgraph@1", "tasks": [{"name": "a", "cost_us": {"cpu": -1}}]}"#)],
                           mentions: ["tasks[0].cost_us.cpu", "must be zero or positive"])
        try expectBadInput(["inspect", directory.path("missing.onnx")], mentions: ["missing.onnx", "no such file"])
        try expectBadInput(["inspect", directory.url.path], mentions: ["is a directory"])
    }

    func testOptionsAndUsage() throws {
        try expectBadInput(["inspect", Repository.model("light_squeezenet.onnx"), "--input-shape", "data_0=1,x,224,224"],
                           mentions: ["--input-shape", "\"x\""])
        try expectBadInput(["inspect", Repository.model("light_squeezenet.onnx"), "--input-shape", "image=1,3,224,224"],
                           mentions: ["\"image\"", "not a graph input", "data_0"])
        try expectBadInput(["inspect", Repository.model("light_squeezenet.onnx"), "--format", "xml"], mentions: ["xml"])
        let kvCache = Repository.path("Tests/Fixtures/ONNX/kv_cache_attention.onnx")
        try expectBadInput(["inspect", kvCache, "--max-dim", "seq=5", "--max-dim", "past=0", "--max-dim", "sequence=5"],
                           mentions: ["kv_cache_attention.onnx", "--max-dim names \"sequence\"", "names that can be bounded: seq, past"])
        try expectBadInput(["inspect", kvCache, "--max-dim", "seq=-1"], mentions: ["--max-dim", "\"seq=-1\" is not NAME=N"])
        try expectBadInput(["inspect", kvCache], mentions: ["unknown dimension 1 (\"seq\")", "--max-dim seq=N"])
        try expectBadInput(["inspect", Repository.model("light_squeezenet.onnx"), "--format", "xml"], mentions: ["xml"])
        try expectBadInput(["inspect"], mentions: ["Missing expected argument"])
        try expectBadInput(["frobnicate"], mentions: ["frobnicate"])
    }
}
