import Config
import Transport

extension Resolver {
    /// The addresses of `host`, or `.timeout` at `deadline`: a lookup blocks and cannot be cancelled, so it races
    /// the deadline. An address needs no lookup and cannot block: no race (two tasks and a timer) for it. The IMAP
    /// probe and the mail-flow probe's submission resolve through this.
    func resolve(_ host: ServerHost, port: Int, until deadline: ContinuousClock.Instant)
        async throws(TransportError) -> [ResolvedAddress]
    {
        let text = host.text
        if host.isAddress { return try await resolve(host: text, port: port) }
        do {
            return try await DeadlineRace.run(until: deadline, onTimeout: {
                TransportError(.timeout, "name resolution did not finish in time")
            }) {
                try await self.resolve(host: text, port: port)
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError(.resolveFailed, String(describing: error))
        }
    }
}
