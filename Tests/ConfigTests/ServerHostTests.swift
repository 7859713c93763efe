import Config
import Testing

/// `ServerHost`: the one strict reading of a host, for `host:`, `sni:`, `-H`, `--sni` and `/probe?target=`.
@Suite struct ServerHostTests {
    @Test(arguments: [
        ("mail.example.org", ServerHost.Kind.name, "mail.example.org"),
        ("MAIL.Example.ORG", .name, "mail.example.org"),
        ("mail.example.org.", .name, "mail.example.org"),
        ("localhost", .name, "localhost"),
        ("xn--bcher-kva.example", .name, "xn--bcher-kva.example"),
        ("a-b.c1.example", .name, "a-b.c1.example"),
        ("3com.example", .name, "3com.example"),
        ("3f4e2a1b9c0d", .name, "3f4e2a1b9c0d"),
        (String(repeating: "a", count: 63) + ".example", .name, String(repeating: "a", count: 63) + ".example"),
        ("127.0.0.1", .ipv4, "127.0.0.1"),
        ("0.0.0.0", .ipv4, "0.0.0.0"),
        ("255.255.255.255", .ipv4, "255.255.255.255"),
        ("::1", .ipv6, "::1"),
        ("[::1]", .ipv6, "::1"),
        ("::", .ipv6, "::"),
        ("2001:DB8:0:0:0:0:0:7", .ipv6, "2001:db8::7"),
        ("[2001:db8::0:7]", .ipv6, "2001:db8::7"),
        ("2001:db8:0:0:1:0:0:1", .ipv6, "2001:db8::1:0:0:1"),
        ("2001:0db8:0000:0001:0000:0000:0000:0001", .ipv6, "2001:db8:0:1::1"),
        ("1:2:3:4:5:6:7::", .ipv6, "1:2:3:4:5:6:7:0"),
        ("::ffff:192.0.2.7", .ipv6, "::ffff:192.0.2.7"),
        ("64:ff9b::192.0.2.33", .ipv6, "64:ff9b::c000:221"),
    ])
    func accepted(text: String, kind: ServerHost.Kind, canonical: String) throws {
        let host = try ServerHost(parsing: text)
        #expect(host.kind == kind)
        #expect(host.text == canonical)
        #expect(host.textBeforePort == (kind == .ipv6 ? "[\(canonical)]" : canonical))
    }

