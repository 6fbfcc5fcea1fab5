/// Checked arithmetic for shape rules: dimensions are at most `SizeLimit.maximum`, but attributes
/// (strides, pads, dilations, sizes, head counts) are any 64-bit integer a model holds, so a rule
/// combining them must not trap on overflow. An overflow is bad input: a `GraphError.shape` naming
/// the operator and what overflowed.
extension ShapeContext {
    /// `a × b`, or an error naming `what` when it leaves `Int`'s range.
    public func product(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws(GraphError) -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw fail("\(what()) overflows (\(a) × \(b))") }
        return value
    }

    /// The sum of `terms`, or an error naming `what` when a partial sum leaves `Int`'s range.
    public func sum(_ terms: [Int], _ what: @autoclosure () -> String) throws(GraphError) -> Int {
        var total = 0
        for term in terms {
            let (value, overflow) = total.addingReportingOverflow(term)
            guard !overflow else { throw fail("\(what()) overflows (\(terms.map(String.init).joined(separator: " + ")))") }
            total = value
        }
        return total
    }
}
