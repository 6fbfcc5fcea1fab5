import Foundation

/// Human-readable numbers for tables.
enum Quantity {
    /// `4.089 G`, `125.3 M`, `12.0 k`.
    static func giga(_ value: Int) -> String {
        let v = Double(value)
        if v >= 1e9 { return String(format: "%.3f G", v / 1e9) }
        if v >= 1e6 { return String(format: "%.1f M", v / 1e6) }
        if v >= 1e3 { return String(format: "%.1f k", v / 1e3) }
        return String(value)
    }

    /// `97.5 MiB`, `12.0 KiB`, `512 B`.
    static func bytes(_ value: Int) -> String {
        let v = Double(value)
        if v >= 1_073_741_824 { return String(format: "%.2f GiB", v / 1_073_741_824.0) }
        if v >= 1_048_576 { return String(format: "%.2f MiB", v / 1_048_576.0) }
        if v >= 1024 { return String(format: "%.1f KiB", v / 1024.0) }
        return "\(value) B"
    }
}
