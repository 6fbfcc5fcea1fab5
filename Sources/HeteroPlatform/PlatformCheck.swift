import HeteroSupport

/// A platform that decoded without problems, with the warnings `hetero-plan check` shows:
/// things that are legal but deserve a look, such as numbers without a source note.
public struct PlatformCheck: Sendable {
    /// The file the platform came from (as given to `Platform.check`).
    public let file: String
    public let platform: Platform
    public let warnings: [Problem]

    public init(file: String, platform: Platform, warnings: [Problem]) {
        self.file = file
        self.platform = platform
        self.warnings = warnings
    }

    /// The summary `hetero-plan check` prints (`description`) or writes as JSON (`Encodable`).
    public var summary: PlatformSummary {
        PlatformSummary(platform, file: file, warnings: warnings)
    }
}
