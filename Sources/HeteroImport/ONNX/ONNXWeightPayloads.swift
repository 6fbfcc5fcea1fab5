import HeteroSupport

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
/// The pass reads from memory or from an `InputFile` (positioned reads, never a memory map, so a
/// file truncated while it is read is an error naming it rather than a SIGBUS; issue 12).
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

    /// Why the pass stopped: the bytes are not well-formed protobuf, or the file could not be read.
    enum Failure: Error {
        case malformed
        case unreadable(InputError)
    }

    /// `bytes` without the payloads of large tensors, or nil if `bytes` is not well-formed protobuf
    /// along the followed paths or nothing would be dropped.
    static func stripped(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(min(bytes.count, 1 << 20))
        var dropped = false
        guard (try? copy(_MemorySource(bytes: bytes), 0..<bytes.count, kind: .model, depth: 0, into: &output, dropped: &dropped)) != nil,
              dropped else { return nil }
        return output
    }

    /// The file's bytes without the payloads of large tensors (the skipped payloads are never read),
    /// or nil if the file is not well-formed protobuf along the followed paths.
    ///
    /// - Throws: `InputError.unreadable` naming the file when it cannot be read or shrinks while
    ///   being read.
    static func stripped(_ file: InputFile) throws(InputError) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(min(file.size, 1 << 20))
        var dropped = false
        do {
            try copy(_FileSource(file: file), 0..<file.size, kind: .model, depth: 0, into: &output, dropped: &dropped)
        } catch {
            switch error {
            case .malformed: return nil
            case .unreadable(let reason): throw reason
            }
        }
        return output
    }

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

    /// One field: its number, wire type, where it starts, where its value starts and where it ends
    /// (offsets in the whole source).
    struct Field {
        var number: UInt64
        var wireType: UInt64
        var start: Int
        var valueStart: Int
        var end: Int
    }

    static func fields(_ source: some _PayloadSource, _ range: Range<Int>) throws(Failure) -> [Field] {
        var result: [Field] = []
        var offset = range.lowerBound
        let end = range.upperBound
        while offset < end {
            let start = offset
            let tag = try varint(source, &offset, end: end)
            let wireType = tag & 7
            let valueStart = offset
            switch wireType {
            case 0: _ = try varint(source, &offset, end: end)
            case 1: offset += 8
            case 5: offset += 4
            case 2:
                let length = try varint(source, &offset, end: end)
                guard length <= UInt64(end - offset) else { throw .malformed }
                offset += Int(length)
            default: throw .malformed
            }
            guard offset <= end, tag >> 3 != 0 else { throw .malformed }
            result.append(Field(number: tag >> 3, wireType: wireType, start: start, valueStart: valueStart, end: offset))
        }
        return result
    }

    static func varint(_ source: some _PayloadSource, _ offset: inout Int, end: Int) throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw .malformed }
            let byte = try source.byte(at: offset)
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
    static func elementCount(_ source: some _PayloadSource, _ fields: [Field]) throws(Failure) -> Int? {
        var count = 1
        func multiply(_ dimension: UInt64) -> Bool {
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(truncatingIfNeeded: dimension))
            count = product
            return !overflow
        }
        for field in fields where field.number == 1 {
            var offset = field.valueStart
            if field.wireType == 0 {
                if !multiply(try varint(source, &offset, end: field.end)) { return nil }
            } else if field.wireType == 2 {
                _ = try varint(source, &offset, end: field.end)
                while offset < field.end {
                    if !multiply(try varint(source, &offset, end: field.end)) { return nil }
                }
            }
        }
        return count
    }

    static func copy(_ source: some _PayloadSource, _ range: Range<Int>, kind: Kind, depth: Int, into output: inout [UInt8],
                     dropped: inout Bool) throws(Failure) {
        guard depth < maximumDepth else { throw .malformed }
        let fields = try fields(source, range)
        var large = false
        if kind == .tensor {
            let count = try elementCount(source, fields)
            large = count.map { $0 > keptElements } ?? true
        }
        for field in fields {
            if large && payloadFields.contains(field.number) {
                dropped = true
                continue
            }
            guard field.wireType == 2, let childKind = child(of: kind, field: field.number) else {
                try source.append(field.start..<field.end, to: &output)
                continue
            }
            var lengthOffset = field.valueStart
            let length = Int(try varint(source, &lengthOffset, end: field.end))
            var inner: [UInt8] = []
            try copy(source, lengthOffset..<(lengthOffset + length), kind: childKind, depth: depth + 1, into: &inner, dropped: &dropped)
            try source.append(field.start..<field.valueStart, to: &output)
            appendVarint(UInt64(inner.count), to: &output)
            output.append(contentsOf: inner)
        }
    }
}

/// Where `ONNXWeightPayloads` reads: bytes by offset, and ranges appended to an output.
protocol _PayloadSource {
    func byte(at offset: Int) throws(ONNXWeightPayloads.Failure) -> UInt8
    func append(_ range: Range<Int>, to output: inout [UInt8]) throws(ONNXWeightPayloads.Failure)
}

/// A buffer in memory (the caller keeps it alive for the pass).
struct _MemorySource: _PayloadSource {
    let bytes: UnsafeRawBufferPointer

    func byte(at offset: Int) throws(ONNXWeightPayloads.Failure) -> UInt8 { bytes[offset] }

    func append(_ range: Range<Int>, to output: inout [UInt8]) throws(ONNXWeightPayloads.Failure) {
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    }
}

/// A file read by positioned reads; a read that fails or comes up short is `.unreadable`.
struct _FileSource: _PayloadSource {
    let file: InputFile

    func byte(at offset: Int) throws(ONNXWeightPayloads.Failure) -> UInt8 {
        do { return try file.byte(at: offset) } catch { throw .unreadable(error) }
    }

    func append(_ range: Range<Int>, to output: inout [UInt8]) throws(ONNXWeightPayloads.Failure) {
        do { try file.read(offset: range.lowerBound, count: range.count, into: &output) } catch { throw .unreadable(error) }
    }
}
