import Testing

/// The tokenizer that finds the metric names in the dashboard's and the rules' PromQL, and the check that a name
/// is exported, on expressions written to trip them.
@Suite("dashboards: metric names in PromQL")
struct PromQLNamesTests {
    static let cases: [(String, [String])] = [
        (#"imap_probe_success"#, ["imap_probe_success"]),
        (#"sum by (job, le) (rate(x_bucket{a="b", c=~"d|e"}[5m]))"#, ["x_bucket"]),
        (#"sum(rate(x_bucket[5m])) by (le) / ignoring (phase) group_left (version) y"#, ["x_bucket", "y"]),
        (#"a / on(target) group_left b"#, ["a", "b"]),
        (#"max_over_time(up{job="x"}[1h:5m] offset 1d) > bool 0"#, ["up"]),
        (#"count_values("version", foo) or vector(0)"#, ["foo"]),
        (#"label_replace(m, "dst", "$1", "src", "(.*)")"#, ["m"]),
        (#"1e-3 * a unless b @ start()"#, ["a", "b"]),
        (#"0x1F + 1.5e+3 - .5 * c > Inf and d < NaN"#, ["c", "d"]),
        (#"sum without (le) (rate(x{job=~"$job", target=~"${target}"}[$__rate_interval]))"#, ["x"]),
        (#"x{a="}", b='{[', c=`"`} + y{d="\"}"}"#, ["x", "y"]),
        ("# a comment naming not_a_metric\nz # and another", ["z"]),
        (#"level:metric:rate5m{job="j"}"#, ["level:metric:rate5m"]),
        (#"topk(10, max by (target) (q)) and $__interval"#, ["q"]),
        (#"histogram_quantile(0.95, sum by (le, phase) (rate(h_bucket[5m])))"#, ["h_bucket"]),
        (#"{__name__="hidden"} + time()"#, []),
        (#"sum(a) by(job) + avg without(le)(b)"#, ["a", "b"]),
    ]

    @Test("the names found", arguments: cases)
    func names(expression: String, expected: [String]) {
        #expect(PromQLNames.metricNames(in: expression) == expected)
    }

    /// The sample scrape the exported-name checks below use.
    static let scrape = """
        # HELP imap_probe_failures_total Failed probes.
        # TYPE imap_probe_failures_total counter
        imap_probe_failures_total{target="a",phase="login",reason="auth_failed"} 1
        # HELP imap_probe_phase_duration_seconds Phase durations.
        # TYPE imap_probe_phase_duration_seconds histogram
        imap_probe_phase_duration_seconds_bucket{target="a",phase="login",le="+Inf"} 1
        # TYPE rpc_seconds summary

        """

    @Test("a deliberately wrong name is found and reported as not exported")
    func wrongNameIsCaught() {
        let families = ExportedFamilies(exposition: Self.scrape)
        let names = PromQLNames.metricNames(
            in: #"sum by (phase, reason) (rate(imap_probe_failure_total{phase="login"}[5m]))"#)
        #expect(names == ["imap_probe_failure_total"])
        #expect(!families.exports("imap_probe_failure_total"), "a misspelt family")
        #expect(families.exports("imap_probe_failures_total"))
    }

    @Test("a histogram is used through _bucket, _sum and _count, never by its bare name")
    func histogramSeries() {
        let families = ExportedFamilies(exposition: Self.scrape)
        for suffix in ["_bucket", "_sum", "_count"] {
            #expect(families.exports("imap_probe_phase_duration_seconds" + suffix))
        }
        #expect(!families.exports("imap_probe_phase_duration_seconds"))
        #expect(!families.exports("imap_probe_failures_total_bucket"), "a counter has no buckets")
        #expect(families.exports("rpc_seconds") && families.exports("rpc_seconds_sum"))
        #expect(!families.exports("rpc_seconds_bucket"))
    }
}
