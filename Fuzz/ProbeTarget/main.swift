import Commands
import Config
import FuzzDriver

// The `target` of `/probe?target=` through `ProbeTargetAddress`, and any text through `ServerHost`, which checks
// every host imapwatch is given (`host:`, `sni:`, `-H`, `--sni`, `/probe`).
//
// Properties beyond "no trap":
// - a host's canonical text, and the text it writes before `:port`, parse again to the same host; the canonical
//   text is printable ASCII without upper case, a name at most 253 characters;
// - an address written back as `host:port` (`[v6]:port`) parses again to the same address, port in 1...65535;
// - a refusal's message is printable ASCII (the quoted text cut with `…`), whatever bytes came in: it goes into
//   logs and HTTP responses.

/// Whether `message` is printable ASCII, apart from the `…` that marks quoted text cut short.
func isPrintable(_ message: String) -> Bool {
    message.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) || $0 == "…" }
}

func checkHost(_ text: String) {
    let host: ServerHost
    do {
        host = try ServerHost(parsing: text)
    } catch {
        FuzzDriver.require(isPrintable(error.message), "unprintable refusal \(error.message.debugDescription)")
        return
    }
    FuzzDriver.require((try? ServerHost(parsing: host.text)) == host, "'\(host.text)' does not parse to itself")
    FuzzDriver.require(
        (try? ServerHost(parsing: host.textBeforePort)) == host,
        "'\(host.textBeforePort)' does not parse to '\(host.text)'")
    FuzzDriver.require(
        host.text.unicodeScalars.allSatisfy { (0x21..<0x7F).contains($0.value) && !("A"..."Z").contains($0) },
        "canonical text \(host.text.debugDescription) is not lower-case printable ASCII")
    FuzzDriver.require(host.kind != .name || host.text.utf8.count <= 253, "a name of \(host.text.utf8.count) bytes")
}

func checkAddress(_ text: String) {
    let address: ProbeTargetAddress
    do {
        address = try ProbeTargetAddress(parsing: text)
    } catch {
        FuzzDriver.require(isPrintable(error.message), "unprintable refusal \(error.message.debugDescription)")
        return
    }
    let written = address.host.textBeforePort + (address.port.map { ":\($0)" } ?? "")
    FuzzDriver.require((try? ProbeTargetAddress(parsing: written)) == address, "'\(written)' does not parse to itself")
    FuzzDriver.require(address.port.map { (1...65535).contains($0) } ?? true, "port \(address.port ?? 0)")
}

FuzzDriver.main { bytes in
    // A query parameter is text: invalid UTF-8 in it has already become U+FFFD.
    let text = String(decoding: bytes, as: UTF8.self)
    checkHost(text)
    checkAddress(text)
}
