import IMAPProtocol
import Testing

@Suite("ModifiedUTF7")
struct ModifiedUTF7Tests {
    // RFC 3501 §5.1.3 examples and common mailbox names.
    @Test(arguments: [
        ("INBOX", "INBOX"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("Entwürfe", "Entw&APw-rfe"),
        ("R&D", "R&-D"),
        ("Gesendete Objekte", "Gesendete Objekte"),
        ("📬", "&2D3c7A-"),
    ])
    func encodesAndDecodes(name: String, encoded: String) {
        #expect(ModifiedUTF7.encode(name) == encoded)
        #expect(ModifiedUTF7.decode(encoded) == name)
    }

    @Test(arguments: ["&Jjo!", "&U,BTFw", "caf\u{E9}", "&2D0-"])
    func rejectsMalformedNames(_ text: String) {
        #expect(ModifiedUTF7.decode(text) == nil)
    }
}
