// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "imapwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "imapwatch", targets: ["imapwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // No default traits: FullFoundation would link all of Foundation (and ICU's 34 MB of data) for a date
        // formatter; ConfigurationSupport pulls swift-configuration, which nothing here reads.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // Base64 and the SASL mechanisms' initial responses, which IMAP and SMTP share. No I/O.
        .target(name: "SASLEncoding", dependencies: []),
        // Pure IMAP: framing, grammar, parser, command encoder, command exchange. No I/O.
        .target(
            name: "IMAPProtocol",
            dependencies: ["SASLEncoding"]
        ),
        // Pure SMTP submission: reply framing, EHLO extensions, command encoder, the probe message. No I/O.
        .target(name: "SMTPProtocol", dependencies: ["SASLEncoding"]),
        // The system OpenSSL (libssl-dev), with static inline wrappers for the macros Swift cannot import.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        // Bounded executors for blocking work (name lookups, bcrypt, libcurl), each kind on threads of its own.
        .target(name: "BlockingWork", dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio")]),
        // TCP with deadlines and the OpenSSL client TLS handler for NIO. The only target that touches OpenSSL.
        .target(
            name: "Transport",
            dependencies: [
                "BlockingWork",
                "COpenSSL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The system libyaml (libyaml-dev): the YAML parser and emitter behind the configuration files.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Plain configuration values shared by the prober and the commands; the strict YAML file loader.
        .target(
            name: "Config",
            dependencies: ["CYAML"]
        ),
        // One probe of one target, returning a plain ProbeResult.
        .target(
            name: "Prober",
            dependencies: [
                "IMAPProtocol",
                "SASLEncoding",
                "SMTPProtocol",
                "Transport",
                "Config",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The system libcurl, loaded with dlopen at the first notification (so `check`, `probe` and `--version` never
        // load it), with typed wrappers for its variadic setopt/getinfo. Its header is libcurl4-openssl-dev's.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        // Alert delivery: webhook requests through libcurl on a thread pool. The only target that touches curl.
        .target(
            name: "Alerting",
            dependencies: [
                "BlockingWork",
                "CCurl",
                "Config",
                "Prober",
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Runs jobs on a fixed, hash-spread grid with a concurrency cap; a ServiceLifecycle service.
        .target(
            name: "Scheduler",
            dependencies: [
                "Prober",
                "Config",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // ProbeResults and the scheduler's own facts as Prometheus series in an explicit registry.
        .target(
            name: "Exposition",
            dependencies: [
                "BlockingWork",
                "Prober",
                "Config",
                "Transport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The source revision the binary was built from, written by the GitRevision build-tool plugin.
        .target(name: "BuildInfo", plugins: ["GitRevision"]),
        .executableTarget(name: "GitRevisionTool"),
        .plugin(name: "GitRevision", capability: .buildTool(), dependencies: ["GitRevisionTool"]),
        // The subcommands: check (Nagios plugin) and probe (diagnosis).
        .target(
            name: "Commands",
            dependencies: [
                "IMAPProtocol",
                "SMTPProtocol",
                "Prober",
                "Config",
                "Scheduler",
                "Exposition",
                "Alerting",
                "BuildInfo",
                "Transport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "imapwatch",
            dependencies: ["Commands"]
        ),
        // scripts/bench.sh: many probes in one process, CPU per probe; `--mode floor`, the transport alone.
        .executableTarget(
            name: "ProbeBench",
            dependencies: ["BenchSupport", "Prober", "Config", "Transport", "IMAPProtocol", "SASLEncoding"],
            path: "Benchmarks/ProbeBench"),
        // scripts/bench-mailflow.sh: many whole mail-flow loops in one process, CPU per loop and each phase's median.
        .executableTarget(
            name: "MailFlowBench", dependencies: ["BenchSupport", "Prober", "Config", "SMTPProtocol"],
            path: "Benchmarks/MailFlowBench"),
        // What ProbeBench and NIOFloor share: failing, reading a secret, measuring CPU and wall time, the result line.
        .target(name: "BenchSupport", path: "Benchmarks/BenchSupport"),
        // scripts/bench.sh: the yardstick, the same probe by a minimal C client on blocking sockets and the system OpenSSL.
        .executableTarget(
            name: "CProbeClient", path: "Benchmarks/CProbeClient", cSettings: [.unsafeFlags(["-Wall"])],
            linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]),
        // scripts/bench.sh: the C client's dialogues over NIO alone (plaintext, or the full probe over OpenSSL through
        // the same C module), nothing of imapwatch's code: the floor under the transport and the prober. With
        // `--work product` it also parses every response and reads the certificate facts with imapwatch's code.
        .executableTarget(
            name: "NIOFloor",
            dependencies: [
                "BenchSupport", "COpenSSL", "IMAPProtocol", "Transport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/NIOFloor"),
        // scripts/bench-alerts.sh: alert evaluation per probe at 10,000 targets, delivery rate through libcurl.
        .executableTarget(
            name: "AlertBench", dependencies: ["Alerting", "Config", "Prober", "Transport"],
            path: "Benchmarks/AlertBench"),
        // The per-target exposition at fleet size, without network (README, Benchmark).
        .executableTarget(
            name: "MetricsBench",
            dependencies: [
                "Exposition", "Prober", "Config", "Transport",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Benchmarks/MetricsBench"),
        // scripts/fuzz.sh: libFuzzer targets when built with -sanitize=fuzzer,address -DFUZZING; an ordinary build
        // replays the inputs named as arguments (a crash file, a corpus folder) through the same checks.
        .target(name: "FuzzDriver", path: "Fuzz/Driver"),
        .target(name: "FuzzConfigChecks", dependencies: ["FuzzDriver", "Config"], path: "Fuzz/ConfigChecks"),
        .executableTarget(
            name: "FuzzIMAPResponses", dependencies: ["FuzzDriver", "IMAPProtocol"], path: "Fuzz/IMAPResponses"),
        .executableTarget(
            name: "FuzzSMTPReplies", dependencies: ["FuzzDriver", "SMTPProtocol"], path: "Fuzz/SMTPReplies"),
        .executableTarget(
            name: "FuzzConfigFile", dependencies: ["FuzzDriver", "FuzzConfigChecks", "Config"], path: "Fuzz/ConfigFile"),
        .executableTarget(
            name: "FuzzWebConfigFile", dependencies: ["FuzzDriver", "FuzzConfigChecks", "Config"],
            path: "Fuzz/WebConfigFile"),
        .executableTarget(
            name: "FuzzProbeTarget", dependencies: ["FuzzDriver", "Commands", "Config"], path: "Fuzz/ProbeTarget"),
        .executableTarget(name: "FuzzTemplateJSON", dependencies: ["FuzzDriver", "Alerting"], path: "Fuzz/TemplateJSON"),
        // What the tests know about the test Dovecot that scripts/testbed.sh runs; tests only.
        .target(
            name: "TestSupport", dependencies: ["Config", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            path: "Tests/Support/TestSupport"),
        .testTarget(name: "IMAPProtocolTests", dependencies: ["IMAPProtocol", "SASLEncoding"]),
        .testTarget(name: "SMTPProtocolTests", dependencies: ["SMTPProtocol"]),
        .testTarget(
            name: "BlockingWorkTests",
            dependencies: ["BlockingWork", "TestSupport", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]
        ),
        // Prober only for the check that Config's phase names are Prober's phases.
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Prober", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "Transport",
                "TestSupport",
                // To read and provoke the state of a TLS handler's SSL.
                "COpenSSL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ProberTests",
            dependencies: [
                "Prober",
                "Config",
                "IMAPProtocol",
                "SASLEncoding",
                "Transport",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SchedulerTests",
            dependencies: [
                "Scheduler",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ExpositionTests",
            dependencies: [
                "BlockingWork",
                "TestSupport",
                "Exposition",
                "Prober",
                "Config",
                "Transport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "AlertingTests", dependencies: ["Alerting", "Config", "Prober", "Transport", "TestSupport"]),
        .testTarget(
            name: "CommandsTests",
            dependencies: [
                "Commands", "Alerting", "Exposition", "Prober", "Config", "Transport", "TestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
