import ArgumentParser
import Config
import Prober
import SMTPProtocol

/// The options of the mail-flow loop, shared by `check --mailflow` and `probe --mailflow`: where to submit, as
/// whom, to which address, and how long to wait. The IMAP options (`-H`, `-u`, …) name the mailbox it lands in;
/// the submission defaults to the same host, user and password.
public struct MailFlowOptions: ParsableArguments {
    @Flag(help: "Run the mail-flow loop: submit a message, find it in the mailbox by IMAP, time it, delete it.")
    var mailflow = false

    @Option(help: "The submission server (default: the IMAP host).")
    var smtpHost: String?

    @Option(help: "The submission port: 587 with STARTTLS, 465 with implicit TLS.")
    var smtpPort: Int = 587

    @Option(help: "starttls or implicit (default: implicit on 465, starttls otherwise).")
    var smtpTls: SubmissionPlan.Security?

    @Option(help: "The name the submission server's certificate must carry (default: --smtp-host, or --sni without it).")
    var smtpSni: String?

    @Option(help: "Submit as this user (default: -u).")
    var smtpUser: String?

    @Option(help: "Read the submission password from this file (default: the IMAP password).")
    var smtpPasswordFile: String?

    @Option(help: "The envelope sender and From: address (default: -u).")
    var from: String?

    @Option(help: "The recipient: the address of the mailbox -u logs in to (default: -u).")
    var to: String?

    @Option(help: "A folder to look in, the expected one first (repeatable; default: INBOX and Junk).")
    var folder: [String] = []

    @Option(help: "Seconds after the submission server accepted the message before it counts as lost.")
    var wait: Double = 60

    @Option(help: "Seconds after acceptance past which a delivery is late (WARNING).")
    var lateAfter: Double?

    @Option(help: "check only: the non-blocking mode. Judge the message the previous run sent (its token is in this file), then send one for the next run; never wait for this run's.")
    var stateFile: String?

    @Option(help: "The name sent in EHLO and used in the Message-ID.")
    var ehloName = "localhost"

    /// Options with every default; ArgumentParser fills them from the command line.
    public init() {}

    public func validate() throws {
        guard mailflow else { return }
        guard (1...65_535).contains(smtpPort) else { throw ValidationError("--smtp-port \(smtpPort) is not in 1...65535") }
        guard wait > 0, wait <= ProbeOptions.maxTimeout else {
            throw ValidationError("--wait must be more than 0 and at most \(Int(ProbeOptions.maxTimeout)) seconds")
        }
        if let lateAfter, !(lateAfter > 0 && lateAfter < wait) {
            throw ValidationError("--late-after must be more than 0 and less than --wait")
        }
    }

    /// The loop's settings: the mailbox from `mailbox` (the IMAP options' settings, which must log in), the
    /// submission from these options and their defaults.
    func settings(
        mailbox: ProbeSettings, environment: [String: String],
        readFile: (String) throws(CommandFailure) -> String = SecretFile.read
    ) throws(CommandFailure) -> MailFlowSettings {
        guard let credentials = mailbox.credentials, !credentials.mechanism.usesBearerTokenOrFalse else {
            throw CommandFailure("--mailflow needs -u and a password for the mailbox")
        }
        let smtpHost = try smtpHost.map { text throws(CommandFailure) in try ProbeOptions.host(text, option: "--smtp-host") }
        let smtpName = try smtpSni.map { text throws(CommandFailure) in try ProbeOptions.host(text, option: "--smtp-sni") }
        let password: Secret
        if let smtpPasswordFile {
            password = Secret(
                try ProbeOptions.trimmed(
                    ProbeOptions.read(smtpPasswordFile, kind: "submission password", with: readFile), file: smtpPasswordFile,
                    kind: "submission password"))
        } else {
            password = credentials.secret
        }
        let sender = try Self.address(from ?? credentials.username, option: "--from")
        let recipient = try Self.address(to ?? credentials.username, option: "--to")
        let timeout = mailbox.timeout
        let submission = SubmissionSettings(
            host: smtpHost ?? mailbox.host, port: smtpPort,
            security: smtpTls ?? (smtpPort == 465 ? .implicitTLS : .startTLS),
            serverName: smtpName ?? (smtpHost == nil ? mailbox.serverName : nil), caFile: mailbox.caFile, insecure: mailbox.insecure,
            username: smtpUser ?? credentials.username, password: password, clientName: ehloName, sender: sender,
            recipients: [recipient], timeout: timeout)
        let identity = "\(submission.host.text):\(smtpPort) \(recipient) \(mailbox.host.text):\(mailbox.port)"
        return MailFlowSettings(
            identity: identity, submission: submission, mailbox: mailbox,
            folders: folder.isEmpty ? ["INBOX", "Junk"] : folder, deliveryTimeout: Self.duration(wait),
            pollInterval: .seconds(2), lateAfter: lateAfter.map(Self.duration))
    }

    private static func address(_ text: String, option: String) throws(CommandFailure) -> MailAddress {
        do {
            return try MailAddress(text)
        } catch {
            throw CommandFailure("\(option): \(text.debugDescription) is \(error.description)")
        }
    }

    static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int64((min(seconds, ProbeOptions.maxTimeout) * 1000).rounded()))
    }
}

extension SubmissionPlan.Security: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "starttls": self = .startTLS
        case "implicit": self = .implicitTLS
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["starttls", "implicit"] }
}

extension Optional where Wrapped == AuthMechanism {
    /// Whether the mechanism takes a bearer token instead of a password (nil: no).
    fileprivate var usesBearerTokenOrFalse: Bool { self?.usesBearerToken ?? false }
}
