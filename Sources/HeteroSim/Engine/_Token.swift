/// Tokens for functional validation: a 64-bit stand-in for a tensor's value.
///
/// A graph input's token is derived from its index; an operator output's from the operator,
/// the output's position and the tokens of the operator's inputs in order, so a token names one
/// version of one tensor computed from the right data. Mixing is SplitMix64's finaliser
/// (Steele, Lea & Flood, OOPSLA 2014), which makes accidental equality negligible.
enum _Token {
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func input(_ tensor: Int) -> UInt64 {
        mix(0x1000_0000_0000_0000 | UInt64(tensor))
    }

    static func output(operator op: Int, position: Int, inputs: [UInt64]) -> UInt64 {
        var hash = mix(0x2000_0000_0000_0000 | UInt64(op) << 8 | UInt64(position & 0xFF))
        for input in inputs { hash = mix(hash ^ input) }
        return hash == 0 ? 1 : hash
    }
}
