/// A figure per data type (MACs per cycle, pJ per MAC, ...), with an optional value for every
/// type not listed. In JSON it is either one number (the same for every type) or an object
/// mapping data type names, and optionally `"*"`, to numbers:
/// `{"int8": 2048, "float16": 1024}` or `{"int8": 64, "*": 16}` or `32`.
public struct DataTypeTable: Sendable, Hashable {
    /// Figures for the data types listed by name.
    public var values: [DataType: Double]
    /// The figure for every data type not in `values` (`"*"` or a single number in JSON).
    public var fallback: Double?

    public init(_ values: [DataType: Double] = [:], fallback: Double? = nil) {
        self.values = values
        self.fallback = fallback
    }

    /// One figure for every data type.
    public static func uniform(_ value: Double) -> DataTypeTable {
        DataTypeTable(fallback: value)
    }

    /// The figure for `type`: its own entry, else the fallback, else `nil`.
    public subscript(type: DataType) -> Double? {
        values[type] ?? fallback
    }

    /// True when the table names no data type and has no fallback.
    public var isEmpty: Bool { values.isEmpty && fallback == nil }

    /// The listed data types in declaration order.
    public var listedTypes: [DataType] { values.keys.sorted() }
}

extension DataTypeTable: Encodable {
    public func encode(to encoder: any Encoder) throws {
        if values.isEmpty, let fallback {
            var single = encoder.singleValueContainer()
            try single.encode(fallback)
            return
        }
        var keyed = encoder.container(keyedBy: DynamicKey.self)
        for type in listedTypes {
            try keyed.encode(values[type]!, forKey: DynamicKey(type.rawValue))
        }
        if let fallback {
            try keyed.encode(fallback, forKey: DynamicKey("*"))
        }
    }
}
