import IMAPProtocol
import SASLEncoding
import Testing

@Suite("SASL")
struct SASLTests {
    @Test func plain() {
        #expect(SASL.plain(username: "tim", password: "tanstaaftanstaaf") == Array("\0tim\0tanstaaftanstaaf".utf8))
        #expect(SASL.plain(username: "u", password: "p", authorizationIdentity: "admin") == Array("admin\0u\0p".utf8))
        // RFC 4616 §4 example, base64 as sent on the wire.
        #expect(Base64.encode(SASL.plain(username: "tim", password: "tanstaaftanstaaf")) == "AHRpbQB0YW5zdGFhZnRhbnN0YWFm")
    }

    @Test func xoauth2() {
        #expect(SASL.xoauth2(username: "someuser@example.com", accessToken: "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg")
            == Array("user=someuser@example.com\u{1}auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\u{1}\u{1}".utf8))
    }

    @Test func oauthBearerEscapesTheAuthorizationIdentity() {
        #expect(SASL.oauthBearer(username: "user@example.com", accessToken: "vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==")
            == Array("n,a=user@example.com,\u{1}auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\u{1}\u{1}".utf8))
        #expect(SASL.oauthBearer(username: "a,b=c", accessToken: "t") == Array("n,a=a=2Cb=3Dc,\u{1}auth=Bearer t\u{1}\u{1}".utf8))
    }
}
