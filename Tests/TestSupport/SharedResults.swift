import Foundation

/// Results computed once per test process and shared by the tests that need them (an expensive
/// plan made by the CLI, say), so that no two tests pay for the same run. A failed computation is
/// not kept: the next test that asks runs it again and reports the failure itself.
///
/// `@unchecked Sendable`: `values` is read and written under `lock`.
public final class SharedResults: @unchecked Sendable {
    public static let shared = SharedResults()

    private let lock = NSLock()
    private var values: [String: Data] = [:]

    /// The bytes stored under `key`, made by `make` the first time.
    public func data(_ key: String, make: () throws -> Data) rethrows -> Data {
        if let value = lock.withLock({ values[key] }) { return value }
        let value = try make()
        lock.withLock { values[key] = value }
        return value
    }
}
