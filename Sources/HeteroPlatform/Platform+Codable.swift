import HeteroSupport

/// A platform encodes to exactly the file format `Platform.decode` reads (the `"$schema"` hint
/// is not kept), so `JSONEncoder` with `.sortedKeys` gives a deterministic, loadable file.
/// Decoding goes through `Platform.decode` and therefore through every validation; a
/// document with problems fails with `DecodingError.dataCorrupted` listing them.
extension Platform: Codable {
    enum CodingKeys: String, CodingKey {
        case format, name, description, units, memories, links, interconnect, host, source
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(Self.formatIdentifier, forKey: .format)
        try keyed.encode(name, forKey: .name)
        try keyed.encodeIfPresent(description, forKey: .description)
        try keyed.encode(units, forKey: .units)
        try keyed.encode(memories, forKey: .memories)
        try keyed.encode(links, forKey: .links)
        try keyed.encode(interconnect, forKey: .interconnect)
        try keyed.encode(host, forKey: .host)
        try keyed.encodeIfPresent(source, forKey: .source)
    }

    public init(from decoder: any Decoder) throws {
        let document = try JSONValue(from: decoder)
        do {
            self = try Platform.decode(document, file: "(embedded platform)")
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
