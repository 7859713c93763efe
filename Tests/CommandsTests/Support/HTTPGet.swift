import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal blocking HTTP/1.1 client over loopback TCP with `Connection: close`, for tests of `serve`.
enum HTTPGet {
    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// GETs `path` from 127.0.0.1:`port`; every socket call times out after `timeout` seconds.
    static func get(port: Int, path: String, headers: [String: String] = [:], timeout: Int = 5) throws -> Response {
        try request("GET", port: port, path: path, headers: headers, timeout: timeout)
    }

    /// Sends `method path` without a body to 127.0.0.1:`port` and reads the whole answer.
    static func request(
        _ method: String, port: Int, path: String, headers: [String: String] = [:], timeout: Int = 5
    ) throws -> Response {
        let socket = try LoopbackSocket(port: port, timeout: .seconds(timeout))
        let extra = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\r\n" }.joined()
        let length = method == "GET" ? "" : "Content-Length: 0\r\n"
        try socket.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(extra)\(length)Connection: close\r\n\r\n")
        let (received, ending) = socket.receiveToEnd()
        guard ending == .closed else { throw Failure(description: "no answer within \(timeout) s") }
        return try parse(received)
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no header end: \(text)") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line: \(head.first ?? "")")
        }
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = String(text[split.upperBound...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased() == "chunked" }) {
            body = try dechunk(body)
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// Joins a chunked body (sizes in hex, each chunk followed by CRLF, ended by a zero-size chunk).
    static func dechunk(_ body: String) throws -> String {
        var bytes = Array(body.utf8)[...]
        var out: [UInt8] = []
        while true {
            guard let lineEnd = bytes.firstIndex(of: 13) else { throw Failure(description: "bad chunk header") }
            let sizeText = String(decoding: bytes[bytes.startIndex..<lineEnd], as: UTF8.self)
                .split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw Failure(description: "bad chunk size \(sizeText)")
            }
            let start = lineEnd + 2
            if size == 0 { break }
            guard start + size <= bytes.endIndex else { throw Failure(description: "short chunk") }
            out += bytes[start..<(start + size)]
            bytes = bytes[(start + size + 2)...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A loopback port nothing listens on (bound, read, closed).
    static func closedPort() throws -> Int {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "bind: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
