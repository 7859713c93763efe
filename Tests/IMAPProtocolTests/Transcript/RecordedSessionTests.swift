import IMAPProtocol
import SASLEncoding
import Testing

/// Sessions recorded from real servers (host names and passwords replaced), replayed through every layer.
@Suite("Recorded sessions")
struct RecordedSessionTests {
    static let body64 = "Return-Path: <probe@example.org>\r\nSubject: imapwatch probe 1\r\n\r\n"

    static let dovecotGreeting =
        "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n"
    static let dovecotSteps: [ScriptedStep] = [
        ScriptedStep(command: .capability, server: """
            * CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN\r
            A001 OK Pre-login capabilities listed, post-login capabilities have more.\r\n
            """),
        ScriptedStep(command: .starttls, server: "A002 OK Begin TLS negotiation now.\r\n"),
        ScriptedStep(command: .login(username: "probe", password: "hunter2"), server: """
            A003 OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES \
            THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS \
            LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS \
            BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE QUOTA] \
            Logged in\r\n
            """),
        ScriptedStep(command: .examine(mailbox: "INBOX"), server: """
            * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r
            * OK [PERMANENTFLAGS ()] Read-only mailbox.\r
            * 3 EXISTS\r
            * 0 RECENT\r
            * OK [UIDVALIDITY 1700000000] UIDs valid\r
            * OK [UIDNEXT 4] Predicted next UID\r
            * OK [HIGHESTMODSEQ 5] Highest\r
            A004 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).\r\n
            """),
        ScriptedStep(command: .fetch(sequence: 3, partialOctets: 64), server: """
            * 3 FETCH (RFC822.SIZE 657 BODY[]<0> {64}\r
            \(body64))\r
            A005 OK Fetch completed (0.001 + 0.000 secs).\r\n
            """),
        ScriptedStep(command: .getQuotaRoot(mailbox: "INBOX"), server: """
            * QUOTAROOT INBOX "User quota"\r
            * QUOTA "User quota" (STORAGE 642 10240 MESSAGE 3 1000)\r
            A006 OK Getquotaroot completed (0.001 + 0.000 secs).\r\n
            """),
        ScriptedStep(command: .logout, server: "* BYE Logging out\r\nA007 OK Logout completed (0.001 + 0.000 secs).\r\n"),
    ]

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func dovecot23(chunkSize: Int) throws {
        #expect(Self.body64.utf8.count == 64)
        let result = try ScriptedSession.replay(greeting: Self.dovecotGreeting, steps: Self.dovecotSteps, chunkSize: chunkSize)
        #expect(result.greeting.capabilities?.contains(.starttls) == true)
        #expect(result.outcomes.allSatisfy { $0.isOK })
        #expect(result.outcomes[2].tagged.status.code.map { code in
            if case .capability(let caps) = code { caps.contains(.quota) } else { false }
        } == true)
        let examine = result.outcomes[3]
        #expect(examine.untagged.contains(.exists(3)))
        #expect(examine.untagged.contains(.condition(StatusResponse(condition: .ok, code: .uidValidity(1_700_000_000), text: "UIDs valid"))))
        #expect(examine.tagged.status == StatusResponse(condition: .ok, code: .readOnly, text: "Examine completed (0.001 + 0.000 secs)."))
        #expect(result.outcomes[4].untagged == [.fetch(sequence: 3, [
            .rfc822Size(657), .bodySection(section: "", origin: 0, data: Array(Self.body64.utf8)),
        ])])
        #expect(result.outcomes[5].untagged == [
            .quotaRoot(mailbox: "INBOX", roots: ["User quota"]),
            .quota(Quota(root: "User quota", resources: [
                QuotaResource(name: "STORAGE", usage: 642, limit: 10240), QuotaResource(name: "MESSAGE", usage: 3, limit: 1000),
            ])),
        ])
        #expect(result.outcomes[6].untagged == [.condition(StatusResponse(condition: .bye, text: "Logging out"))])
        #expect(result.clientTranscript[2] == "A003 LOGIN \"probe\" <redacted>")
        #expect(!result.clientTranscript.joined().contains("hunter2"))
    }

    static let cyrusGreeting =
        "* OK [CAPABILITY IMAP4rev1 LITERAL+ ID ENABLE STARTTLS AUTH=PLAIN AUTH=LOGIN SASL-IR] imap.example.org Cyrus IMAP 3.6.1-Debian-3.6.1-4 server ready\r\n"
    static let cyrusSteps: [ScriptedStep] = [
        ScriptedStep(command: .authenticate(mechanism: "PLAIN", initialResponse: SASL.plain(username: "probe", password: "hunter2")), server: """
            A001 OK [CAPABILITY IMAP4rev1 LITERAL+ ID ENABLE ACL RIGHTS=kxten QUOTA MAILBOX-REFERRALS NAMESPACE UIDPLUS \
            NO_ATOMIC_RENAME UNSELECT CHILDREN MULTIAPPEND BINARY CATENATE CONDSTORE ESEARCH SEARCH=FUZZY SORT \
            SORT=MODSEQ SORT=DISPLAY SORT=UID THREAD=ORDEREDSUBJECT THREAD=REFERENCES THREAD=REFS ANNOTATEMORE \
            METADATA LIST-EXTENDED LIST-STATUS WITHIN QRESYNC SCAN XLIST XMOVE MOVE SPECIAL-USE DIGEST=SHA1 \
            X-REPLICATION STATUS=SIZE OBJECTID SAVEDATE PREVIEW IDLE APPENDLIMIT=2147483647 URLAUTH URLAUTH=BINARY] \
            Success (tls protection) SESSIONID=<cyrus-1234-1700000000-1-123456789>\r\n
            """),
        ScriptedStep(command: .examine(mailbox: "inbox"), server: """
            * 3 EXISTS\r
            * 0 RECENT\r
            * FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen)\r
            * OK [PERMANENTFLAGS ()] Ok\r
            * OK [UIDVALIDITY 1700000000] Ok\r
            * OK [UIDNEXT 4] Ok\r
            * OK [HIGHESTMODSEQ 12] Ok\r
            * OK [URLMECH INTERNAL] Ok\r
            * OK [ANNOTATIONS 65536] Ok\r
            A002 OK [READ-ONLY] Completed\r\n
            """),
        ScriptedStep(command: .getQuotaRoot(mailbox: "INBOX"), server: """
            * QUOTAROOT INBOX user.probe\r
            * QUOTA user.probe (STORAGE 642 10240)\r
            A003 OK Completed\r\n
            """),
        ScriptedStep(command: .logout, server: "* BYE LOGOUT received\r\nA004 OK Completed\r\n"),
    ]

    @Test(arguments: [1, 5, 4096])
    func cyrus36(chunkSize: Int) throws {
        let result = try ScriptedSession.replay(greeting: Self.cyrusGreeting, steps: Self.cyrusSteps, chunkSize: chunkSize)
        #expect(result.greeting.text.hasSuffix("server ready"))
        #expect(result.outcomes.allSatisfy { $0.isOK })
        #expect(result.clientTranscript[0] == "A001 AUTHENTICATE PLAIN <redacted>")
        #expect(result.outcomes[1].untagged.contains(.condition(StatusResponse(condition: .ok, code: .other(name: "URLMECH", text: "INTERNAL"), text: "Ok"))))
        #expect(result.outcomes[1].untagged.contains(.condition(StatusResponse(condition: .ok, code: .uidNext(4), text: "Ok"))))
        #expect(result.outcomes[2].untagged == [
            .quotaRoot(mailbox: "INBOX", roots: ["user.probe"]),
            .quota(Quota(root: "user.probe", resources: [QuotaResource(name: "STORAGE", usage: 642, limit: 10240)])),
        ])
    }

    static let courierGreeting = """
        * OK [CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE \
        ACL ACL2=UNION STARTTLS ENABLE UTF8=ACCEPT] Courier-IMAP ready. Copyright 1998-2018 Double Precision, Inc.  \
        See COPYING for distribution information.\r\n
        """
    static let courierSteps: [ScriptedStep] = [
        ScriptedStep(command: .login(username: "probe", password: "hunter2"), server: "A001 OK LOGIN Ok.\r\n"),
        ScriptedStep(command: .capability, server: """
            * CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE ACL ACL2=UNION ENABLE UTF8=ACCEPT\r
            A002 OK CAPABILITY completed\r\n
            """),
        ScriptedStep(command: .examine(mailbox: "INBOX"), server: """
            * FLAGS (\\Draft \\Answered \\Flagged \\Deleted \\Seen \\Recent)\r
            * OK [PERMANENTFLAGS ()] No permanent flags permitted\r
            * 3 EXISTS\r
            * 0 RECENT\r
            * OK [UIDVALIDITY 1700000000] Ok\r
            * OK [MYRIGHTS "acdilrsw"] ACL\r
            * OK [READ-ONLY] Ok\r
            A003 OK [READ-ONLY] Ok\r\n
            """),
        ScriptedStep(command: .getQuotaRoot(mailbox: "INBOX"), server: """
            * QUOTAROOT "INBOX" "ROOT"\r
            * QUOTA "ROOT" (STORAGE 642 10240 MESSAGE 3 1000)\r
            A004 OK GETQUOTAROOT Ok.\r\n
            """),
        ScriptedStep(command: .logout, server: "* BYE Courier-IMAP server shutting down\r\nA005 OK LOGOUT completed\r\n"),
    ]

    @Test(arguments: [1, 3, 4096])
    func courier50(chunkSize: Int) throws {
        let result = try ScriptedSession.replay(greeting: Self.courierGreeting, steps: Self.courierSteps, chunkSize: chunkSize)
        #expect(result.greeting.text.hasPrefix("Courier-IMAP ready."))
        #expect(result.outcomes.allSatisfy { $0.isOK })
        #expect(result.outcomes[1].untagged.count == 1)
        #expect(result.outcomes[2].untagged.contains(.flags(["\\Draft", "\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Recent"])))
        #expect(result.outcomes[2].untagged.contains(.condition(StatusResponse(condition: .ok, code: .other(name: "MYRIGHTS", text: "\"acdilrsw\""), text: "ACL"))))
        #expect(result.outcomes[3].untagged.first == .quotaRoot(mailbox: "INBOX", roots: ["ROOT"]))
        #expect(!result.clientTranscript.joined().contains("hunter2"))
    }

    @Test func starttlsInjectionLeavesBufferedBytes() throws {
        var framer = ResponseFramer()
        framer.append(bytes("A002 OK Begin TLS negotiation now.\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"))
        let frame = try framer.next()
        #expect(frame.map { try? ResponseParser.parse($0) } == .tagged(TaggedResponse(tag: "A002", status: StatusResponse(condition: .ok, text: "Begin TLS negotiation now."))))
        #expect(framer.bufferedByteCount > 0)
    }
}
