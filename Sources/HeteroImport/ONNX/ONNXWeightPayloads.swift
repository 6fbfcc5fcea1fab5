/// Drops the payloads of large tensors from a serialized ONNX model before it is decoded.
///
/// The importer reads a tensor's values only when it has at most
/// `ShapeContext.maximumTrackedValues` elements (shape arithmetic, scales, zero points); of a
/// larger tensor — a weight — it needs the shape, element type and data location alone. Decoding
/// the whole file copies every weight byte twice (protobuf's `bytes` fields are copied out of the
/// buffer), which dominated the import of models of a few hundred megabytes. This pass walks the
/// protobuf wire format along the paths where tensors live and copies everything except the value
/// fields (`float_data` 4, `int32_data` 5, `int64_data` 7, `raw_data` 9, `double_data` 10,
/// `uint64_data` 11) of tensors with more elements than that, so the importer decodes the same
/// model minus bytes it would never read; a memory-mapped file's weight pages are then never
/// touched.
///
/// Paths followed (field numbers of onnx.proto): ModelProto.graph (7) and .functions (25);
/// FunctionProto.node (7); GraphProto.node (1) and .initializer (5); NodeProto.attribute (5);
/// AttributeProto.t (5), .g (6), .tensors (10), .graphs (11). Anything else is copied unchanged.
///
/// Malformed input (a truncated varint, a length past the end, a group or unknown wire type, or
/// nesting deeper than 64) makes the pass return nil; the caller then decodes the original bytes,
/// so the protobuf decoder reports the problem exactly as before.
///
/// - Complexity: O(number of fields outside the skipped payloads); skipped payloads are stepped
///   over by their length without being read.
enum ONNXWeightPayloads {
    /// Tensors with more elements than this lose their value fields.
    static let keptElements = ONNXTensorData.maximumValues

    /// The message kinds the pass descends into.
    enum Kind { case model, function, graph, node, attribute, tensor }

    /// Value-holding fields of TensorProto.
    static let payloadFields: Set<UInt64> = [4, 5, 7, 9, 10, 11]

    static let maximumDepth = 64

    /// `bytes` without the payloads of large tensors, or nil if `bytes` is not well-formed protobuf
    /// along the followed paths or nothing would be dropped.
    static func stripped(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(min(bytes.count, 1 << 20))
        var dropped = false
        guard (try? copy(bytes, kind: .model, depth: 0, into: &output, dropped: &dropped)) != nil, dropped else { return nil }
        return output
    }

    struct Malformed: Error {}

    /// The message kind of a length-delimited field of `kind`, if the pass descends into it.
    static func child(of kind: Kind, field: UInt64) -> Kind? {
        switch (kind, field) {
        case (.model, 7): return .graph
        case (.model, 25): return .function
        case (.function, 7), (.graph, 1): return .node
        case (.graph, 5), (.attribute, 5), (.attribute, 10): return .tensor
        case (.node, 5): return .attribute
        case (.attribute, 6), (.attribute, 11): return .graph
        default: return nil
        }
    }

    /// One field: its number, wire type, where its value starts and where the field ends.
    struct Field {
        var number: UInt64
        var wireType: UInt64
        var start: Int
        var valueStart: Int
        var end: Int
    }

    static func fields(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> [Field] {
        var result: [Field] = []
        var offset = 0
        while offset < bytes.count {
            let start = offset
            let tag = try varint(bytes, &offset)
            let wireType = tag & 7
            let valueStart = offset
            switch wireType {
            case 0: _ = try varint(bytes, &offset)
            case 1: offset += 8
            case 5: offset += 4
            case 2:
                let length = try varint(bytes, &offset)
                guard length <= UInt64(bytes.count - offset) else { throw Malformed() }
                offset += Int(length)
            default: throw Malformed()
            }
            guard offset <= bytes.count, tag >> 3 != 0 else { throw Malformed() }
            result.append(Field(number: tag >> 3, wireType: wireType, start: start, valueStart: valueStart, end: offset))
        }
        return result
    }

    static func varint(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    /// The element count of a TensorProto from its `dims` (field 1, packed or not); nil if it
    /// overflows, which counts as large.
    static func elementCount(_ bytes: UnsafeRawBufferPointer, _ fields: [Field]) throws(Malformed) -> Int? {
        var count = 1
        func multiply(_ dimension: UInt64) -> Bool {
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(truncatingIfNeeded: dimension))
            count = product
            return !overflow
        }
        for field in fields where field.number == 1 {
            var offset = field.valueStart
            if field.wireType == 0 {
                if !multiply(try varint(bytes, &offset)) { return nil }
            } else if field.wireType == 2 {
                _ = try varint(bytes, &offset)
                while offset < field.end {
                    if !multiply(try varint(bytes, &offset)) { return nil }
                }
            }
        }
        return count
    }

    static func copy(_ bytes: UnsafeRawBufferPointer, kind: Kind, depth: Int, into output: inout [UInt8],
                     dropped: inout Bool) throws(Malformed) {
        guard depth < maximumDepth else { throw Malformed() }
        let fields = try fields(bytes)
        var large = false
        if kind == .tensor {
            let count = try elementCount(bytes, fields)
            large = count.map { $0 > keptElements } ?? true
        }
        for field in fields {
            if large && payloadFields.contains(field.number) {
                dropped = true
                continue
            }
            guard field.wireType == 2, let childKind = child(of: kind, field: field.number) else {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end]))
                continue
            }
            var lengthOffset = field.valueStart
            let length = Int(try varint(bytes, &lengthOffset))
            var inner: [UInt8] = []
            try copy(UnsafeRawBufferPointer(rebasing: bytes[lengthOffset..<(lengthOffset + length)]), kind: childKind,
                     depth: depth + 1, into: &inner, dropped: &dropped)
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.valueStart]))
            appendVarint(UInt64(inner.count), to: &output)
            output.append(contentsOf: inner)
        }
    }
}
