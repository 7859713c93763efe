/// The commands a monitoring probe sends. Arguments are plain values; `CommandEncoder` chooses quoting,
/// literals and mailbox encoding.
public enum Command: Hashable, Sendable {
    /// `CAPABILITY`.
    case capability
    /// `NOOP`.
    case noop
    /// `STARTTLS`.
    case starttls
    /// `LOGIN user password`; the password never appears in a transcript.
    case login(username: String, password: String)
    /// `AUTHENTICATE mechanism [initial-response]`; `initialResponse` is raw (the encoder base64-encodes it, an
    /// empty one as `=`), and is sent inline with SASL-IR, otherwise after the first continuation request.
    /// `nil` means the mechanism has no initial response. Never shown in a transcript.
    case authenticate(mechanism: String, initialResponse: [UInt8]?)
    /// `EXAMINE mailbox` (read-only select).
    case examine(mailbox: String)
    /// `SELECT mailbox`.
    case select(mailbox: String)
    /// `FETCH n (RFC822.SIZE BODY.PEEK[]<0.partialOctets>)`: size and the first octets of one message.
    case fetch(sequence: Int, partialOctets: Int)
    /// `GETQUOTAROOT mailbox`.
    case getQuotaRoot(mailbox: String)
    /// `LOGOUT`; the server answers `* BYE` then the tagged OK.
    case logout
    /// `UID SEARCH HEADER name value`: the UIDs of the selected mailbox's messages whose header `name` contains
    /// `value` (RFC 9051 §6.4.4), answered by `* SEARCH`.
    case uidSearchHeader(name: String, value: String)
    /// `UID STORE uids +FLAGS.SILENT (\Deleted)`: marks these messages, and only these, for deletion.
    case uidStoreDeleted(uids: [Int])
    /// `UID EXPUNGE uids` (RFC 4315 UIDPLUS, part of IMAP4rev2): removes these messages if marked, and no other
    /// message another client marked.
    case uidExpunge(uids: [Int])
    /// `UID FETCH uids (INTERNALDATE BODY.PEEK[HEADER.FIELDS (name)])`: when each of these messages arrived, and
    /// one header of it, without setting \Seen; answered by `* n FETCH (UID u INTERNALDATE "…" BODY[HEADER.FIELDS
    /// (NAME)] {…})`.
    case uidFetchDateAndHeader(uids: [Int], name: String)
}
