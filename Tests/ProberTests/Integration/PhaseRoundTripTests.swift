import Config
import Prober
import Testing

/// Every phase measures what it names: probed through a `DelayProxy` that holds each chunk `delay` in each
/// direction, a phase of a probe of the real Dovecot takes its round trips × 2 × `delay`, and the waterfall adds
/// up to the total.
///
/// The tolerance is under half a round trip (100 ms here), so a round trip counted in the wrong phase fails both
/// phases by a full round trip. Load only ever adds time (TLS crypto, Dovecot's work, a busy machine), so below
/// the expectation there is only timer slack, and each phase's fastest of `probes` probes is what is compared.
@Suite("Phase durations through a delaying proxy", .serialized)
struct PhaseRoundTripTests {
    static let delay = Duration.milliseconds(50)
    static let early = Duration.milliseconds(10)
    static let late = Duration.milliseconds(40)
    static let probes = 3

    /// The round trips each phase waits for, TLS 1.3. `connect` has none: the kernel completes the handshake
    /// with the proxy's listening socket. STARTTLS's greeting is half of one: the server speaks first, and it was
    /// connected when the client was. Under implicit TLS the client's handshake ends with its Finished, which the
    /// server needs before it greets: a whole one.
    static let roundTrips: [TLSMode: [Phase: Double]] = [
        .implicit: [
            .resolve: 0, .connect: 0, .tlsHandshake: 1, .greeting: 1,
            .login: 1, .select: 1, .fetch: 1, .quota: 1, .logout: 1,
        ],
        .starttls: [
            .resolve: 0, .connect: 0, .greeting: 0.5, .starttls: 2, .capabilityAfterTLS: 1,
            .login: 1, .select: 1, .fetch: 1, .quota: 1, .logout: 1,
        ],
    ]

    let prober = Prober()

    @Test("each phase takes its round trips, for implicit TLS and STARTTLS", arguments: [TLSMode.implicit, .starttls])
    func phasesTakeTheirRoundTrips(mode: TLSMode) async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let proxy = try await DelayProxy.start(
            upstreamPort: mode == .implicit ? env.imapsPort : env.imapPort, delay: Self.delay)
        var settings = env.settings(port: proxy.port)
        settings.tlsMode = mode
        settings.minimumTLSVersion = .tls1_3  // the table's handshake counts are TLS 1.3's
        var fastest: [Phase: Duration] = [:]
        for _ in 0..<Self.probes {
            let result = await prober.probe(settings)
            guard result.failure == nil else {
                Issue.record("the probe through the proxy failed: \(String(describing: result.failure))")
                break
            }
            let ran = result.phases.compactMap(\.outcome.duration).reduce(Duration.zero, +)
            // Untimed time between phases is the prober's own bookkeeping: a round trip (100 ms) there would fail
            // this, but under ThreadSanitizer on a busy machine the bookkeeping alone has taken 12 ms.
            #expect(ran <= result.totalDuration && result.totalDuration - ran < Self.delay,
                "the waterfall adds up: phases \(Self.text(ran)), total \(Self.text(result.totalDuration))")
            for record in result.phases {
                guard case .succeeded(let duration) = record.outcome else { continue }
                fastest[record.phase] = min(fastest[record.phase] ?? duration, duration)
            }
        }
        await proxy.stop()

        let expected = try #require(Self.roundTrips[mode])
        #expect(Set(fastest.keys) == Set(expected.keys), "the phases that ran")
        for (phase, trips) in expected.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let took = fastest[phase] else { continue }
            let want = Self.delay * (2 * trips)
            #expect(took >= want - Self.early && took <= want + Self.late,
                "\(mode) \(phase.rawValue): \(Self.text(took)), expected \(trips) round trips = \(Self.text(want))")
        }
        print("\(mode) through the proxy: "
            + Phase.probe.compactMap { phase in fastest[phase].map { "\(phase.rawValue) \(Self.text($0))" } }
                .joined(separator: ", "))
    }

    static func text(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        return "\(Double(microseconds) / 1000) ms"
    }
}
