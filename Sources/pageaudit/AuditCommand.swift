import Foundation
import PageAuditCore

/// `pageaudit audit`: load registry, snapshots and checklist, run, render, choose the exit code.
struct AuditCommand {
    enum Format: String, CaseIterable { case text, json, csv, html, junit, markdown }

    let arguments: Arguments
    /// For `pageaudit check`: the one agency to audit, always live, every finding shown.
    var selfCheck: Agency?

    func run() async throws -> Int32 {
        guard selfCheck != nil || arguments.positional.isEmpty else { throw Arguments.Failure.unexpectedArgument(arguments.positional[0]) }
        let language: Language = try arguments.choice("--lang", default: .ru)
        let format: Format = try arguments.choice("--format", default: .text)
        var contactPages = 3
        if let text = arguments.value("--contact-pages") {
            guard let number = Int(text), (0...20).contains(number) else {
                throw Arguments.Failure.invalidValue("--contact-pages", value: text, expected: "a number from 0 to 20")
            }
            contactPages = number
        }
        let runStart = Date()
        let checklistURL = arguments.value("--checklist").map { URL(fileURLWithPath: $0) } ?? BundledFiles.locate("checklists/270-fz.json")
        let checklist = try ChecklistLoader.load(from: checklistURL)
        let live = selfCheck != nil || arguments.has("--live")
        let setup = try CaptureSetup.make(arguments, runStart: runStart, checklist: checklist, live: live)
        let agencies: [Agency]
        if let selfCheck {
            agencies = [selfCheck]
        } else {
            guard let registryURL = arguments.value("--registry").map({ URL(fileURLWithPath: $0) }) ?? setup.defaultRegistry else {
                throw Arguments.Failure.missingArgument("--registry FILE (a live run or a WARC archive carries no registry)")
            }
            agencies = try RegistryLoader.load(from: registryURL)
        }
        let asOf = try arguments.value("--as-of").map(Self.parseAsOf) ?? setup.defaultAsOf ?? runStart

        var auditor = Auditor(checklist: checklist, gatherer: SiteFactsGatherer(contactPageLimit: contactPages))
        if let concurrency = try CaptureSetup.concurrency(arguments) {
            auditor.concurrency = concurrency
        }
        if live {
            auditor.agencyDeadline = try arguments.value("--agency-deadline").map { text -> Double in
                guard let seconds = Double(text), seconds > 0 else {
                    throw Arguments.Failure.invalidValue("--agency-deadline", value: text, expected: "seconds, more than 0")
                }
                return seconds
            } ?? 300
        }
        await setup.prepare(agencies)
        let policy: ExitPolicy = try arguments.choice("--fail-on", default: .law)
        // Inputs are checked before any capture starts: a typo must not cost a night's run.
        let waivers = try arguments.value("--waivers").map { try Waivers.load(from: URL(fileURLWithPath: $0), agencies: agencies, checklist: checklist) }
        let baseline = try arguments.value("--baseline").map { path in (path, try BaselineDiff.statuses(inReportAt: URL(fileURLWithPath: path))) }
        if policy == .new && baseline == nil { throw Arguments.Failure.missingArgument("--baseline FILE (needed by --fail-on new)") }
        if ProgressBar.enabled && agencies.count > 1 {
            let bar = ProgressBar(total: agencies.count)
            auditor.progress = { done, audit in bar.update(done: done, audit: audit) }
        }
        var results = await auditor.audit(agencies, from: setup.source, asOf: asOf)
        for problem in await setup.finish() { printError("evidence: \(problem)") }
        let expired = waivers?.apply(to: &results, asOf: asOf) ?? []
        for entry in expired { printError("waiver expired on \(entry.note.expires): \(entry.agency) \(entry.rule) (\(entry.location))") }
        var report = AuditReport(toolVersion: PageAuditVersion.current, checklist: checklist, asOf: asOf,
                                 source: setup.sourceName, agencies: results)
        report.expiredWaivers = expired
        report.diff = baseline.map { BaselineDiff.between($0.1, BaselineDiff.statuses(of: results), baseline: $0.0) }
        let output: Data
        switch format {
        case .text:
            // Colour only for a person at a terminal: not into a file, not with NO_COLOR (no-color.org), not on a dumb terminal.
            let environment = ProcessInfo.processInfo.environment
            let colour = arguments.value("--output") == nil && isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
            output = Data(TextReport(language: language, verbose: selfCheck != nil || arguments.has("--verbose"), colour: colour).render(report).utf8)
        case .json: output = try JSONReport.render(report) + Data("\n".utf8)
        case .csv:
            let delimiter = arguments.value("--delimiter") ?? ";"
            guard delimiter == ";" || delimiter == "," else {
                throw Arguments.Failure.invalidValue("--delimiter", value: delimiter, expected: "; (Excel in a Russian locale) or ,")
            }
            output = CSVReport(language: language, delimiter: Character(delimiter)).render(report)
        case .html: output = HTMLReport(language: language).render(report)
        case .junit: output = JUnitReport(language: language).render(report)
        case .markdown:
            var text = MarkdownReport(language: language).render(report)
            if let diff = report.diff { text += "\n```\n" + TextReport.diffSummary(diff, language: language).terminalSafe + "```\n" }
            output = Data(text.utf8)
        }
        try write(output)
        return policy.shouldFail(report.agencies, diff: report.diff) ? 1 : 0
    }

    private func write(_ data: Data) throws {
        guard let path = arguments.value("--output") else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputFailure(path: path, detail: error.localizedDescription)
        }
    }

    static func parseAsOf(_ text: String) throws -> Date {
        if let instant = RFC3339.date(from: text) { return instant }
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        if let day = RFC3339.day(from: text, in: moscow) { return day.addingTimeInterval(86_399) }
        throw Arguments.Failure.invalidValue("--as-of", value: text, expected: "2026-11-20 or 2026-11-20T12:00:00+03:00")
    }
}

struct OutputFailure: Error, CustomStringConvertible {
    var path: String
    var detail: String
    var description: String { "cannot write the report to \(path): \(detail)" }
}
