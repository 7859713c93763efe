import Foundation
import TestSupport
import Testing

/// The status page at `/` of a real `imapwatch serve`, loaded by a real browser (headless Chromium): one target
/// on the test Dovecot, one on a closed port.
extension CLIIntegrationTests {
    @Suite("serve: the status page in headless Chromium", .serialized)
    struct StatusPageBrowserTests {
        /// Where the phone-sized screenshot is kept after the run, relative to the package root.
        static let artifact = GitCheckout.root.appendingPathComponent(".build/artifacts/status-page.png")

        /// Two targets every 2 s; the failing one sorts last by name, so "failing first" is visible.
        func configuration(env: TestDovecot, closedPort: Int) -> String {
            """
            defaults:
              interval: 2s
              timeout: 1500ms
              ca_file: \(env.caFile)
            targets:
              - name: alpha-good
                host: \(env.host)
                port: \(env.imapsPort)
                tls: implicit
                username: \(env.user)
                password_file: \(env.passwordFile)
                labels: { site: loopback }
              - name: zulu-closed
                host: 127.0.0.1
                port: \(closedPort)
                tls: implicit
                username: \(env.user)
                password_file: \(env.passwordFile)

            """
        }

        @Test("both targets' rows in the DOM, the failing one first; a phone-sized screenshot")
        func pageInBrowser() async throws {
            guard let env = TestDovecot.require(), let chromium = Chromium.require() else { return }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-status-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let configFile = folder.appendingPathComponent("imapwatch.yml")
            try Data(configuration(env: env, closedPort: try HTTPGet.closedPort()).utf8).write(to: configFile)

            let serve = try ServeProcess(["--config", configFile.path, "--web.listen-address", "127.0.0.1:0"])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "serve did not start: \(serve.output)")
            let good = #"<tr class="target up" data-target="alpha-good">"#
            let bad = #"<tr class="target down" data-target="zulu-closed">"#
            var page = ""
            let start = Date()
            while Date().timeIntervalSince(start) < 20 {
                page = try HTTPGet.get(port: port, path: "/").body
                if page.contains(good) && page.contains(bad) { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(page.contains(good) && page.contains(bad), "both targets probed: \(page)")

            let url = "http://127.0.0.1:\(port)/"
            let dom = try await chromium.dumpDOM(url)
            #expect(dom.status == 0, "chromium --dump-dom: \(dom.errors)")
            let goodRow = try #require(dom.output.range(of: #"data-target="alpha-good""#), "no good row: \(dom.output)")
            let badRow = try #require(dom.output.range(of: #"data-target="zulu-closed""#), "no failing row: \(dom.output)")
            #expect(badRow.lowerBound < goodRow.lowerBound, "the failing target comes first")
            #expect(dom.output.contains("<strong>2 targets</strong>, <span class=\"down\">1 failing</span>"))
            #expect(dom.output.contains("connect: connect_refused"))
            #expect(dom.output.contains(#"class="seg phase-tls_handshake""#), "the good target's waterfall")
            #expect(!dom.output.contains(env.user) && !dom.output.contains(env.password))

            try FileManager.default.createDirectory(
                at: Self.artifact.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: Self.artifact)
            let shot = try await chromium.screenshot(url, to: Self.artifact.path, width: 412, height: 915)
            #expect(shot.status == 0, "chromium --screenshot: \(shot.errors)")
            let png = try Data(contentsOf: Self.artifact)
            print("status page screenshot: \(Self.artifact.path)")
            #expect(png.count > 10_000, "a \(png.count)-byte screenshot is too small to show the page")
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
            let bigEndian = { (offset: Int) in png.dropFirst(offset).prefix(4).reduce(0) { $0 << 8 | Int($1) } }
            #expect(bigEndian(16) == 412, "PNG width")
        }
    }
}
