extension JSONObjectReader {
    /// Checks the file's `"format": "<expected>"` key, reporting a missing key, a non-string, another
    /// version of the same family (`hetero-plan/platform@2`) or another format altogether (naming
    /// `fileKind`, e.g. "platform", in the hint). True only when it matches.
    public func requireFormat(_ expected: String, fileKind: String) -> Bool {
        let path = self.path.appending("format")
        guard let value = value("format", required: false) else {
            problems.report(path, "missing required key (a \(fileKind) file starts with \"format\": \"\(expected)\")")
            return false
        }
        guard case .string(let format) = value else {
            problems.report(path, "expected the string \"\(expected)\", found \(value.kindName)")
            return false
        }
        if format == expected { return true }
        let family = expected.prefix(while: { $0 != "@" })
        if format.hasPrefix(family + "@") {
            problems.report(path, "unsupported version \"\(format)\"; this hetero-plan reads \"\(expected)\"")
        } else {
            problems.report(path, "expected \"\(expected)\", found \"\(format)\"; is this a \(fileKind) file?")
        }
        return false
    }
}
