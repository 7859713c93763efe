import IMAPProtocol

extension ResponseCode {
    /// The code's atom as the server sent it (`AUTHENTICATIONFAILED`, `UIDVALIDITY`), for messages.
    var atomName: String {
        switch self {
        case .alert: "ALERT"
        case .badCharset: "BADCHARSET"
        case .capability: "CAPABILITY"
        case .parse: "PARSE"
        case .permanentFlags: "PERMANENTFLAGS"
        case .readOnly: "READ-ONLY"
        case .readWrite: "READ-WRITE"
        case .tryCreate: "TRYCREATE"
        case .uidNext: "UIDNEXT"
        case .uidValidity: "UIDVALIDITY"
        case .unseen: "UNSEEN"
        case .highestModSeq: "HIGHESTMODSEQ"
        case .authenticationFailed: "AUTHENTICATIONFAILED"
        case .authorizationFailed: "AUTHORIZATIONFAILED"
        case .privacyRequired: "PRIVACYREQUIRED"
        case .unavailable: "UNAVAILABLE"
        case .overQuota: "OVERQUOTA"
        case .nonExistent: "NONEXISTENT"
        case .limit: "LIMIT"
        case .expired: "EXPIRED"
        case .other(let name, _): name
        }
    }
}
