import HeteroSupport

/// `--input-shape NAME=1,3,224,224` values, parsed.
public enum InputShapes {
    /// Parses repeated `NAME=d0,d1,...` options into a dictionary; a malformed value or a name given
    /// twice is an `InputError.option`.
    public static func parse(_ values: [String]) throws(InputError) -> [String: [Int]] {
        var shapes: [String: [Int]] = [:]
        for value in values {
            guard let equals = value.lastIndex(of: "=") else {
                throw .option(name: "--input-shape", message: "\"\(value)\" is not NAME=d0,d1,... (e.g. data_0=1,3,224,224)")
            }
            let name = String(value[..<equals])
            let dimensions = value[value.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            guard !name.isEmpty, !dimensions.isEmpty else {
                throw .option(name: "--input-shape", message: "\"\(value)\" is not NAME=d0,d1,... (e.g. data_0=1,3,224,224)")
            }
            var shape: [Int] = []
            for dimension in dimensions {
                guard let size = Int(dimension.trimmingCharacters(in: .whitespaces)), size >= 0 else {
                    throw .option(name: "--input-shape", message: "dimension \"\(dimension)\" of \(name) is not a non-negative integer (0 is an empty dimension, e.g. an empty KV cache)")
                }
                shape.append(size)
            }
            if shapes.updateValue(shape, forKey: name) != nil {
                throw .option(name: "--input-shape", message: "input \"\(name)\" is given more than once")
            }
        }
        return shapes
    }
}
