import Testing

/// The parent of every test that runs the `imapwatch` binary against the test Dovecot. Serialized, so at most
/// one `imapwatch` subprocess runs at a time and the timing-sensitive suites beside it keep their CPU.
@Suite("imapwatch binary against the test Dovecot", .serialized)
enum CLIIntegrationTests {}
