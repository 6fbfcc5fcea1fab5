import Foundation
import HeteroSupport

/// Runs points on a bounded pool of worker threads and appends each record to the results log as
/// soon as it is known, so a killed run loses at most the points in flight.
///
/// Each point runs on its own thread (the GLPK wrapper gives every solve its own thread as well);
/// the worker waits for it at most the per-point time limit. A point over the limit is recorded as
/// failed and the worker moves on; the abandoned computation finishes in the background and its
/// result is dropped (Swift cannot cancel a thread that does not check for cancellation).
public final class SweepRunner: Sendable {
    public struct Summary: Sendable, Codable {
        public var evaluated: Int
        public var failed: Int
        public var seconds: Double
        public var workers: Int

        /// Points per minute of wall-clock time.
        public var pointsPerMinute: Double { seconds > 0 ? Double(evaluated) / seconds * 60 : 0 }
    }

    private let evaluator: PointEvaluator
    private let log: JSONLinesFile
    private let workers: Int
    private let timeLimit: Double

    public init(evaluator: PointEvaluator, log: JSONLinesFile, workers: Int, timeLimitSeconds: Double) {
        self.evaluator = evaluator
        self.log = log
        self.workers = max(1, workers)
        self.timeLimit = timeLimitSeconds
    }

    /// Evaluates `points`, appending every record to the log.
    /// - Throws: `InputError.unwritable` when the log cannot be written (the batch stops: results
    ///   that cannot be kept are not worth computing).
    public func run(_ points: [SweepPoint], progress: ProgressReporter) throws -> Summary {
        let start = Date()
        let queue = WorkQueue(points)
        let outcome = RunOutcome()
        let group = DispatchGroup()
        for _ in 0..<min(workers, max(1, points.count)) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while outcome.writeError == nil, let point = queue.next() {
                    let record = evaluateWithLimit(point)
                    do {
                        try log.append(try record.jsonLine())
                    } catch {
                        outcome.fail(error)
                        return
                    }
                    outcome.count(record)
                    progress.finished(point, record)
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        if let error = outcome.writeError { throw error }
        return Summary(evaluated: outcome.evaluated, failed: outcome.failed, seconds: Date().timeIntervalSince(start), workers: workers)
    }

    private func evaluateWithLimit(_ point: SweepPoint) -> PointRecord {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [evaluator] in
            box.set(evaluator.evaluate(point))
            done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        if done.wait(timeout: .now() + timeLimit) == .timedOut {
            return PointRecord(point: point, status: .failed, error: EvaluationError.timedOut(seconds: timeLimit).description,
                               metrics: [:], elapsedSeconds: timeLimit)
        }
        return box.get()!
    }
}

/// The points not yet handed to a worker.
private final class WorkQueue: @unchecked Sendable {  // guarded by `lock`
    private var points: ArraySlice<SweepPoint>
    private let lock = NSLock()

    init(_ points: [SweepPoint]) { self.points = points[...] }

    func next() -> SweepPoint? {
        lock.lock()
        defer { lock.unlock() }
        return points.popFirst()
    }
}

/// Counters shared by the workers.
private final class RunOutcome: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private(set) var evaluated = 0
    private(set) var failed = 0
    private var error: (any Error)?

    var writeError: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }

    func count(_ record: PointRecord) {
        lock.lock()
        defer { lock.unlock() }
        evaluated += 1
        if record.status == .failed { failed += 1 }
    }

    func fail(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}

/// A result handed from a point's thread to the waiting worker.
private final class ResultBox: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var record: PointRecord?

    func set(_ record: PointRecord) {
        lock.lock()
        defer { lock.unlock() }
        self.record = record
    }

    func get() -> PointRecord? {
        lock.lock()
        defer { lock.unlock() }
        return record
    }
}
