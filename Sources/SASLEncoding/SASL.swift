/// Builders for SASL initial responses. Their output is a secret: pass it to `Command.authenticate`, never log it.
public enum SASL {
    /// RFC 4616 PLAIN: `authzid NUL user NUL password` (the authorization identity is usually empty).
    public static func plain(username: String, password: String, authorizationIdentity: String = "") -> [UInt8] {
        Array(authorizationIdentity.utf8) + [0] + Array(username.utf8) + [0] + Array(password.utf8)
    }

    /// Google/Microsoft XOAUTH2: `user=<user>\x01auth=Bearer <token>\x01\x01`.
    public static func xoauth2(username: String, accessToken: String) -> [UInt8] {
        Array("user=\(username)\u{1}auth=Bearer \(accessToken)\u{1}\u{1}".utf8)
    }

    /// The answer to a challenge that follows the initial response. For the mechanisms a probe uses such a
    /// challenge only ever reports an error, which the client must acknowledge before the server sends its tagged
    /// NO: OAUTHBEARER with a single %x01 (RFC 7628 §3.2.3), XOAUTH2 and the others with an empty response.
    public static func errorAcknowledgement(mechanism: String) -> [UInt8] {
        mechanism.uppercased() == "OAUTHBEARER" ? [0x01] : []
    }

    /// RFC 7628 OAUTHBEARER: the GS2 header `n,a=<user>,` then `\x01auth=Bearer <token>\x01\x01`.
    ///
    /// In the `a=` value `,` becomes `=2C` and `=` becomes `=3D` (RFC 5801 saslname).
    public static func oauthBearer(username: String, accessToken: String) -> [UInt8] {
        var saslName = ""
        for character in username {
            switch character {
            case ",": saslName += "=2C"
            case "=": saslName += "=3D"
            default: saslName.append(character)
            }
        }
        return Array("n,a=\(saslName),\u{1}auth=Bearer \(accessToken)\u{1}\u{1}".utf8)
    }
}
