import IMAPProtocol
import Testing

@Suite("Capability")
struct CapabilityTests {
    @Test(arguments: [("imap4rev1", Capability.imap4rev1), ("IMAP4rev2", .imap4rev2), ("starttls", .starttls),
                      ("LoginDisabled", .loginDisabled), ("sasl-ir", .saslIR), ("literal+", .literalPlus),
                      ("LITERAL-", .literalMinus), ("quota", .quota), ("Idle", .idle)])
    func comparesCaseInsensitively(spelling: String, constant: Capability) {
        #expect(Capability(spelling) == constant)
        #expect(Capability(spelling).rawValue == spelling.uppercased())
    }

    @Test func authHelperBuildsAndReadsMechanisms() {
        #expect(Capability.auth("plain") == Capability("AUTH=PLAIN"))
        #expect(Capability("auth=xoauth2").authMechanism == "XOAUTH2")
        #expect(Capability.starttls.authMechanism == nil)
        #expect(Capability.auth("PLAIN").description == "AUTH=PLAIN")
    }

    @Test func distinguishesLiteralPlusFromMinus() {
        #expect(Capability.literalPlus != Capability.literalMinus)
        #expect(Set([Capability("literal+"), .literalPlus]).count == 1)
    }
}
