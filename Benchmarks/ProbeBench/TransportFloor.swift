import Config
import IMAPProtocol
import SASLEncoding
import Transport

/// The probe's dialogue spoken over Transport alone: the same connection, TLS handler, event loop and commands as
/// the prober, but no response parser, transcript, redaction, phase ledger or result. Its CPU per probe is the
/// floor the transport sets under the prober's (`ProbeBench --floor`): what the prober adds is the difference.
///
/// With `plainCommands` (`--mode floor-plain`) it speaks `CProbeClient --tls none`'s plaintext dialogue instead
/// (greeting, N-1 NOOPs, LOGOUT; no TLS), so that over NIOFloor's is what the transport adds to bare NIO.
struct TransportFloor {
    let settings: ProbeSettings
    let context: TLSClientContext
    let password: String
    var plainCommands: Int?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One dialogue to its LOGOUT; throws on any answer but OK.
    func run() async throws {
        let address = try ResolvedAddress(ip: settings.host.text, port: settings.port)
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        let failure: (any Error)? = await NetworkThreads.shared.onOneLoop { threads in
            do {
                let (connection, _) = try await TransportConnection.connect(
                    to: [address], deadline: deadline, group: threads.group)
                do {
                    if let plainCommands {
                        try await plainDialogue(connection, commands: plainCommands)
                    } else {
                        try await dialogue(connection)
                    }
                } catch {
                    await connection.close()
                    return error
                }
                await connection.close()
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    private func dialogue(_ connection: TransportConnection) async throws {
        var buffer: [UInt8] = []
        if settings.tlsMode == .implicit {
            _ = try await connection.startTLS(context: context)
            try await readLine(connection, &buffer)
        } else {
            try await readLine(connection, &buffer)
            try await command("A001 STARTTLS", connection, &buffer)
            _ = try await connection.startTLS(context: context)
            try await command("A002 CAPABILITY", connection, &buffer)
        }
        let user = settings.credentials?.username ?? ""
        let plain = Base64.encode([0] + Array(user.utf8) + [0] + Array(password.utf8))
        try await command("A003 AUTHENTICATE PLAIN \(plain)", connection, &buffer)
        let examined = try await command("A004 EXAMINE INBOX", connection, &buffer)
        guard let exists = Self.exists(in: examined), exists > 0 else { throw Failure(description: "no EXISTS") }
        try await command("A005 FETCH \(exists) (RFC822.SIZE BODY.PEEK[]<0.1024>)", connection, &buffer)
        try await command("A006 GETQUOTAROOT INBOX", connection, &buffer)
        try await command("A007 LOGOUT", connection, &buffer)
    }

    private func plainDialogue(_ connection: TransportConnection, commands: Int) async throws {
        var buffer: [UInt8] = []
        try await readLine(connection, &buffer)
        for number in 1..<commands {
            try await command("A\(number) NOOP", connection, &buffer)
        }
        try await command("A\(commands) LOGOUT", connection, &buffer)
    }

    /// Sends `line` and reads until its tagged answer, which must be OK; returns everything read for it.
    @discardableResult
    private func command(_ line: String, _ connection: TransportConnection, _ buffer: inout [UInt8]) async throws
        -> [UInt8]
    {
        let tag = Array(line.utf8.prefix { $0 != UInt8(ascii: " ") }) + [UInt8(ascii: " ")]
        try await connection.write(Array(line.utf8) + [13, 10])
        while true {
            if let end = Self.taggedLineEnd(tag, in: buffer) {
                let answer = Array(buffer[..<end])
                buffer.removeFirst(end)
                guard Self.isOK(answer, tag: tag) else { throw Failure(description: "\(Self.name(line)): not OK") }
                return answer
            }
            guard let chunk = try await connection.read() else {
                throw Failure(description: "\(Self.name(line)): closed")
            }
            buffer += chunk
        }
    }

    /// Tag and command only, for errors (the rest of a line may be the credentials); built only on failure, so
    /// that the floor spends nothing on it.
    private static func name(_ line: String) -> String {
        line.split(separator: " ").prefix(2).joined(separator: " ")
    }

    /// Reads one line (the greeting).
    private func readLine(_ connection: TransportConnection, _ buffer: inout [UInt8]) async throws {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                buffer.removeFirst(newline + 1)
                return
            }
            guard let chunk = try await connection.read() else { throw Failure(description: "greeting: closed") }
            buffer += chunk
        }
    }

    /// Where the line that starts with `tag` ends (after its LF), if it has arrived.
    static func taggedLineEnd(_ tag: [UInt8], in bytes: [UInt8]) -> Int? {
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 10) else { return nil }
            if bytes[start...].starts(with: tag) { return newline + 1 }
            start = newline + 1
        }
        return nil
    }

    static func isOK(_ answer: [UInt8], tag: [UInt8]) -> Bool {
        guard let end = taggedLineEnd(tag, in: answer) else { return false }
        let line = answer[..<end]
        var start = end - 1
        while start > 0, answer[start - 1] != 10 { start -= 1 }
        return line[start...].dropFirst(tag.count).starts(with: "OK".utf8)
    }

    /// N of `* N EXISTS`, read from the bytes (splitting the answer as a String was 2% of the floor's instructions, charged to the transport).
    static func exists(in answer: [UInt8]) -> Int? {
        var start = 0
        while let newline = answer[start...].firstIndex(of: 10) {
            let line = answer[start..<newline]
            start = newline + 1
            guard line.starts(with: "* ".utf8), line.reversed().starts(with: " EXISTS\r".utf8.reversed()) else { continue }
            var count = 0
            for byte in line.dropFirst(2).prefix(18) {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
                count = count * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return count
        }
        return nil
    }
}
