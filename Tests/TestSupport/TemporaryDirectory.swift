import Foundation
import XCTest

/// A fresh, empty directory under the system's temporary directory, for one test
/// (`XCTestCase.makeTemporaryDirectory()` creates one and removes it when the test ends).
public struct TemporaryDirectory: Sendable {
    public let url: URL

    /// Creates `<temporary directory>/hetero-plan-tests-<UUID>`.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hetero-plan-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to the file `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes `text` (UTF-8) to the file `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// Removes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

extension XCTestCase {
    /// A fresh, empty directory, removed with its contents when the current test ends (after the
    /// test method, before `tearDown`). Call it from the test method or from `setUp`.
    public func makeTemporaryDirectory() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        addTeardownBlock { directory.remove() }
        return directory
    }
}
