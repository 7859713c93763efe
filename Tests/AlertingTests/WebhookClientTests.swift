import Foundation
@testable import Alerting
import Config
import TestSupport
import Testing

/// The libcurl client against a real HTTP listener on loopback: what arrives, and the verdict for each answer.
@Suite("webhook delivery through libcurl", .serialized)
struct WebhookClientTests {
    static let token = "T0ken-\(UInt32.random(in: 0...UInt32.max))"
    let client = WebhookClient()

    func request(_ port: Int, _ path: String, timeout: Duration = .seconds(3)) -> WebhookRequest {
        WebhookRequest(
            url: Secret("http://127.0.0.1:\(port)\(path)/\(Self.token)"), body: Array(#"{"text":"probe failed"}"#.utf8),
            headers: [(name: "X-Token", value: Secret("h-\(Self.token)"))], connectTimeout: .seconds(2),
            timeout: timeout)
    }

    @Test func a2xxIsDeliveredWithTheBodyAndHeadersAsSent() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let result = await client.send(request(listener.port, "/ok"))
        #expect(result == DeliveryResult(verdict: .delivered, status: 200, responsePrefix: "ok"))
        let hex = Array(#"{"text":"probe failed"}"#.utf8).map { String($0, radix: 16) }.joined()
        try await waitFor { listener.printed.contains("REQ /ok/\(Self.token) application/json h-\(Self.token) \(hex)") }
        #expect(listener.printed.components(separatedBy: "REQ ").count == 2, "exactly one request: \(listener.printed)")
    }

    @Test func a5xxIsRetriedAndKeepsTheFirst512BytesOfTheAnswer() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let result = await client.send(request(listener.port, "/fail"))
        #expect(result.verdict == .retry(after: nil))
        #expect(result.status == 500)
        #expect(result.responsePrefix == String(repeating: "E", count: 512))
    }

    @Test func a429IsRetriedAfterItsRetryAfter() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let result = await client.send(request(listener.port, "/busy"))
        #expect(result == DeliveryResult(verdict: .retry(after: .seconds(7)), status: 429, responsePrefix: "slow down"))
    }

    @Test func another4xxIsRejected() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let result = await client.send(request(listener.port, "/gone"))
        #expect(result == DeliveryResult(verdict: .rejected, status: 404, responsePrefix: "no such hook"))
    }

    @Test func aReceiverThatHangsIsCutAtTheTimeoutAndRetried() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let start = ContinuousClock.now
        let result = await client.send(request(listener.port, "/hang", timeout: .milliseconds(500)))
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(result.verdict == .retry(after: nil))
        #expect(result.status == nil)
        #expect(result.transportError?.contains("Timeout") == true, "\(String(describing: result.transportError))")
    }

    @Test func anAnswerEchoingThePathOrTheTokenShowsNeither() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let token = "Secr3t\(UInt32.random(in: 0...UInt32.max))"
        let result = await client.send(
            WebhookRequest(
                url: Secret("http://127.0.0.1:\(listener.port)/echo/services/\(Self.token)"), body: [],
                headers: [(name: "X-Token", value: Secret("Bearer \(token)"))]))
        #expect(result.status == 404)
        #expect(result.responsePrefix.hasPrefix("The requested URL <redacted> was not found. Auth: <redacted>"), "\(result.responsePrefix)")
        #expect(!result.responsePrefix.contains(Self.token))
        #expect(!result.responsePrefix.contains(token))
    }

    @Test func aHeaderWithALineBreakIsRefusedBeforeAnythingIsSent() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let result = await client.send(
            WebhookRequest(
                url: Secret("http://127.0.0.1:\(listener.port)/ok/x"), body: [],
                headers: [(name: "X-Token", value: Secret("abc\r\nX-Injected: 1"))]))
        #expect(result.verdict == .rejected)
        #expect(result.transportError?.contains("X-Injected") == false)
        try await Task.sleep(for: .milliseconds(200))
        #expect(!listener.printed.contains("REQ "))
    }

    /// C reads a header or the URL up to a NUL: either is refused whole, and nothing reaches the listener.
    @Test func aNULInAHeaderOrTheURLIsRefusedBeforeAnythingIsSent() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let header = await client.send(
            WebhookRequest(
                url: Secret("http://127.0.0.1:\(listener.port)/ok/x"), body: [],
                headers: [(name: "X-Token", value: Secret("abc\0def"))]))
        let url = await client.send(WebhookRequest(url: Secret("http://127.0.0.1:\(listener.port)/ok/x\0.evil"), body: []))
        for result in [header, url] {
            #expect(result.verdict == .rejected)
            #expect(result.transportError?.contains("NUL") == true, "\(String(describing: result.transportError))")
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(!listener.printed.contains("REQ "))
    }

    @Test func aResetConnectionIsRetried() async throws {
        let listener = try await WebhookListener.start()
        defer { listener.stop() }
        let result = await client.send(request(listener.port, "/reset"))
        #expect(result.verdict == .retry(after: nil))
        #expect(result.status == nil)
        #expect(result.transportError != nil)
    }

    @Test func aClosedPortIsRetriedAndTheErrorShowsNoSecret() async throws {
        let port = try await closedPort()
        let result = await client.send(request(port, "/ok"))
        #expect(result.verdict == .retry(after: nil))
        let error = try #require(result.transportError)
        #expect(error.contains("127.0.0.1"), "\(error)")
        #expect(!error.contains(Self.token))
    }

    @Test(arguments: ["file:///etc/hostname", "gopher://127.0.0.1/x", "ftp://127.0.0.1/x"])
    func onlyHTTPAndHTTPSAreUsed(url: String) async {
        let result = await client.send(WebhookRequest(url: Secret(url + "?\(Self.token)"), body: []))
        #expect(result.verdict == .rejected)
        #expect(result.status == nil)
        #expect(result.transportError.map { !$0.contains(Self.token) } == true)
    }

    @Test(arguments: [("7", Duration.seconds(7)), (" 120 \r\n", .seconds(120)), ("Wed, 21 Oct 2015 07:28:00 GMT", nil), ("-1", nil), ("", nil)] as [(String, Duration?)])
    func retryAfterInSeconds(text: String, expected: Duration?) {
        #expect(DeliveryResult.verdict(status: 503, retryAfter: text) == .retry(after: expected))
    }

    /// A loopback port nothing listens on: a listener started and stopped.
    func closedPort() async throws -> Int {
        let listener = try await WebhookListener.start()
        let port = listener.port
        listener.stop()
        return port
    }

    func waitFor(_ condition: () -> Bool) async throws {
        for _ in 0..<100 where !condition() { try await Task.sleep(for: .milliseconds(20)) }
    }
}
