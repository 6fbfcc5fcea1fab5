/// Where the numbers of one JSON object come from: a datasheet, a paper, "derived", "assumed".
///
/// In JSON, `"source"` is either a string that covers every number of the object (and of the
/// objects nested in it) or an object mapping field names of the same object to notes, with
/// `"*"` for the fields not named: `"source": {"clock_mhz": "nvdla primer", "*": "assumed"}`.
public enum SourceNotes: Sendable, Hashable {
    /// One note for the whole object.
    case note(String)
    /// A note per field name; `"*"` covers the rest.
    case fields([String: String])

    /// The note that covers `field`, if any.
    public func note(for field: String) -> String? {
        switch self {
        case .note(let text): return text
        case .fields(let notes): return notes[field] ?? notes["*"]
        }
    }
}

extension SourceNotes: Encodable {
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .note(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .fields(let notes):
            var single = encoder.singleValueContainer()
            try single.encode(notes)
        }
    }
}
