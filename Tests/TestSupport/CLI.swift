import Foundation

/// What a run of the built `hetero-plan` binary printed and how it exited.
public struct CLIResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs the built `hetero-plan` binary (the test targets depend on it, so it is built first).
public enum CLI {
    /// The directory holding the built products (the test bundle sits beside them).
    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    /// The built `hetero-plan`.
    public static var binary: URL { productsDirectory.appendingPathComponent("hetero-plan") }

    /// Runs `hetero-plan arguments...` in `directory` (default: the repository root) to completion.
    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> CLIResult {
        try run(executable: binary, arguments, in: directory)
    }

    /// Runs another program (`/usr/bin/env` with `python3 ...` for the scripts some tests call)
    /// in `directory` (default: the repository root) to completion.
    public static func run(executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Repository.root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `hetero-plan arguments...` in `directory` without waiting; its output is discarded.
    public static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
