/// The 64-bit FNV-1a hash (Fowler, Noll, Vo): deterministic across runs and machines, unlike
/// Swift's `Hasher`, which is seeded per process. Not cryptographic; used for stable identifiers.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// - Complexity: O(n) in the number of bytes.
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    public static func hash(_ text: String) -> UInt64 { hash(text.utf8) }

    /// The hash as 16 lowercase hexadecimal digits.
    public static func hex(_ text: String) -> String {
        let digits = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
