// What SwiftNIO costs by itself, with none of imapwatch's code (only the OpenSSL C module) (scripts/bench.sh): the
// plaintext dialogue of `CProbeClient --tls none` (greeting, N-1 NOOPs, LOGOUT) in two ways, and the full probe
// in a third, each on one event-loop thread:
// - `--api futures`: NIO at its cheapest, futures and a channel handler, no async/await; each dialogue starts the
//   next from the loop, and the main thread waits once for the whole run, so no probe wakes another thread. Its CPU
//   per dialogue over the C client's, in the same run, is what any client built on NIO pays.
// - `--api async`: NIO's own async/await interface (`NIOAsyncChannel`), as a dialogue written as a sequence of awaits
//   uses it: one task for the run that prefers the loop as its executor (so awaits resume on the loop's thread), a
//   write and an awaited read per command. Its cost over `futures` is what speaking through async/await costs.
// - `--tls implicit|starttls` (futures only): the C client's full probe, TLS and all, by one channel handler over
//   OpenSSL with memory BIOs (TLSDialogueHandler): the floor under imapwatch's probe on this stack, with none of
//   imapwatch's code, async/await or thread hops. With `--work product` the same handler also does what
//   imapwatch's prober must do whatever its design (ProductWork): every response framed and parsed by IMAPProtocol,
//   the certificate facts read by Transport after the handshake; the floor of the probe as the product, should its
//   dialogue run as this one does.
//
//   NIOFloor --host H --port P [--api futures|async] [--commands 7] [--count 200] [--warmup 1]
//   NIOFloor --host H --port P --tls implicit|starttls --ca-file CA --user U --password-file F [--work none|product]
//            [--count 200] [--warmup 1]
//
// Prints the line CProbeClient prints; exits 1 on the first failed dialogue.
import BenchSupport
import COpenSSL
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Options {
    var host = "127.0.0.1"
    var port = 143
    var commands = 7
    var count = 200
    var warmup = 1
    var async = false
    /// "none", "implicit" or "starttls".
    var tls = "none"
    /// With the TLS dialogue: also the prober's parsing and certificate facts (`--work product`).
    var productWork = false
    var caFile: String?
    var user: String?
    var passwordFile: String?
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var rest = arguments[...]
    func number(_ text: String, _ flag: String, minimum: Int) -> Int {
        guard let value = Int(text), value >= minimum else { fail("bad \(flag) \(text)", code: 64) }
        return value
    }
    while let flag = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(flag) needs a value", code: 64) }
        switch flag {
        case "--host": options.host = value
        case "--port": options.port = number(value, flag, minimum: 1)
        case "--commands": options.commands = number(value, flag, minimum: 1)
        case "--count": options.count = number(value, flag, minimum: 1)
        case "--warmup": options.warmup = number(value, flag, minimum: 0)
        case "--tls":
            guard ["none", "implicit", "starttls"].contains(value) else { fail("bad --tls \(value)", code: 64) }
            options.tls = value
        case "--work":
            guard ["none", "product"].contains(value) else { fail("bad --work \(value): none or product", code: 64) }
            options.productWork = value == "product"
        case "--ca-file": options.caFile = value
        case "--user": options.user = value
        case "--password-file": options.passwordFile = value
        case "--api":
            guard value == "futures" || value == "async" else { fail("bad --api \(value): futures or async", code: 64) }
            options.async = value == "async"
        default:
            fail(
                "unknown option \(flag); usage: NIOFloor --host H --port P [--api futures|async] [--commands 7]"
                    + " [--count 200] [--warmup 1] [--tls implicit|starttls --ca-file CA --user U --password-file F"
                    + " [--work none|product]]",
                code: 64)
        }
    }
    return options
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let loop = group.next()
let address: SocketAddress
do {
    address = try SocketAddress(ipAddress: options.host, port: options.port)
} catch {
    fail("--host must be an IP address: \(error)", code: 64)
}
/// Every dialogue's wall time in ms, by the API asked for.
func run(_ count: Int) async throws -> [Double] {
    if options.async {
        return try await asyncDialogues(count, on: loop, to: address, commands: options.commands)
    }
    return try dialogues(count, on: loop, to: address, makeHandler: handlerFactory)
}

/// The handler for each futures dialogue: plaintext NOOPs, or the full probe over TLS.
let handlerFactory: HandlerFactory = {
    let commands = options.commands
    guard options.tls != "none" else {
        if options.productWork { fail("--work product needs --tls implicit or starttls", code: 64) }
        return { PlainDialogueHandler(commands: commands, finished: $0) }
    }
    guard !options.async, let caFile = options.caFile, let user = options.user, let passwordFile = options.passwordFile
    else { fail("--tls needs --ca-file, --user and --password-file, and the futures API", code: 64) }
    let tls: TLSFloorContext
    do {
        tls = try TLSFloorContext(caFile: caFile)
    } catch {
        fail("\(error)")
    }
    let plain = saslPlain(user: user, password: readSecret(passwordFile))
    let host = options.host
    let startsInPlaintext = options.tls == "starttls"
    let productWork = options.productWork
    return {
        TLSDialogueHandler(
            tls: tls, host: host, startsInPlaintext: startsInPlaintext, plain: plain, productWork: productWork,
            finished: $0)
    }
}()

/// RFC 4616: NUL user NUL password, base64 (OpenSSL's encoder, as the C client's).
func saslPlain(user: String, password: String) -> String {
    let message = [0] + Array(user.utf8) + [0] + Array(password.utf8)
    var encoded = [UInt8](repeating: 0, count: (message.count + 2) / 3 * 4 + 1)
    let length = EVP_EncodeBlock(&encoded, message, Int32(message.count))
    return String(decoding: encoded.prefix(Int(length)), as: UTF8.self)
}

do {
    _ = try await run(options.warmup)
    let cpuBefore = processCPUMilliseconds()
    let wallBefore = ContinuousClock.now
    let walls = try await run(options.count)
    let wallTotal = milliseconds(ContinuousClock.now - wallBefore)
    let cpuTotal = processCPUMilliseconds() - cpuBefore
    print(
        reportLine(
            label: "io=nio-\(options.async ? "async" : "futures")\(options.productWork ? " work=product" : "")"
                + " tls=\(options.tls) port=\(options.port)",
            count: options.count, warmup: options.warmup, cpuTotal: cpuTotal, walls: walls, wallTotal: wallTotal))
} catch {
    fail("dialogue failed: \(error)")
}
try? await group.shutdownGracefully()