    @Test(arguments: [
        ("", "it is empty"),
        ("localhost\u{0}.example.org", "it contains a NUL byte"),
        ("mail.attacker.net\u{0}.example.org", "it contains a NUL byte"),
        ("mail\t.example.org", "it contains a control character (\\u{9})"),
        ("mail\r\n.example.org", "it contains a control character (\\u{D})"),
        ("mail\u{7F}.example.org", "it contains a control character (\\u{7F})"),
        ("mail .example.org", "it contains a space"),
        ("bücher.example", "it contains non-ASCII text (write an internationalised name in its xn-- form)"),
        ("mail.example.org\u{301}", "it contains non-ASCII text (write an internationalised name in its xn-- form)"),
        ("mail%2e.example.org", "'%' is not allowed in a name (letters, digits, '-' and '.')"),
        ("mail.example.org#x", "'#' is not allowed in a name (letters, digits, '-' and '.')"),
        ("mail.example.org?x", "'?' is not allowed in a name (letters, digits, '-' and '.')"),
        ("mail\\example.org", "'\\' is not allowed in a name (letters, digits, '-' and '.')"),
        ("mail/example.org", "'/' is not allowed in a name (letters, digits, '-' and '.')"),
        ("user@mail.example.org", "'@' is not allowed in a name (letters, digits, '-' and '.')"),
        ("mail_1.example.org", "'_' is not allowed in a name (letters, digits, '-' and '.')"),
        ("*.example.org", "'*' is not allowed in a name (letters, digits, '-' and '.')"),
        ("mail..example.org", "a name has no empty labels (no '..', no leading dot)"),
        (".example.org", "a name has no empty labels (no '..', no leading dot)"),
        ("mail.example.org..", "a name has no empty labels (no '..', no leading dot)"),
        ("-mail.example.org", "a label of a name neither starts nor ends with '-'"),
        ("mail-.example.org", "a label of a name neither starts nor ends with '-'"),
        (String(repeating: "a", count: 64) + ".example", "a label of a name is at most 63 characters"),
        (Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: "."), "a name is at most 253 characters"),
        ("2130706433", "an IPv4 address is four numbers from 0 to 255 without leading zeros, separated by dots"),
        ("0x7f000001", "this is a number the resolver would read as an IPv4 address; write the dotted quad"),
        ("0x7f.0x1", "this is a number the resolver would read as an IPv4 address; write the dotted quad"),
        ("mail.example.123", "the last label of a name is not all digits"),
        ("127.1", "an IPv4 address is four numbers from 0 to 255 without leading zeros, separated by dots"),
        ("127.0.0.01", "an IPv4 address is four numbers from 0 to 255 without leading zeros, separated by dots"),
        ("256.0.0.1", "an IPv4 address is four numbers from 0 to 255 without leading zeros, separated by dots"),
        ("1.2.3.4.5", "an IPv4 address is four numbers from 0 to 255 without leading zeros, separated by dots"),
        ("1.2.3.4.", "an IPv4 address is four numbers from 0 to 255 without leading zeros, separated by dots"),
        ("mail.example.org:993", "':' is allowed only in an IPv6 address (give a port as a port of its own)"),
        ("fe80::1%eth0", "an IPv6 zone (%interface) is not supported"),
        ("1:2:3:4:5:6:7:8:9", "':' is allowed only in an IPv6 address (give a port as a port of its own)"),
        ("1::2::3", "':' is allowed only in an IPv6 address (give a port as a port of its own)"),
        (":::", "':' is allowed only in an IPv6 address (give a port as a port of its own)"),
        ("12345::1", "':' is allowed only in an IPv6 address (give a port as a port of its own)"),
        ("::ffff:1.2.3.04", "':' is allowed only in an IPv6 address (give a port as a port of its own)"),
        ("[::1", "an IPv6 address in brackets needs its closing ]"),
        ("[]", "the text in brackets is not an IPv6 address"),
        ("[192.0.2.1]", "the text in brackets is not an IPv6 address"),
        ("[mail.example.org]", "the text in brackets is not an IPv6 address"),
        ("[fe80::1%eth0]", "an IPv6 zone (%interface) is not supported"),
    ])
    func refused(text: String, reason: String) {
        #expect(throws: ServerHost.Invalid(
            message: "\(ServerHost.quoted(text)) is not a host name or address: \(reason)", reason: reason)) {
            try ServerHost(parsing: text)
        }
    }

    @Test func aTrailingDotIsAcceptedOnceAndNeverKept() throws {
        #expect(try ServerHost(parsing: "mail.example.org.") == ServerHost(parsing: "MAIL.example.org"))
        #expect(throws: ServerHost.Invalid.self) { try ServerHost(parsing: ".") }
    }

    @Test func quotedTextShowsControlCharactersAndNonASCIIAsEscapes() {
        #expect(ServerHost.quoted("a\u{0}b\tc\u{301}") == "'a\\u{0}b\\u{9}c\\u{301}'")
        #expect(ServerHost.quoted(String(repeating: "x", count: 120)) == "'\(String(repeating: "x", count: 100))…'")
    }

    @Test(arguments: [
        ("mail.example.org", "mail.example.org", true), ("*.example.org", "a.b.example.org", true),
        ("*.example.org", "example.org", false), ("*.example.org", "aexample.org", false),
        ("*.example.org", "localhost\u{0}.example.org", false), ("192.0.2.7", "192.0.2.7", true),
        ("2001:db8::7", "2001:DB8:0::7", true), ("*.example.org", "evil.example.org.attacker.net", false),
    ])
    func patternsCompareHostsNeverText(pattern: String, host: String, allowed: Bool) throws {
        let pattern = try ProbeHostPattern(parsing: pattern)
        guard let host = try? ServerHost(parsing: host) else {
            // A text that is not a host is never allowed: there is nothing to compare.
            #expect(!allowed)
            return
        }
        #expect(pattern.allows(host) == allowed)
    }
}
