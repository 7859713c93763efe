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
        guard let credentials = mailbox.credentials, !(credentials.mechanism?.usesBearerToken ?? false) else {
            throw CommandFailure("--mailflow needs -u and a password for the mailbox")
        }
        let smtpHost = try smtpHost.map { text throws(CommandFailure) in try ProbeOptions.host(text, option: "--smtp-host") }
        let smtpName = try smtpSni.map { text throws(CommandFailure) in try ProbeOptions.host(text, option: "--smtp-sni") }
        var submissionLogin: Credentials?
        if smtpPasswordFile != nil || smtpUser != nil {
            let password = try smtpPasswordFile.map { file throws(CommandFailure) in
                Secret(
                    try ProbeOptions.trimmed(
                        ProbeOptions.read(file, kind: "submission password", with: readFile), file: file,
                        kind: "submission password"))
            }
            submissionLogin = Credentials(username: smtpUser ?? credentials.username, secret: password ?? credentials.secret)
        }
        let configuration = MailFlowConfiguration(
            host: smtpHost, port: smtpPort, tls: smtpTls.map { $0 == .implicitTLS ? .implicit : .starttls },
            serverName: smtpName, from: from, to: to, folders: folder.isEmpty ? nil : folder, wait: Self.duration(wait),
            lateAfter: lateAfter.map(Self.duration), ehloName: ehloName)
        do {
            return try MailFlowSettings(
                identity: nil, mailbox: mailbox, configuration: configuration, submissionLogin: submissionLogin)
        } catch {
            throw CommandFailure("--mailflow: \(error.description)")
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

