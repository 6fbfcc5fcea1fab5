import Foundation
import HeteroExplore
import XCTest

/// Temporary directories, sweep specs and the built `hetero-plan` binary for the explore tests.
enum ExploreFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `hetero-plan` (the test bundle sits beside it in the build directory).
    static var binary: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("hetero-plan")
        }
        return Bundle.main.bundleURL.appendingPathComponent("hetero-plan")
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hp-explore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static var platform: String { repositoryRoot.appendingPathComponent("Platforms/onnc-cpu-dsp-dla.json").path }
    static func model(_ name: String) -> String { repositoryRoot.appendingPathComponent("Models/\(name)").path }

    /// A small sweep: DLA buffer x DSP count x (ResNet-50, SqueezeNet) with a fast strategy.
    static func spec(name: String = "test-sweep", cbuf: String = #"{"from": 64, "to": 4096, "factor": 2}"#,
                     strategies: String = #"["heft", "greedy"]"#) -> String {
        """
        {
          "format": "hetero-plan/sweep@1",
          "name": "\(name)",
          "base_platform": "\(platform)",
          "axes": [
            {"name": "dla_cbuf_kib", "pointer": "/memories/dla_cbuf/capacity_bytes", "scale": 1024, "range": \(cbuf)},
            {"name": "dsp_units", "clone_unit": "dsp", "values": [1, 2]}
          ],
          "models": [
            {"name": "resnet50", "path": "\(model("light_resnet50.onnx"))"},
            {"name": "squeezenet", "path": "\(model("light_squeezenet.onnx"))"}
          ],
          "strategies": \(strategies),
          "cost": {"unit": {"dsp": 3, "dla": 5}, "per_kib": {"dla_cbuf": 0.01}}
        }
        """
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary to completion.
    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts the binary without waiting (output discarded).
    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The records of a results file by id, without timings.
    static func records(_ path: URL) throws -> [String: PointRecord] {
        let loaded = try ResultsLog.load(path.path)
        var byId: [String: PointRecord] = [:]
        for record in loaded.records {
            XCTAssertNil(byId[record.id], "duplicate record \(record.id) in \(path.lastPathComponent)")
            byId[record.id] = record.withoutTimings
        }
        return byId
    }
}
