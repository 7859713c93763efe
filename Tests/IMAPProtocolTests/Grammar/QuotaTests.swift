import IMAPProtocol
import Testing

@Suite("Quota and QuotaResource")
struct QuotaTests {
    @Test(arguments: [
        ("* QUOTA \"User quota\" (STORAGE 642 10240)\r\n", "User quota"),
        ("* QUOTA INBOX (STORAGE 642 10240)\r\n", "INBOX"),
        ("* QUOTA \"\" (STORAGE 642 10240)\r\n", ""),
        ("* QUOTA {4}\r\nROOT (STORAGE 642 10240)\r\n", "ROOT"),
    ])
    func rootNamesInEveryForm(input: String, root: String) throws {
        let responses = try FramingHarness.parseEveryWay(bytes(input))
        #expect(responses == [.untagged(.quota(Quota(root: root, resources: [QuotaResource(name: "STORAGE", usage: 642, limit: 10240)])))])
    }

    @Test func resourceNamesAreUpperCasedAndStorageStaysInKibibytes() throws {
        let response = try ResponseParser.parse(bytes("* QUOTA R (storage 639 1024 Message 3 1000 X-VENDOR 1 2)\r\n"))
        guard case .untagged(.quota(let quota)) = response else {
            Issue.record("not a QUOTA: \(response)")
            return
        }
        #expect(quota.resources.map(\.name) == [QuotaResource.storage, QuotaResource.message, "X-VENDOR"])
        #expect(quota.resources.first?.usage == 639)
        #expect(quota.resources.first?.limit == 1024)
    }

    @Test func number64OverflowIsATypedError() {
        #expect(throws: ParseError(.numberOverflow, offset: 21)) {
            try ResponseParser.parse(bytes("* QUOTA R (STORAGE 1 99999999999999999999)\r\n"))
        }
    }
}
