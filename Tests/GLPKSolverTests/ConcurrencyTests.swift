import Dispatch
import Foundation
import GLPKSolver
import XCTest

/// Each solve runs on its own thread with its own GLPK environment, so solves may overlap.
final class ConcurrencyTests: XCTestCase {
    private let models: [MILPModel] = [
        TestModels.classic(integer: true),
        TestModels.knapsack(items: 30, seed: 3),
        TestModels.coveringKnapsack(items: 30, seed: 5),
        TestModels.knapsack(items: 25, seed: 9),
    ]

    func testFourThreadsSolvingAtOnceGetSequentialAnswers() throws {
        let expected = try models.map { try GLPKSolver.solve($0) }
        let results = _Results(count: 4 * 3)
        let group = DispatchGroup()
        for t in 0..<4 {
            group.enter()
            let models = self.models
            let thread = Thread {
                for round in 0..<3 {
                    let model = models[(t + round) % models.count]
                    let answer: String
                    do {
                        let solution = try GLPKSolver.solve(model)
                        answer = "\(solution.status) \(solution.values)"
                    } catch {
                        answer = "\(error)"
                    }
                    results.set(t * 3 + round, answer)
                }
                group.leave()
            }
            thread.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        let want = (0..<4).flatMap { t in
            (0..<3).map { round in
                let e = expected[(t + round) % models.count]
                return "\(e.status) \(e.values)"
            }
        }
        XCTAssertEqual(results.all, want)
    }

    func testAsyncSolvesInATaskGroup() async throws {
        let models = self.models
        let expected = try models.map { try GLPKSolver.solve($0).objective }
        let objectives = try await withThrowingTaskGroup(of: (Int, Double?).self) { group in
            for (i, model) in models.enumerated() {
                group.addTask { (i, try await GLPKSolver.solve(model).objective) }
            }
            var collected = [Double?](repeating: nil, count: models.count)
            for try await (i, value) in group { collected[i] = value }
            return collected
        }
        XCTAssertEqual(objectives, expected)
    }
}
