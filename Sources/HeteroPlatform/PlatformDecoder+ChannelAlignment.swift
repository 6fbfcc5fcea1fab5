import HeteroSupport

extension PlatformDecoder {
    /// A unit's `channel_alignment`: `channels` (the multiple), an optional
    /// `compressed_input_channels` (at most `channels`) and `operators` (the operator types whose
    /// activations are padded: at least one, each once, no `"*"`).
    func decodeChannelAlignment(_ reader: JSONObjectReader) -> ChannelAlignment? {
        let channels = wholeQuantity(reader, "channels", .operatorLimit)
        let compressed = wholeQuantity(reader, "compressed_input_channels", .operatorLimit, required: false)
        let operators = alignedOperators(reader)
        reader.rejectUnknownKeys()
        if let channels, let compressed, compressed > channels {
            problems.report(reader.path.appending("compressed_input_channels"),
                            "must be at most \"channels\" (\(channels)): it replaces the padding of inputs with fewer channels, found \(compressed)")
            return nil
        }
        guard let channels, let operators else { return nil }
        return ChannelAlignment(channels: channels, compressedInputChannels: compressed, operators: operators)
    }

    private func alignedOperators(_ reader: JSONObjectReader) -> [String]? {
        guard let elements = reader.array("operators") else { return nil }
        if elements.isEmpty {
            problems.report(reader.path.appending("operators"), "must list at least one operator type (omit channel_alignment when no operator is padded)")
            return nil
        }
        var names: [String] = []
        var valid = true
        for element in elements {
            guard case .string(let name) = element.value else {
                problems.report(element.path, "expected an operator type, found \(element.value.kindName)")
                valid = false
                continue
            }
            if name == OperatorSupport.wildcard || name.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.report(element.path, "expected an operator type, found \"\(name)\"")
                valid = false
            } else if names.contains(name) {
                problems.report(element.path, "\"\(name)\" is listed twice")
                valid = false
            } else {
                names.append(name)
            }
        }
        return valid ? names : nil
    }
}
