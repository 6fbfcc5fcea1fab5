import Foundation
import GLPKSolver
import TestSupport
import XCTest

final class LPFormatTests: XCTestCase {
    func testWriteLPHasSenseAndNames() throws {
        let path = try makeTemporaryDirectory().path("classic.lp")
        try GLPKSolver.writeLP(TestModels.classic(integer: true), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("Maximize"), text)
        XCTAssertTrue(text.contains("paint:"), text)
        XCTAssertTrue(text.contains("labour:"), text)
        XCTAssertTrue(text.contains("General"), "integer section: \(text)")
        XCTAssertTrue(text.contains("End"), text)
    }

    func testMinimizeAndBinaries() throws {
        let text = try GLPKSolver.lpText(TestModels.coveringKnapsack(items: 5))
        XCTAssertTrue(text.contains("Minimize"), text)
        XCTAssertTrue(text.contains("demand:"), text)
        XCTAssertTrue(text.contains("pick_4"), text)
    }

    func testDumpPathOptionWritesBeforeSolving() throws {
        let path = try makeTemporaryDirectory().path("dump.lp")
        let solution = try GLPKSolver.solve(TestModels.knapsack(items: 6), options: MILPOptions(lpDumpPath: path))
        XCTAssertEqual(solution.status, .optimal)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("capacity:"), text)
    }

    func testUnwritablePathIsTypedError() {
        let path = "/nonexistent-directory-\(UUID().uuidString)/model.lp"
        let error = expectGLPKError { () throws(GLPKError) in
            try GLPKSolver.writeLP(TestModels.classic(integer: true), to: path)
        }
        guard case .writeFailed(let failedPath, let log)? = error else {
            return XCTFail("expected writeFailed, got \(String(describing: error))")
        }
        XCTAssertEqual(failedPath, path)
        XCTAssertFalse(log.isEmpty, "GLPK's reason is kept")

        let solveError = expectGLPKError { () throws(GLPKError) in
            _ = try GLPKSolver.solve(TestModels.classic(integer: true), options: MILPOptions(lpDumpPath: path))
        }
        guard case .writeFailed? = solveError else { return XCTFail("expected writeFailed from solve") }
    }

    func testInvalidModelIsRejectedBeforeWriting() {
        var model = TestModels.classic(integer: true)
        model.variables[0].lowerBound = .nan
        let error = expectGLPKError { () throws(GLPKError) in _ = try GLPKSolver.lpText(model) }
        guard case .invalidBounds? = error else { return XCTFail("expected invalidBounds") }
    }
}
