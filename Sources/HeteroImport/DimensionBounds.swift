import HeteroSupport

/// `--max-dim NAME=N` values, parsed: upper bounds the model itself leaves open.
///
/// NAME is either a symbolic dimension of the graph inputs (`seq`, `batch`: every input dimension
/// so named takes N, unless `--input-shape` gives that input's shape), or the output tensor of a
/// data-dependent operator (NonZero, Compress, Unique, NonMaxSuppression), whose value-dependent
/// dimension is then at most N instead of the largest the operator allows. Planning at the bound
/// keeps memory and transfer figures upper bounds; a NAME that matches neither is an error.
public enum DimensionBounds {
    /// Parses repeated `NAME=N` options; a malformed value or a name given twice is an
    /// `InputError.option`.
    public static func parse(_ values: [String]) throws(InputError) -> [String: Int] {
        var bounds: [String: Int] = [:]
        for value in values {
            guard let equals = value.lastIndex(of: "="), equals != value.startIndex,
                  let bound = Int(value[value.index(after: equals)...].trimmingCharacters(in: .whitespaces)), bound >= 0 else {
                throw .option(name: "--max-dim", message: "\"\(value)\" is not NAME=N with N a non-negative integer (e.g. seq=128)")
            }
            let name = String(value[..<equals])
            if bounds.updateValue(bound, forKey: name) != nil {
                throw .option(name: "--max-dim", message: "\"\(name)\" is given more than once")
            }
        }
        return bounds
    }
}
