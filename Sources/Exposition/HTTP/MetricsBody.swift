import CompressNIO
import Hummingbird

/// The `/metrics` response for a rendered exposition: gzip when the request accepts it, identity otherwise.
///
/// Both carry `Vary: Accept-Encoding`, so a cache in between keeps the two apart. Compression uses the system
/// zlib (through CompressNIO) at its fastest level: at 10,000 targets the body is tens of megabytes, and level 1
/// takes a fraction of the default level's time for a body a little larger (Prometheus sends
/// `Accept-Encoding: gzip` with every scrape). Should zlib fail, the identity body is sent instead.
enum MetricsBody {
    /// The response with `body` for a request whose `Accept-Encoding` says `acceptEncoding`.
    static func response(_ body: ByteBuffer, contentType: String, acceptEncoding: AcceptEncoding) -> Response {
        var headers: HTTPFields = [.contentType: contentType, .vary: "Accept-Encoding"]
        var content = body
        if acceptEncoding.prefersGzip, let compressed = gzip(body) {
            headers[.contentEncoding] = "gzip"
            content = compressed
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: content))
    }

    /// `body` as one gzip member, or `nil` when zlib fails.
    static func gzip(_ body: ByteBuffer) -> ByteBuffer? {
        var input = body
        return try? input.compress(
            with: ZlibAlgorithm.gzip, configuration: ZlibConfiguration(compressionLevel: .fastestCompression))
    }
}
