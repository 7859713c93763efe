import Prober
import Testing

/// What a server's quota answer can do to a probe's result: never more than the caps, never raw control bytes.
extension HostileServerTests {
    /// Answers login and an empty mailbox, then sends `quota` before the tagged OK to GETQUOTAROOT.
    static func quotaScript(_ quota: String) -> ScriptedIMAPServer.Script {
        { connection in
            try await loginAndSelect(connection, exists: 0)
            guard let tag = try await connection.readTag() else { return }
            try await connection.send(quota + "\(tag) OK done\r\n")
            guard let logout = try await connection.readTag() else { return }
            try await connection.send("* BYE bye\r\n\(logout) OK done\r\n")
        }
    }

    @Test("5000 quota roots: the first 16 are kept, the rest counted; 20 resources in a root: 8 kept, 12 counted")
    func quotaRootsAreCapped() async throws {
        let resources = (0..<20).map { "X-RESOURCE-\($0) \($0) 100" }.joined(separator: " ")
        var answer = "* QUOTAROOT INBOX" + (0..<500).map { " r\($0)" }.joined() + "\r\n"
        answer += "* QUOTA r0 (\(resources))\r\n"
        for index in 1..<5000 {
            answer += "* QUOTA r\(index) (STORAGE \(index) 10000 MESSAGE \(index) 1000)\r\n"
        }
        let (result, _) = try await probe(Self.quotaScript(answer))
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(QuotaFacts.maximumRoots == 16 && QuotaFacts.maximumResources == 8)
        #expect(result.quota.map(\.root) == (0..<16).map { "r\($0)" })
        #expect(result.quotaRootsDropped == 5000 - 16)
        #expect(result.quota.first?.resources.map(\.name) == (0..<8).map { "X-RESOURCE-\($0)" })
        #expect(result.quotaResourcesDropped == 12)
        #expect(result.quota.dropFirst().allSatisfy { $0.resources.map(\.name) == ["STORAGE", "MESSAGE"] })
    }

    @Test("an answer under the caps drops nothing")
    func quotaUnderTheCapsDropsNothing() async throws {
        let (result, _) = try await probe(Self.quotaScript("* QUOTA \"User quota\" (STORAGE 1 2)\r\n"))
        #expect(result.quota.count == 1)
        #expect(result.quotaRootsDropped == 0 && result.quotaResourcesDropped == 0)
    }

    @Test("control characters in a quota root name (quoted or literal) are kept as \\u{..} escapes, never raw")
    func quotaRootNamesAreEscaped() async throws {
        let quoted = "* QUOTA \"evil\u{1B}[2J\u{202E}txt\" (STORAGE 1 2)\r\n"
        let literal = "* QUOTA {9}\r\na\r\nb\u{0}c\u{7F}\u{85} (MESSAGE 1 2)\r\n"
        let (result, _) = try await probe(Self.quotaScript(quoted + literal))
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.quota.map(\.root) == [#"evil\u{1B}[2J\u{202E}txt"#, #"a\u{D}\u{A}b\u{0}c\u{7F}\u{85}"#])
    }
}
