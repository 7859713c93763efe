import Prober

extension StatusPage {
    /// Each phase's colour in the waterfall; red is kept for the failed phase.
    static let phaseColours: [Phase: String] = [
        .resolve: "#9c8ade", .connect: "#4e79a7", .tlsHandshake: "#59a14f", .greeting: "#76b7b2",
        .capability: "#edc948", .starttls: "#b07aa1", .capabilityAfterTLS: "#b6992d", .login: "#f28e2b",
        .select: "#9c755f", .fetch: "#8cd17d", .quota: "#17becf", .delivery: "#e15759", .cleanup: "#d37295",
        .logout: "#a0a0a0",
    ]

    /// The page's whole stylesheet: system fonts only, light and dark, one card per target below 720 px.
    static var stylesheet: String {
        let phases = Phase.allCases.map { ".phase-\($0.rawValue){background:\(phaseColours[$0] ?? "#888")}" }.joined()
        return """

            :root{--fg:#1d2126;--muted:#69707a;--bg:#f6f7f9;--card:#fff;--line:#dde1e6;--up:#1e7d32;--down:#c62828;\
            --warn:#a86400;--warn-bg:#fff3d6;--crit-bg:#fde3e3;--ok-bg:#e3f4e5;--track:#eceff3}
            @media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--muted:#9aa3ad;--bg:#15181c;--card:#1e2227;\
            --line:#333a42;--up:#66bb6a;--down:#ef5350;--warn:#ffb74d;--warn-bg:#3d2f12;--crit-bg:#451b1b;\
            --ok-bg:#163a1c;--track:#2a3037}}
            *{box-sizing:border-box}
            body{margin:0;padding:1rem;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
            color:var(--fg);background:var(--bg)}
            h1{font-size:1.4rem;margin:0 0 .25rem}
            .version,.muted,.rendered,.address,.labels,.absolute,.total,footer{color:var(--muted)}
            .version{font-weight:400;font-size:1rem}
            .summary{font-size:1.1rem;margin:.25rem 0}
            .rendered{margin:0 0 1rem;font-size:.85rem}
            .summary .up{color:var(--up)}.summary .down{color:var(--down)}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line)}
            th,td{text-align:left;vertical-align:top;padding:.5rem .6rem;border-bottom:1px solid var(--line)}
            th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
            tr.down td:first-child{box-shadow:inset 4px 0 var(--down)}
            tr.up td:first-child{box-shadow:inset 4px 0 var(--up)}
            .name{font-weight:600;display:block;word-break:break-word}
            .address,.labels,.absolute{display:block;font-size:.8rem;word-break:break-word}
            .state{font-weight:700;text-transform:uppercase;font-size:.85rem;padding:.1rem .4rem;border-radius:3px}
            .state.up{color:var(--up);background:var(--ok-bg)}.state.down{color:var(--down);background:var(--crit-bg)}
            .state.pending{color:var(--muted);background:var(--track)}
            .bar{display:flex;width:100%;min-width:10rem;height:1rem;border-radius:3px;overflow:hidden;\
            background:var(--track)}
            td[data-label=Phases]{width:28%}
            .seg{display:block;height:100%}
            .failed{background:var(--down);background-image:repeating-linear-gradient(45deg,transparent 0 4px,\
            rgba(255,255,255,.35) 4px 8px)}
            .total{font-size:.8rem}
            .level{padding:.1rem .4rem;border-radius:3px;white-space:nowrap}
            .level.ok{background:var(--ok-bg);color:var(--up)}
            .level.warn{background:var(--warn-bg);color:var(--warn);font-weight:600}
            .level.crit{background:var(--crit-bg);color:var(--down);font-weight:700}
            .reason{color:var(--down);font-weight:600;display:block}
            td[data-label=Failure]{max-width:24rem;word-break:break-word}
            .legend{list-style:none;padding:0;margin:.75rem 0;display:flex;flex-wrap:wrap;gap:.3rem .9rem;\
            font-size:.8rem;color:var(--muted)}
            .swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;\
            vertical-align:-.1rem}
            footer{margin-top:1.5rem;font-size:.85rem}
            nav a{margin-right:1rem;color:inherit;font-weight:600}
            \(phases)
            @media (max-width:720px){body{padding:.6rem}table,thead,tbody,tr,td{display:block;width:100%}\
            table{border:0;background:none}thead{display:none}\
            tr{background:var(--card);border:1px solid var(--line);border-radius:6px;margin-bottom:.7rem;\
            overflow:hidden}\
            td{display:grid;grid-template-columns:6.5rem 1fr;gap:.5rem;border-bottom:1px solid var(--line)}\
            td:last-child{border-bottom:0}td:empty{display:none}\
            td::before{content:attr(data-label);font-size:.75rem;text-transform:uppercase;color:var(--muted);\
            padding-top:.1rem}td[data-label=Failure]{max-width:none}td[data-label=Phases]{width:100%}.bar{min-width:0}}

            """
    }
}
