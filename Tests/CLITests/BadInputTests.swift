import Foundation
import XCTest

/// Bad input through the binary: exit status 2, a message on stderr naming the problem, nothing on
/// stdout, never a crash.
final class BadInputTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hp-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = directory.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
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
        let resnet = try Data(contentsOf: URL(fileURLWithPath: CLI.model("light_resnet50.onnx")))
        try expectBadInput(["inspect", write("empty.onnx", [])], mentions: ["empty.onnx", "the file is empty"])
        try expectBadInput(["inspect", write("half.onnx", Array(resnet.prefix(3000)))], mentions: ["half.onnx", "not a valid ONNX model"])
        var generator = SystemRandomNumberGenerator()
        try expectBadInput(["inspect", write("noise.onnx", (0..<2000).map { _ in UInt8.random(in: 0...255, using: &generator) })],
                           mentions: ["noise.onnx"])
        try expectBadInput(["inspect", write("bad.json", Array("{\"format\": ".utf8))], mentions: ["bad.json", "invalid JSON at line 1"])
        try expectBadInput(["inspect", write("task.json", Array(#"{"format": "hetero-plan/taskgraph@1", "tasks": [{"name": "a", "cost_us": {"cpu": -1}}]}"#.utf8))],
                           mentions: ["tasks[0].cost_us.cpu", "must be zero or positive"])
        try expectBadInput(["inspect", directory.appendingPathComponent("missing.onnx").path], mentions: ["missing.onnx", "no such file"])
        try expectBadInput(["inspect", directory.path], mentions: ["is a directory"])
    }

    func testOptionsAndUsage() throws {
        try expectBadInput(["inspect", CLI.model("light_squeezenet.onnx"), "--input-shape", "data_0=1,x,224,224"],
                           mentions: ["--input-shape", "\"x\""])
        try expectBadInput(["inspect", CLI.model("light_squeezenet.onnx"), "--input-shape", "image=1,3,224,224"],
                           mentions: ["\"image\"", "not a graph input", "data_0"])
        try expectBadInput(["inspect", CLI.model("light_squeezenet.onnx"), "--format", "xml"], mentions: ["xml"])
        try expectBadInput(["inspect"], mentions: ["Missing expected argument"])
        try expectBadInput(["frobnicate"], mentions: ["frobnicate"])
    }
}
