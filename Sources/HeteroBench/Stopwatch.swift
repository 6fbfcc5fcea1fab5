import Dispatch

/// Wall-clock timing for benchmarks.
public enum Stopwatch {
    /// Seconds taken by `body`.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The median of `repetitions` timings of `body`.
    public static func median(repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<max(1, repetitions) { samples.append(try seconds(body)) }
        samples.sort()
        return samples[samples.count / 2]
    }
}
