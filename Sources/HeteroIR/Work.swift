/// The work one operator does, independent of where it runs.
public struct Work: Codable, Sendable, Hashable {
    /// Multiply-accumulates (Conv, ConvTranspose, Gemm, MatMul).
    public var macs: Int
    /// Other arithmetic operations (element-wise, pooling, normalisation, reductions, softmax).
    public var flops: Int
    /// Bytes of activations (non-constant inputs) read.
    public var activationBytesRead: Int
    /// Bytes of weights (constant inputs) read.
    public var weightBytesRead: Int
    /// Bytes of outputs written.
    public var bytesWritten: Int

    public init(macs: Int = 0, flops: Int = 0, activationBytesRead: Int = 0, weightBytesRead: Int = 0, bytesWritten: Int = 0) {
        self.macs = macs
        self.flops = flops
        self.activationBytesRead = activationBytesRead
        self.weightBytesRead = weightBytesRead
        self.bytesWritten = bytesWritten
    }

    public static let zero = Work()

    public static func + (lhs: Work, rhs: Work) -> Work {
        Work(macs: lhs.macs + rhs.macs, flops: lhs.flops + rhs.flops,
             activationBytesRead: lhs.activationBytesRead + rhs.activationBytesRead,
             weightBytesRead: lhs.weightBytesRead + rhs.weightBytesRead,
             bytesWritten: lhs.bytesWritten + rhs.bytesWritten)
    }
}
