/// Sizes read from a model are untrusted. Element counts, byte counts and work figures are computed
/// with checked arithmetic and must stay at or below `maximum`; anything larger is bad input
/// (`GraphError.sizeOverflow`), never an arithmetic trap.
///
/// 2^53 is the largest integer a `Double` holds exactly, so the cost model's floating-point figures
/// stay exact, and it leaves a factor of 1,024 of headroom for sums over a graph in `Int`.
public enum SizeLimit {
    public static let maximum = 1 << 53

    /// The product of `values` (a tensor's element count), or nil when a value is negative or the
    /// product exceeds `maximum`. A zero anywhere makes the product 0, whatever the other values.
    public static func product(_ values: [Int]) -> Int? {
        if values.contains(0) { return values.allSatisfy({ $0 >= 0 }) ? 0 : nil }
        var result = 1
        for value in values {
            guard value > 0 else { return nil }
            let (next, overflow) = result.multipliedReportingOverflow(by: value)
            guard !overflow, next <= maximum else { return nil }
            result = next
        }
        return result
    }

    /// The sum of `values`, or nil when it exceeds `maximum`.
    public static func sum(_ values: [Int]) -> Int? {
        var result = 0
        for value in values {
            let (next, overflow) = result.addingReportingOverflow(value)
            guard !overflow, next <= maximum, next >= 0 else { return nil }
            result = next
        }
        return result
    }

    /// A work figure computed in floating point, as an integer if it is within the limit.
    public static func count(_ value: Double) -> Int? {
        guard value.isFinite, value >= 0, value <= Double(maximum) else { return nil }
        return Int(value)
    }

    /// Throws `sizeOverflow` unless a tensor of this shape and type is within the limit.
    public static func check(tensor name: String, shape: [Int], elementType: ElementType) throws(GraphError) {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .negativeDimension(tensor: name, shape: shape) }
        guard shape.allSatisfy({ $0 <= maximum }), let count = product(shape), elementType.checkedBytes(forElements: count) != nil else {
            throw .sizeOverflow(what: "tensor \"\(name)\" of shape \(shape) (\(elementType.rawValue))")
        }
    }
}
