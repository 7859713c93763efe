import Hummingbird

/// Requires HTTP Basic credentials on every route of a router (and on its 404s) while `authenticator` has users;
/// lets every request through while it has none, so a reload can turn authentication on or off.
///
/// A request without valid credentials gets `401` with `WWW-Authenticate: Basic realm="imapwatch"`. Failures are
/// logged at debug level with the user name only, never the password.
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
        guard await authenticator.verify(user: credentials.user, password: credentials.password) else {
            context.logger.debug(
                "unauthorized request: wrong user or password",
                metadata: ["path": "\(request.uri.path)", "user": "\(credentials.user)"])
            return Self.unauthorized
        }
        return try await next(request, context)
    }

    /// `401 Unauthorized` with the challenge.
    static var unauthorized: Response {
        Response(
            status: .unauthorized,
            headers: [.wwwAuthenticate: "Basic realm=\"\(realm)\"", .contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "Unauthorized\n")))
    }
}
