import Dispatch
@_spi(Testing) import GLPKSolver
import XCTest

/// GLPK internal errors are caught by the setjmp guard in CGLPKGuard: without it, GLPK would
/// print the message and abort() the test process.
final class GuardTests: XCTestCase {
    private var injected: MILPOptions {
        var options = MILPOptions()
        options.injectGLPKError = true
        return options
    }

    func testInternalErrorBecomesTypedErrorAndProcessSurvives() throws {
        let error = expectGLPKError { () throws(GLPKError) in
            _ = try GLPKSolver.solve(TestModels.classic(integer: true), options: injected)
        }
        guard case .glpkInternalError(let message)? = error else {
            return XCTFail("expected glpkInternalError, got \(String(describing: error))")
        }
        XCTAssertTrue(message.contains("glp_set_col_bnds"), message)
        XCTAssertTrue(message.contains("out of range"), message)
        XCTAssertTrue(error?.description.hasPrefix("GLPK internal error (caught") ?? false)

        // The next solve, on a fresh thread, works normally.
        let solution = try GLPKSolver.solve(TestModels.classic(integer: true))
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.values, [4, 0])
    }

    func testRepeatedErrorsDoNotLeakIntoLaterSolves() throws {
        for _ in 0..<20 {
            let error = expectGLPKError { () throws(GLPKError) in
                _ = try GLPKSolver.solve(TestModels.knapsack(), options: injected)
            }
            guard case .glpkInternalError? = error else { return XCTFail("expected glpkInternalError") }
        }
        let solution = try GLPKSolver.solve(TestModels.knapsack())
        XCTAssertEqual(solution.status, .optimal)
    }

    func testErrorOnOneThreadDoesNotDisturbConcurrentSolves() throws {
        let expected = try GLPKSolver.solve(TestModels.knapsack())
        let results = _Results(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            if i.isMultiple(of: 2) {
                var options = MILPOptions()
                options.injectGLPKError = true
                do throws(GLPKError) {
                    _ = try GLPKSolver.solve(TestModels.knapsack(), options: options)
                    results.set(i, "no error")
                } catch {
                    if case .glpkInternalError = error { results.set(i, "caught") } else { results.set(i, "\(error)") }
                }
            } else {
                do {
                    let solution = try GLPKSolver.solve(TestModels.knapsack())
                    results.set(i, solution.values == expected.values ? "ok" : "wrong values")
                } catch {
                    results.set(i, "\(error)")
                }
            }
        }
        XCTAssertEqual(results.all, (0..<8).map { $0.isMultiple(of: 2) ? "caught" : "ok" })
    }
}

/// Per-index results written from concurrent iterations. `@unchecked Sendable`: every access
/// holds `lock`.
final class _Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]

    init(count: Int) { storage = Array(repeating: "unset", count: count) }

    func set(_ index: Int, _ value: String) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
