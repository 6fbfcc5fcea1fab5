import Foundation

/// Progress of a sweep on standard error: a redrawn bar with rate and ETA on a terminal, one plain
/// line per finished point otherwise (logs, CI, Slurm output files). Thread-safe.
public final class ProgressReporter: @unchecked Sendable {
    public enum Style: String, Sendable, CaseIterable {
        case bar, lines, none
    }

    private let style: Style
    private let total: Int
    private let start = Date()
    private let lock = NSLock()
    private var done = 0
    private var failed = 0
    private var lastDraw = Date.distantPast
    private let write: @Sendable (String) -> Void

    /// - Parameters:
    ///   - total: points to run in this invocation (excluding those already done).
    ///   - write: where text goes (standard error by default; tests capture it).
    public init(style: Style, total: Int, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.style = style
        self.total = total
        self.write = write
    }

    /// Records one finished point.
    public func finished(_ point: SweepPoint, _ record: PointRecord) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if record.status == .failed { failed += 1 }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed * 60 : 0
        let remaining = rate > 0 ? Double(total - done) / rate * 60 : 0
        switch style {
        case .none:
            return
        case .lines:
            let outcome: String
            if record.status == .ok, let latency = record.metrics["latency_us"] {
                outcome = "ok latency \(String(format: "%.1f", latency)) us"
            } else {
                outcome = "FAILED: \(record.error ?? "?")"
            }
            write("[\(done)/\(total)] \(point.id) \(point.label): \(outcome)\n")
        case .bar:
            guard done == total || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let failures = failed > 0 ? "  \(failed) failed" : ""
            write("\r[\(bar)] \(done)/\(total)  \(String(format: "%.1f", rate)) points/min  ETA \(Self.duration(remaining))\(failures)\u{1B}[K")
            if done == total { write("\n") }
        }
    }

    /// `1h02m`, `3m20s`, `12s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60) }
        if whole >= 60 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return "\(whole)s"
    }
}
