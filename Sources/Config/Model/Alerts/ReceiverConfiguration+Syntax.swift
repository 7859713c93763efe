extension ReceiverConfiguration {
    /// Whether `name` can name a receiver: `[A-Za-z0-9_.-]+` (it becomes a metric label and a file name part).
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { isAlphanumeric($0) || "_.-".unicodeScalars.contains($0) }
    }

    /// Whether `topic` is a topic ntfy accepts: 1 to 64 of `[A-Za-z0-9_-]`.
    static func isValidTopic(_ topic: String) -> Bool {
        (1...64).contains(topic.unicodeScalars.count)
            && topic.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "_" || $0 == "-" }
    }

    /// Whether `text` is a media type for the `Content-Type` header: `type/subtype`, then parameters after `;`,
    /// all on one line.
    static func isValidContentType(_ text: String) -> Bool {
        let essence = text.prefix { $0 != ";" }
        let parts = essence.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy(isToken) && Header.isValidValue(text)
    }

    /// Whether `text` is an RFC 9110 token: letters, digits and ``!#$%&'*+-.^_`|~``, at least one.
    static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { isAlphanumeric($0) || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0) }
    }

    /// ASCII letters and digits only.
    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

extension ReceiverConfiguration.Header {
    /// The header names imapwatch sets on every request itself, lowercased.
    static let reservedNames: Set<String> = ["content-type", "content-length", "host"]

    /// Whether `name` is an HTTP field name (a token).
    static func isValidName(_ name: String) -> Bool {
        ReceiverConfiguration.isToken(Substring(name))
    }

    /// Whether `value` can go on one header line: no control character but the tab.
    static func isValidValue(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }
    }
}
