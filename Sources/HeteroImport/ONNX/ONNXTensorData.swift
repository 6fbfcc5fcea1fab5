import Foundation
import HeteroIR

/// Reads the shape, element type and (for small tensors) values of an ONNX `TensorProto`.
enum ONNXTensorData {
    /// Tensors with more elements than this keep only their shape.
    static let maximumValues = ShapeContext.maximumTrackedValues

    static func elementType(of proto: Onnx_TensorProto, file: String) throws(ImportError) -> ElementType {
        guard let type = ElementType(onnxCode: Int(proto.dataType)) else {
            throw .badTensorData(file: file, tensor: proto.name, reason: "unsupported element type code \(proto.dataType)")
        }
        return type
    }

    static func shape(of proto: Onnx_TensorProto, file: String) throws(ImportError) -> [Int] {
        let shape = proto.dims.map { Int($0) }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw .badTensorData(file: file, tensor: proto.name, reason: "negative dimension in \(shape)")
        }
        return shape
    }

    /// Integer values of a small integer tensor, or nil if it is large, floating point or external.
    static func intValues(of proto: Onnx_TensorProto, type: ElementType, count: Int, file: String) throws(ImportError) -> [Int]? {
        guard count <= maximumValues, !type.isFloatingPoint, type != .string, proto.dataLocation != .external else { return nil }
        var values: [Int]
        if !proto.rawData.isEmpty {
            values = try decodeRaw(proto, type: type, file: file)
        } else if !proto.int64Data.isEmpty {
            values = proto.int64Data.map { Int($0) }
        } else if !proto.int32Data.isEmpty {
            values = proto.int32Data.map { Int($0) }
        } else if !proto.uint64Data.isEmpty {
            values = proto.uint64Data.map { Int(truncatingIfNeeded: $0) }
        } else {
            values = []
        }
        if values.isEmpty && count > 0 { return nil }
        guard values.count == count else {
            throw .badTensorData(file: file, tensor: proto.name, reason: "holds \(values.count) values but its shape needs \(count)")
        }
        return values
    }

    /// Floating-point values of a small float tensor (e.g. `Resize` scales).
    static func floatValues(of proto: Onnx_TensorProto, type: ElementType, count: Int) -> [Double]? {
        guard count <= 64, type == .float32 || type == .float64, proto.dataLocation != .external else { return nil }
        if !proto.floatData.isEmpty { return proto.floatData.map(Double.init) }
        if !proto.doubleData.isEmpty { return proto.doubleData }
        let raw = [UInt8](proto.rawData)
        let width = type == .float32 ? 4 : 8
        guard raw.count == count * width else { return nil }
        return (0..<count).map { index in
            var bits: UInt64 = 0
            for byte in 0..<width { bits |= UInt64(raw[index * width + byte]) << (8 * UInt64(byte)) }
            return type == .float32 ? Double(Float(bitPattern: UInt32(bits))) : Double(bitPattern: bits)
        }
    }

    private static func decodeRaw(_ proto: Onnx_TensorProto, type: ElementType, file: String) throws(ImportError) -> [Int] {
        let raw = [UInt8](proto.rawData)
        let width = type.bits / 8
        guard width > 0, raw.count % width == 0 else {
            throw .badTensorData(file: file, tensor: proto.name, reason: "raw data of \(raw.count) bytes is not a whole number of \(type.rawValue) values")
        }
        let signed: Bool = [.int8, .int16, .int32, .int64].contains(type)
        return stride(from: 0, to: raw.count, by: width).map { offset in
            var bits: UInt64 = 0
            for byte in 0..<width { bits |= UInt64(raw[offset + byte]) << (8 * UInt64(byte)) }
            if signed && width < 8 && bits & (1 << (UInt64(width) * 8 - 1)) != 0 {
                bits |= ~((1 << (UInt64(width) * 8)) - 1)
            }
            return Int(Int64(bitPattern: bits))
        }
    }

    /// A constant tensor of the IR for an ONNX tensor.
    static func tensor(_ proto: Onnx_TensorProto, name: String, file: String) throws(ImportError) -> Tensor {
        let type = try elementType(of: proto, file: file)
        let shape = try shape(of: proto, file: file)
        do { try SizeLimit.check(tensor: name, shape: shape, elementType: type) } catch { throw .graph(file: file, error) }
        let count = SizeLimit.product(shape) ?? 0
        return Tensor(name: name, shape: shape, elementType: type, kind: .constant,
                      intValues: try intValues(of: proto, type: type, count: count, file: file),
                      floatValues: floatValues(of: proto, type: type, count: count))
    }
}
