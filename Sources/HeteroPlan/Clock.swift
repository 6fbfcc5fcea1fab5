import Dispatch

/// Monotonic seconds, for time limits.
enum Clock {
    static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
