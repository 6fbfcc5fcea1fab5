import HeteroSupport

extension Platform {
    /// Reads, decodes and validates the platform file at `path`.
    ///
    /// - Throws: `InputError.unreadable` or `.syntax` when the file cannot be read or parsed,
    ///   `InputError.invalid(file:what: "platform", problems:)` with every problem found.
    public static func load(path: String) throws(InputError) -> Platform {
        try check(path: path).platform
    }

    /// Like `load(path:)`, keeping the warnings (numbers without a source note).
    public static func check(path: String) throws(InputError) -> PlatformCheck {
        try check(TextFile.readJSON(path), file: path)
    }

    /// Decodes and validates a parsed platform document; `file` names it in errors.
    public static func decode(_ value: JSONValue, file: String) throws(InputError) -> Platform {
        try check(value, file: file).platform
    }

    /// Parses, decodes and validates platform JSON text; `file` names it in errors.
    public static func decode(jsonText: String, file: String) throws(InputError) -> Platform {
        let value: JSONValue
        do {
            value = try JSONParser.parse(jsonText)
        } catch {
            throw InputError.syntax(file: file, error)
        }
        return try decode(value, file: file)
    }

    /// Decodes and validates a parsed platform document, keeping the warnings.
    public static func check(_ value: JSONValue, file: String) throws(InputError) -> PlatformCheck {
        let decoder = PlatformDecoder()
        guard let platform = decoder.decode(value) else {
            throw InputError.invalid(file: file, what: "platform", problems: decoder.problems.problems)
        }
        return PlatformCheck(file: file, platform: platform, warnings: sourceWarnings(in: value))
    }
}
