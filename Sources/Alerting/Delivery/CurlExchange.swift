import CCurl
import Config

/// One blocking libcurl exchange on the calling thread: the easy handle, its options, and what came back.
///
/// Only `http` and `https` (redirects not followed), TLS verification on (libcurl's default, never turned off),
/// the standard proxy variables honoured (libcurl's default), no signals (safe on any thread). The response body
/// is read to its end but only its first bytes are kept.
final class CurlExchange {
    /// What the response handlers collect, reached from C through an opaque pointer.
    final class Collected {
        var body: [UInt8] = []
        var retryAfter: String?

        func appendBody(_ bytes: UnsafeRawBufferPointer) {
            let room = DeliveryResult.bodyPrefixLimit - body.count
            if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
        }

        func header(_ line: UnsafeRawBufferPointer) {
            let text = String(decoding: line, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":"),
                text[..<colon].lowercased() == "retry-after"
            else { return }
            retryAfter = String(text[text.index(after: colon)...])
        }
    }

    private let request: WebhookRequest

    /// An exchange for `request`; nothing happens before `perform()`.
    init(_ request: WebhookRequest) {
        self.request = request
    }


    /// Runs the exchange to its end (or its timeout) and classifies it.
    func perform() -> DeliveryResult {
        // libcurl is loaded, and set up process-wide, at the first exchange (once, thread-safe), never torn down.
        if let failure = imapwatch_curl_load() {
            return DeliveryResult(verdict: .retry(after: nil), status: nil, transportError: String(cString: failure))
        }
        // A line break in a header (a token file with a stray newline) would split the request: refuse it. C reads
        // a header or the URL only up to a NUL, so a NUL in either would send something else than configured.
        for header in request.headers
        where Self.hasLineBreakOrNUL(header.name) || Self.hasLineBreakOrNUL(header.value.exposedValue) {
            return DeliveryResult(
                verdict: .rejected, status: nil,
                transportError: "a header has a line break or a NUL in its name or value (\(header.name.count) characters of name)")
        }
        guard !Self.hasNUL(request.url.exposedValue) else {
            return DeliveryResult(verdict: .rejected, status: nil, transportError: "the URL has a NUL character")
        }
        guard let handle = imapwatch_curl_easy_init() else {
            return DeliveryResult(verdict: .retry(after: nil), status: nil, transportError: "libcurl could not start")
        }
        defer { imapwatch_curl_easy_cleanup(handle) }

        let collected = Collected()
        let context = Unmanaged.passUnretained(collected).toOpaque()
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { imapwatch_curl_slist_free_all(headers) }
        headers = imapwatch_curl_slist_append(headers, "Content-Type: \(request.contentType)")
        headers = imapwatch_curl_slist_append(headers, "Expect:")  // no 100-continue round trip
        for header in request.headers {
            headers = imapwatch_curl_slist_append(headers, "\(header.name): \(header.value.exposedValue)")
        }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let body = request.body

        // Fail closed: without the protocol restriction a URL file could name file:// or worse.
        guard imapwatch_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK else {
            return DeliveryResult(
                verdict: .rejected, status: nil, transportError: "this libcurl cannot restrict protocols to http and https")
        }
        let code: CURLcode = body.withUnsafeBytes { bodyBytes in
            errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
                _ = imapwatch_curl_setopt_string(handle, CURLOPT_URL, request.url.exposedValue)
                _ = imapwatch_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
                _ = imapwatch_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                _ = imapwatch_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
                _ = imapwatch_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
                _ = imapwatch_curl_setopt_long(handle, CURLOPT_POST, 1)
                if let bytes = bodyBytes.baseAddress, bodyBytes.count > 0 {
                    _ = imapwatch_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes))
                    _ = imapwatch_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bodyBytes.count)
                } else {
                    _ = imapwatch_curl_setopt_string(handle, CURLOPT_POSTFIELDS, "")
                }
                _ = imapwatch_curl_setopt_list(handle, CURLOPT_HTTPHEADER, headers)
                _ = imapwatch_curl_setopt_string(handle, CURLOPT_USERAGENT, "imapwatch")
                _ = imapwatch_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBytes.baseAddress)
                _ = imapwatch_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) {
                    CurlExchange.forward($0, $1, $2, $3) { $0.appendBody($1) }
                }
                _ = imapwatch_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
                _ = imapwatch_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) {
                    CurlExchange.forward($0, $1, $2, $3) { $0.header($1) }
                }
                _ = imapwatch_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
                return imapwatch_curl_easy_perform(handle)
            }
        }

        let responsePrefix = String(decoding: collected.body, as: UTF8.self)
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let summary = String(cString: imapwatch_curl_easy_strerror(code))
            let text = detail.isEmpty ? summary : "\(summary): \(detail)"
            let permanent = code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT
            return DeliveryResult(
                verdict: permanent ? .rejected : .retry(after: nil), status: nil,
                transportError: Self.scrub(text, secrets: request.secrets))
        }
        var status = 0
        _ = imapwatch_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return DeliveryResult(
            verdict: DeliveryResult.verdict(status: status, retryAfter: collected.retryAfter), status: status,
            responsePrefix: Self.scrub(responsePrefix, secrets: request.secrets))
    }

    /// Whether `text` holds a NUL, where C would end it.
    static func hasNUL(_ text: String) -> Bool {
        text.utf8.contains(0)
    }

    /// Whether `text` holds a CR or LF (on their own or as one CRLF character), or a NUL.
    static func hasLineBreakOrNUL(_ text: String) -> Bool {
        text.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }

    /// Hands the bytes libcurl passes a data callback to the `Collected` behind `context`; returns their count
    /// (anything else would make libcurl abort the transfer).
    private static func forward(
        _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?,
        _ handle: (Collected, UnsafeRawBufferPointer) -> Void
    ) -> Int {
        let total = size * count
        guard let context, let data else { return total }
        handle(Unmanaged<Collected>.fromOpaque(context).takeUnretainedValue(), UnsafeRawBufferPointer(start: data, count: total))
        return total
    }

    /// `duration` in whole milliseconds, at least 1 (0 would mean libcurl's own default).
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000), 1)
    }

    /// `text` with every secret's value replaced by `<redacted>`.
    static func scrub(_ text: String, secrets: [Secret]) -> String {
        SecretScrubber(secrets).scrub(text)
    }
}
