import Hummingbird

/// Requires HTTP Basic credentials on every route of a router (and on its 404s) while `authenticator` has users;
/// lets every request through while it has none, so a reload can turn authentication on or off.
///
/// A request without valid credentials gets `401` with `WWW-Authenticate: Basic realm="imapwatch"`; one whose
/// credentials could not be checked because the bcrypt executor is full gets `503` with `Retry-After: 1` at once.
/// Failures are logged at debug level with the user name only, never the password.
public struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The realm named in `WWW-Authenticate`.
    public static var realm: String { "imapwatch" }

    /// Who may pass.
    public let authenticator: BasicAuthenticator

    /// A middleware checking requests against `authenticator`.
    public init(authenticator: BasicAuthenticator) {
        self.authenticator = authenticator
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard authenticator.requiresAuthentication else { return try await next(request, context) }
        guard let credentials = BasicCredentials(authorization: request.headers[.authorization]) else {
            context.logger.debug("unauthorized request: no Basic credentials", metadata: ["path": "\(request.uri.path)"])
            return Self.unauthorized
        }
        switch await authenticator.verify(user: credentials.user, password: credentials.password) {
        case .granted:
            return try await next(request, context)
        case .denied:
            context.logger.debug(
                "unauthorized request: wrong user or password",
                metadata: ["path": "\(request.uri.path)", "user": "\(credentials.user)"])
            return Self.unauthorized
        case .busy:
            context.logger.debug(
                "request refused: too many password checks waiting",
                metadata: ["path": "\(request.uri.path)", "user": "\(credentials.user)"])
            return Self.busy
        }
    }

    /// `503 Service Unavailable` with `Retry-After: 1`: the password checks are full.
    static var busy: Response {
        Response(
            status: .serviceUnavailable,
            headers: [.retryAfter: "1", .contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "Too many password checks at once; try again\n")))
    }

    /// `401 Unauthorized` with the challenge.
    static var unauthorized: Response {
        Response(
            status: .unauthorized,
            headers: [.wwwAuthenticate: "Basic realm=\"\(realm)\"", .contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "Unauthorized\n")))
    }
}
