import TestSupport
import Testing
import Transport

/// TCP connect: refused ports, fallback to the next address, connect timeouts, EOF.
@Suite struct ConnectTests {
    @Test func closedPortIsRefusedFast() async throws {
        let port = try TestHelpers.closedPort()
        let addresses = [try ResolvedAddress(ip: "127.0.0.1", port: port)]
        let (error, elapsed) = await TestHelpers.timed {
            _ = try await TransportConnection.connect(
                to: addresses, deadline: TestHelpers.deadline(10), group: TestHelpers.group)
        }
        #expect(error?.code == .connectRefused)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
        #expect(elapsed < .seconds(2))  // far from the 10 s deadline; generous for a loaded 2-core machine
    }

    @Test func refusedFirstAddressFallsBackToTheSecond() async throws {
        let server = try await ServerProcess.python("greet-close")
        defer { server.stop() }
        let refused = try ResolvedAddress(ip: "::1", port: try TestHelpers.closedPort())
        let listening = try ResolvedAddress(ip: "127.0.0.1", port: server.port)
        let (connection, report) = try await TransportConnection.connect(
            to: [refused, listening], deadline: TestHelpers.deadline(5), group: TestHelpers.group)
        #expect(report.connectedAddress == listening)
        #expect(connection.connectedAddress == listening)
        #expect(report.failedAttempts.map(\.address) == [refused])
        #expect(report.failedAttempts.map(\.error.code) == [.connectRefused])
        #expect(try await TestHelpers.readLine(connection) == "* BYE bye\r\n")
        #expect(try await connection.read() == nil)
        await connection.close()
    }

    @Test func allAddressesRefusedListsEveryAttempt() async throws {
        let first = try ResolvedAddress(ip: "127.0.0.1", port: try TestHelpers.closedPort())
        let second = try ResolvedAddress(ip: "::1", port: try TestHelpers.closedPort())
        let (error, _) = await TestHelpers.timed {
            _ = try await TransportConnection.connect(
                to: [first, second], deadline: TestHelpers.deadline(5), group: TestHelpers.group)
        }
        #expect(error?.code == .connectRefused)
        #expect(error?.message.contains(first.description) == true)
        #expect(error?.message.contains(second.description) == true)
    }

    @Test func unansweredSynTimesOutAtTheDeadline() async throws {
        let server = try await ServerProcess.python("full-backlog")
        defer { server.stop() }
        let addresses = [try ResolvedAddress(ip: "127.0.0.1", port: server.port)]
        let (error, elapsed) = await TestHelpers.timed {
            _ = try await TransportConnection.connect(
                to: addresses, deadline: TestHelpers.deadline(0.8), group: TestHelpers.group)
        }
        #expect(error?.code == .connectTimeout)
        #expect(elapsed >= .milliseconds(700))
        #expect(elapsed < .milliseconds(1300))
    }

    @Test func noAddressesIsAConnectFailure() async {
        let (error, _) = await TestHelpers.timed {
            _ = try await TransportConnection.connect(
                to: [], deadline: TestHelpers.deadline(1), group: TestHelpers.group)
        }
        #expect(error?.code == .connectFailed)
    }
}
