/// The judgement of one probe result: the overall status, every finding, and the numbers they were based on.
public struct HealthAssessment: Sendable, Hashable {
    /// The worst status among `findings` (`ok` when there are none).
    public var status: HealthStatus
    /// Every finding, in evaluation order: probe failure, TLS verification, certificate expiry, quota, total,
    /// phases. OK findings are included; filter on `status` for the problems.
    public var findings: [HealthFinding]
    /// Whole days until the earliest notAfter in the presented chain (rounded down, negative once expired), or
    /// `nil` without TLS facts.
    public var certificateDaysLeft: Int?
    /// The fullest quota resource, or `nil` when no resource has a limit.
    public var fullestQuota: QuotaUsage?

    /// An assessment whose status is the worst of `findings`.
    public init(findings: [HealthFinding], certificateDaysLeft: Int? = nil, fullestQuota: QuotaUsage? = nil) {
        self.status = findings.map(\.status).max() ?? .ok
        self.findings = findings
        self.certificateDaysLeft = certificateDaysLeft
        self.fullestQuota = fullestQuota
    }

    /// The findings that are not OK, worst first (stable within one status).
    public var problems: [HealthFinding] {
        findings.enumerated()
            .filter { $0.element.status != .ok }
            .sorted { ($0.element.status, -$0.offset) > ($1.element.status, -$1.offset) }
            .map(\.element)
    }

    /// One quota resource's usage as a percentage, named by root and resource.
    public struct QuotaUsage: Sendable, Hashable {
        /// The quota root's name.
        public var root: String
        /// The resource name (`STORAGE`, `MESSAGE`, ...).
        public var resource: String
        /// Percent of the limit used.
        public var percent: Double

        /// A usage of `percent` % of `resource` in `root`.
        public init(root: String, resource: String, percent: Double) {
            self.root = root
            self.resource = resource
            self.percent = percent
        }
    }
}
