extension HTMLReport {
    /// The inline style sheet: system fonts only (nothing is fetched), status colours always paired
    /// with a symbol, readable in print.
    static let styles = """
    :root { --fg: #1d2939; --muted: #667085; --line: #e4e7ec; --bg: #f8f9fb; --card: #fff; --accent: #1f4e99;
      --fail: #b42318; --fail-bg: #fef3f2; --warn: #93370d; --warn-bg: #fffaeb; --unverifiable: #475467; --unverifiable-bg: #f2f4f7;
      --pass: #067647; --pass-bg: #ecfdf3; --notApplicable: #667085; --notApplicable-bg: #f9fafb; --error: #5925dc; --error-bg: #f4f3ff; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    main, .top, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #84adff; outline-offset: 2px; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
    .skip { position: absolute; left: -9999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 6px 10px; z-index: 2; }
    .top { padding-top: 28px; padding-bottom: 8px; }
    .eyebrow { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: 0.04em; text-transform: uppercase; }
    h1 { margin: 4px 0 16px; font-size: 28px; line-height: 1.25; }
    h2 { font-size: 20px; margin: 32px 0 12px; } h2.part { border-top: 2px solid var(--line); padding-top: 24px; }
    h3 { font-size: 18px; margin: 0 0 4px; } h4 { font-size: 15px; margin: 16px 0 6px; } h5 { font-size: 15px; margin: 0 0 6px; }
    h6 { font-size: 13px; margin: 10px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
    .muted { color: var(--muted); } .note { margin-top: -6px; }
    .meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 8px 24px; margin: 0;
      background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
    .meta dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; } .meta dd { margin: 0; overflow-wrap: anywhere; }
    .cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
    .card { background: var(--card); border: 1px solid var(--line); border-left: 5px solid currentColor; border-radius: 8px; padding: 12px 14px;
      display: grid; grid-template-columns: auto 1fr; column-gap: 10px; align-items: center; }
    .card .sym { grid-row: span 2; font-size: 22px; font-weight: 700; width: 34px; height: 34px; border-radius: 50%; display: grid; place-items: center; }
    .card .num { font-size: 26px; font-weight: 700; color: var(--fg); line-height: 1.1; } .card .lbl { color: var(--fg); font-size: 13px; }
    .st-fail { color: var(--fail); } .st-warn { color: var(--warn); } .st-unverifiable { color: var(--unverifiable); }
    .st-pass { color: var(--pass); } .st-notApplicable { color: var(--notApplicable); } .st-error { color: var(--error); }
    .card.st-fail .sym { background: var(--fail-bg); } .card.st-warn .sym { background: var(--warn-bg); } .card.st-unverifiable .sym { background: var(--unverifiable-bg); }
    .card.st-pass .sym { background: var(--pass-bg); } .card.st-notApplicable .sym { background: var(--notApplicable-bg); } .card.st-error .sym { background: var(--error-bg); }
    .scroll { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
    table.data { border-collapse: collapse; width: 100%; font-size: 14px; }
    table.data th, table.data td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    table.data thead th { background: #f2f4f7; font-size: 12.5px; font-weight: 600; color: #344054; position: sticky; top: 0; }
    table.data tbody th { font-weight: 500; }
    table.data tbody tr:last-child > * { border-bottom: 0; }
    table.data .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.data thead th.n { white-space: nowrap; width: 1%; }
    abbr[title] { text-decoration: none; cursor: help; }
    table.data td.zero { color: #c0c5cf; }
    table.data td.st-fail { font-weight: 700; }
    table.data .wrap { overflow-wrap: anywhere; max-width: 360px; }
    table.agencies tr.has-fail > :first-child { box-shadow: inset 4px 0 0 var(--fail); }
    table.data tbody tr:hover { background: #f9fafb; }
    th button.sort { all: unset; cursor: pointer; display: inline-flex; gap: 4px; align-items: baseline; }
    th button.sort::after { content: "↕"; color: #98a2b3; font-size: 11px; }
    th[aria-sort="ascending"] button.sort::after { content: "▲"; color: var(--accent); }
    th[aria-sort="descending"] button.sort::after { content: "▼"; color: var(--accent); }
    .filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: center; margin: 0 0 10px; }
    .filters label { display: inline-flex; gap: 8px; align-items: center; font-size: 14px; }
    .filters input, .filters select { font: inherit; padding: 6px 10px; border: 1px solid #d0d5dd; border-radius: 6px; background: #fff; color: var(--fg); }
    .filters input { width: 260px; } .filters output { color: var(--muted); font-size: 13px; }
    section.agency { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 0 0 20px; scroll-margin-top: 12px; }
    section.agency.has-fail { border-top: 4px solid var(--fail); }
    section.agency .id { font-weight: 400; font-size: 14px; }
    .chips { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
    .chip, .tag { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12.5px; font-weight: 600; background: #f2f4f7; border: 1px solid currentColor; }
    .chip.st-fail, .tag.st-fail { background: var(--fail-bg); } .chip.st-warn { background: var(--warn-bg); } .chip.st-pass, .tag.st-pass { background: var(--pass-bg); }
    .chip.st-error { background: var(--error-bg); }
    .block { margin-top: 8px; } .block p { margin: 4px 0; overflow-wrap: anywhere; } .hint { color: var(--muted); font-size: 14px; }
    ul.pages { margin: 4px 0; padding-left: 20px; } ul.pages li { margin: 3px 0; overflow-wrap: anywhere; }
    .platform { font-weight: 600; }
    details.group { margin-top: 14px; border-top: 1px solid var(--line); padding-top: 8px; }
    details.group > summary { cursor: pointer; font-weight: 700; font-size: 15px; padding: 4px 0; }
    details.group > summary .count { color: var(--muted); font-weight: 400; }
    article.finding { color: var(--fg); border: 1px solid var(--line); border-left: 4px solid; border-radius: 6px; padding: 10px 14px; margin: 8px 0; background: #fff; }
    article.finding.st-fail { border-left-color: var(--fail); } article.finding.st-warn { border-left-color: #dc6803; }
    article.finding.st-unverifiable { border-left-color: #98a2b3; } article.finding.st-pass { border-left-color: var(--pass); }
    article.finding.st-notApplicable { border-left-color: #d0d5dd; } article.finding.st-error { border-left-color: var(--error); }
    article.finding h5 .sym { display: inline-block; width: 1.2em; text-align: center; }
    article.finding.st-fail h5 .sym { color: var(--fail); } article.finding.st-warn h5 .sym { color: var(--warn); } article.finding.st-pass h5 .sym { color: var(--pass); }
    article.finding.st-unverifiable h5 .sym, article.finding.st-notApplicable h5 .sym { color: var(--unverifiable); } article.finding.st-error h5 .sym { color: var(--error); }
    .badge { display: inline-block; font-size: 11.5px; font-weight: 600; border-radius: 4px; padding: 0 6px; vertical-align: 1px; white-space: nowrap; }
    .badge.law { background: #1f4e99; color: #fff; } .badge.practice { background: #eef4ff; color: #1f4e99; border: 1px solid #b2ccff; }
    .message { margin: 2px 0 6px; overflow-wrap: anywhere; }
    dl.facts { margin: 0; display: grid; grid-template-columns: minmax(140px, 220px) 1fr; gap: 2px 14px; font-size: 14px; }
    dl.facts > div { display: contents; } dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    dl.facts .fix dd { font-weight: 500; } dl.facts .waiver dd { background: #eef4ff; padding: 0 6px; border-radius: 4px; }
    .measured { font-weight: 600; } .vs { color: var(--muted); font-size: 13px; }
    .evidence ol { margin: 0; padding-left: 22px; font-size: 14px; } .evidence li { margin: 4px 0; overflow-wrap: anywhere; }
    .digest { color: var(--muted); font-size: 12px; word-break: break-all; }
    blockquote { margin: 4px 0 0; padding: 4px 10px; border-left: 3px solid var(--line); background: #f9fafb; color: #344054;
      font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 12em; overflow: auto; }
    a.url, span.url { overflow-wrap: anywhere; }
    figure.chart { margin: 10px 0 4px; } figure.chart figcaption { font-size: 13px; color: var(--muted); margin-bottom: 4px; overflow-wrap: anywhere; }
    figure.chart svg { max-width: 100%; height: auto; display: block; }
    figure.chart .legend { font-size: 12.5px; color: var(--muted); margin: 2px 0 0; }
    svg .axis { stroke: #98a2b3; stroke-width: 1; } svg .min { stroke: var(--fail); stroke-width: 1.5; stroke-dasharray: 5 4; }
    svg .bar.ok { fill: #32a071; } svg .bar.short { fill: #e0574a; } svg .bar.unknown { stroke: #98a2b3; stroke-dasharray: 3 2; }
    svg text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: #344054; } svg .value { font-weight: 700; }
    svg .value.unknown { font-size: 18px; fill: #475467; } svg .min-label { fill: var(--fail); font-weight: 700; }
    .back { margin: 12px 0 0; font-size: 13px; }
    footer { color: var(--muted); font-size: 13px; padding-top: 12px; padding-bottom: 32px; }
    @media (max-width: 700px) { main, .top, footer { padding: 0 12px; } dl.facts { grid-template-columns: 1fr; } .filters input { width: 100%; } }
    @media print { body { background: #fff; } .filters, .skip, .back { display: none !important; } section.agency { break-inside: avoid-page; border: 1px solid #999; }
      details.group:not([open]) > :not(summary) { display: block; } table.data thead th { position: static; } }

    """
}
