import Foundation
import PageAuditCore

/// What happens after the agencies are audited, for `audit` and `merge` alike: waivers, the
/// baseline diff, the report in the chosen format, and the exit code. The options are read before
/// any capture starts: a typo must not cost a night's run.
struct ReportOutput {
    enum Format: String, CaseIterable { case text, json, csv, html, junit, markdown }

    let arguments: Arguments
    let language: Language
    let format: Format
    let policy: ExitPolicy
    let waivers: Waivers?
    let baseline: (path: String, statuses: [String: [String: String]])?
    var verbose: Bool

    init(_ arguments: Arguments, checklist: Checklist, agencyIDs: Set<String>, verbose: Bool) throws {
        self.arguments = arguments
        self.verbose = verbose
        language = try arguments.choice("--lang", default: .ru)
        format = try arguments.choice("--format", default: .text)
        policy = try arguments.choice("--fail-on", default: .law)
        if let delimiter = arguments.value("--delimiter"), delimiter != ";" && delimiter != "," {
            throw Arguments.Failure.invalidValue("--delimiter", value: delimiter, expected: "; (Excel in a Russian locale) or ,")
        }
        waivers = try arguments.value("--waivers").map { try Waivers.load(from: URL(fileURLWithPath: $0), agencyIDs: agencyIDs, checklist: checklist) }
        baseline = try arguments.value("--baseline").map { path in (path, try BaselineDiff.statuses(inReportAt: URL(fileURLWithPath: path))) }
        if policy == .new && baseline == nil { throw Arguments.Failure.missingArgument("--baseline FILE (needed by --fail-on new)") }
    }

    /// Renders `results` (read one agency at a time) to `--output` or standard output; returns the exit code.
    func write(_ results: AuditResults, checklist: Checklist, asOf: Date, source: String) throws -> Int32 {
        var report = AuditReport(toolVersion: PageAuditVersion.current, checklist: checklist, asOf: asOf, source: source, agencies: results)
        if let waivers {
            let positions = Dictionary(results.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            report.expiredWaivers = waivers.expired(asOf: asOf) { id in positions[id].map { results[$0].agency.timeZone } }
            for entry in report.expiredWaivers { printError("waiver expired on \(entry.note.expires): \(entry.agency) \(entry.rule) (\(entry.location))") }
            report.agencies = results.adjusted { waivers.apply(to: &$0, asOf: asOf) }
        }
        report.diff = baseline.map { BaselineDiff.between($0.statuses, BaselineDiff.statuses(of: report.agencies), baseline: $0.path) }
        let sink = try arguments.value("--output").map { try ReportSink.file($0) } ?? ReportSink.standardOutput()
        do {
            try render(report, to: sink)
            try sink.finish()
        } catch {
            sink.discard()
            throw error
        }
        return policy.shouldFail(report.agencies, waived: waivers != nil, diff: report.diff) ? 1 : 0
    }

    private func render(_ report: AuditReport, to sink: ReportSink) throws {
        switch format {
        case .text:
            // Colour only for a person at a terminal: not into a file, not with NO_COLOR (no-color.org), not on a dumb terminal.
            let environment = ProcessInfo.processInfo.environment
            let colour = arguments.value("--output") == nil && isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
            try sink.write(TextReport(language: language, verbose: verbose, colour: colour).render(report))
        case .json: try JSONReport.write(report, to: sink)
        case .csv: try CSVReport(language: language, delimiter: Character(arguments.value("--delimiter") ?? ";")).write(report, to: sink)
        case .html: try sink.write(HTMLReport(language: language).render(report))
        case .junit: try JUnitReport(language: language).write(report, to: sink)
        case .markdown:
            var text = MarkdownReport(language: language).render(report)
            if let diff = report.diff { text += "\n```\n" + TextReport.diffSummary(diff, language: language).terminalSafe + "```\n" }
            try sink.write(text)
        }
    }
}
