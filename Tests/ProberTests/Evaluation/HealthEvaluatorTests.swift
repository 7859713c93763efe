import Prober
import Testing

@Suite("HealthEvaluator")
struct HealthEvaluatorTests {
    let evaluator = HealthEvaluator()
    let defaults = HealthThresholds()

    @Test("a healthy result is OK with cert days and quota computed")
    func ok() {
        let assessment = evaluator.evaluate(ResultFixture.success(), thresholds: defaults, now: ResultFixture.now)
        #expect(assessment.status == .ok)
        #expect(assessment.problems.isEmpty)
        #expect(assessment.certificateDaysLeft == 62)
        #expect(assessment.fullestQuota?.percent == 41)
        #expect(assessment.fullestQuota?.resource == "STORAGE")
        #expect(assessment.findings.map(\.text).contains("total 0.060s"))
    }

    static let certificateCases: [(Double, HealthStatus, String)] = [
        (20, .ok, "certificate expires in 20 days"),
        (19.99, .warning, "certificate expires in 19 days (warning below 20)"),
        (10, .warning, "certificate expires in 10 days (warning below 20)"),
        (9.5, .critical, "certificate expires in 9 days (critical below 10)"),
        (0.01, .critical, "certificate expires in 0 days (critical below 10)"),
        (0, .critical, "certificate expired 0 days ago"),
        (-3, .critical, "certificate expired 3 days ago"),
    ]

    @Test("certificate days: fewer than N days left alerts; expired is critical", arguments: certificateCases)
    func certificate(days: Double, status: HealthStatus, text: String) {
        let assessment = evaluator.evaluate(
            ResultFixture.success(certificateDays: days), thresholds: defaults, now: ResultFixture.now)
        #expect(assessment.status == status)
        let finding = assessment.findings.first { $0.subject == .certificateExpiry }
        #expect(finding?.text == text)
        #expect(finding?.status == status)
    }

    @Test("cert days come from the earliest notAfter of the chain, not the leaf")
    func earliestInChain() {
        var result = ResultFixture.success(certificateDays: 300)
        if var tls = result.tls, let leaf = tls.leaf {
            var intermediate = leaf
            intermediate.notAfter = Int64(ResultFixture.now + 5 * ResultFixture.day)
            tls.presentedChain = [leaf, intermediate]
            result.tls = tls
        }
        let assessment = evaluator.evaluate(result, thresholds: defaults, now: ResultFixture.now)
        #expect(assessment.certificateDaysLeft == 5)
        #expect(assessment.status == .critical)
    }

    static let quotaCases: [(UInt64, HealthStatus)] = [(80, .ok), (81, .warning), (90, .warning), (91, .critical)]

    @Test("quota: more than the percent alerts", arguments: quotaCases)
    func quota(percent: UInt64, status: HealthStatus) {
        let assessment = evaluator.evaluate(
            ResultFixture.success(quotaPercent: percent), thresholds: defaults, now: ResultFixture.now)
        #expect(assessment.status == status)
        #expect(assessment.fullestQuota?.percent == Double(percent))
    }

    @Test("quota takes the highest percent over every root and resource")
    func quotaHighest() {
        var result = ResultFixture.success(quotaPercent: 10)
        result.quota.append(
            .init(root: "Archive", resources: [.init(name: "MESSAGE", usage: 95, limit: 100, unit: .messages)]))
        let assessment = evaluator.evaluate(result, thresholds: defaults, now: ResultFixture.now)
        #expect(assessment.fullestQuota?.root == "Archive")
        #expect(assessment.status == .critical)
        #expect(assessment.problems.first?.text == "quota 'Archive' MESSAGE 95% used (critical above 90%)")
    }

    @Test("total duration against -w/-c ranges")
    func total() throws {
        let thresholds = HealthThresholds(
            totalWarning: try ThresholdRange(parsing: "0.05"), totalCritical: try ThresholdRange(parsing: "0.1"))
        let warn = evaluator.evaluate(ResultFixture.success(totalMilliseconds: 60), thresholds: thresholds, now: ResultFixture.now)
        #expect(warn.status == .warning)
        #expect(warn.problems.map(\.text) == ["total 0.060s (warning range 0.05)"])
        let crit = evaluator.evaluate(ResultFixture.success(totalMilliseconds: 150), thresholds: thresholds, now: ResultFixture.now)
        #expect(crit.status == .critical)
        let ok = evaluator.evaluate(ResultFixture.success(totalMilliseconds: 50), thresholds: thresholds, now: ResultFixture.now)
        #expect(ok.status == .ok)
    }

    @Test("per-phase ranges apply to that phase only")
    func phase() throws {
        let thresholds = HealthThresholds(
            phaseWarning: [.login: try ThresholdRange(parsing: "0.03")],
            phaseCritical: [.login: try ThresholdRange(parsing: "0.5"), .select: try ThresholdRange(parsing: "0.001")])
        let assessment = evaluator.evaluate(ResultFixture.success(), thresholds: thresholds, now: ResultFixture.now)
        #expect(assessment.status == .critical)
        #expect(
            assessment.problems.map(\.text) == [
                "select 0.002s (critical range 0.001)", "login 0.041s (warning range 0.03)",
            ])
    }

    @Test("a failed probe is CRITICAL with phase, code and server text")
    func failed() {
        let result = ResultFixture.failure(
            .authFailed, serverText: "NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")
        let assessment = evaluator.evaluate(result, thresholds: defaults, now: ResultFixture.now)
        #expect(assessment.status == .critical)
        #expect(
            assessment.problems.first?.text
                == "login failed: auth_failed (NO [AUTHENTICATIONFAILED] Authentication failed. )")
    }

    @Test("the probe's own internal error is UNKNOWN, a timeout is CRITICAL")
    func internalError() {
        let unknown = evaluator.evaluate(ResultFixture.failure(.internalError), thresholds: defaults, now: ResultFixture.now)
        #expect(unknown.status == .unknown)
        let timeout = evaluator.evaluate(ResultFixture.failure(.timeout, phase: .connect), thresholds: defaults, now: ResultFixture.now)
        #expect(timeout.status == .critical)
        #expect(timeout.problems.first?.text == "connect failed: timeout (failed)")
    }

    @Test("an unverified certificate that did not fail the probe (--insecure) is WARNING")
    func insecure() {
        let assessment = evaluator.evaluate(
            ResultFixture.success(verified: false), thresholds: defaults, now: ResultFixture.now)
        #expect(assessment.status == .warning)
        #expect(assessment.problems.map(\.text) == ["certificate not verified: self-signed certificate (insecure)"])
    }

    @Test("worst finding wins, and problems list the worst first")
    func worstWins() {
        let assessment = evaluator.evaluate(
            ResultFixture.success(certificateDays: 15, verified: false, quotaPercent: 95), thresholds: defaults,
            now: ResultFixture.now)
        #expect(assessment.status == .critical)
        #expect(assessment.problems.map(\.status) == [.critical, .warning, .warning])
        #expect(assessment.problems.first?.subject == .quota)
    }

    @Test("status order and exit codes follow Monitoring Plugins")
    func statusOrder() {
        #expect(HealthStatus.allCases.map(\.exitCode) == [0, 1, 2, 3])
        #expect([HealthStatus.ok, .unknown, .warning].max() == .unknown)
        #expect([HealthStatus.unknown, .critical].max() == .critical)
        #expect(HealthStatus.warning.label == "WARNING")
    }
}
