import Config
import SMTPProtocol

extension MailFlowSettings {
    /// Why a loop's settings could not be made: one line for a person (an address that is not one, no login).
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The loop's settings from a `MailFlowConfiguration` (a target's `mailflow:`, or the command line's options):
    /// the mailbox is `mailbox`, which must log in with a password; the submission goes to `configuration.host`
    /// (else the mailbox's host) as `submissionLogin` (else the mailbox's login), from and to the login's user
    /// name unless the configuration says otherwise. `identity` names the loop (a target's name); nil names it by
    /// the submission server, the recipient and the mailbox.
    public init(
        identity: String?, mailbox: ProbeSettings, configuration: MailFlowConfiguration, submissionLogin: Credentials?
    ) throws(Problem) {
        guard let credentials = mailbox.credentials, !(credentials.mechanism?.usesBearerToken ?? false) else {
            throw Problem(description: "the mail-flow loop needs a user name and a password for the mailbox")
        }
        let login = submissionLogin ?? credentials
        let sender = try Self.address(configuration.from ?? login.username, role: "from")
        let recipient = try Self.address(configuration.to ?? credentials.username, role: "to")
        let submission = SubmissionSettings(
            host: configuration.host ?? mailbox.host, port: configuration.port,
            security: configuration.tls == .implicit ? .implicitTLS : .startTLS,
            serverName: configuration.serverName ?? (configuration.host == nil ? mailbox.serverName : nil),
            caFile: mailbox.caFile, insecure: mailbox.insecure, username: login.username, password: login.secret,
            clientName: configuration.ehloName, sender: sender, recipients: [recipient], timeout: mailbox.timeout)
        self.init(
            identity: identity
                ?? "\(submission.host.text):\(submission.port) \(recipient) \(mailbox.host.text):\(mailbox.port)",
            submission: submission, mailbox: mailbox, folders: configuration.folders,
            deliveryTimeout: configuration.wait, pollInterval: .seconds(2), lateAfter: configuration.lateAfter)
    }

    private static func address(_ text: String, role: String) throws(Problem) -> MailAddress {
        do {
            return try MailAddress(text)
        } catch {
            throw Problem(description: "\(role): \(text.debugDescription) is \(error.description)")
        }
    }
}
