import Foundation
import PageAuditCore

/// `pageaudit audit`: load registry, snapshots and checklist; audit each agency of this shard that
/// the journal does not hold yet, appending it to the journal as it finishes; render the report
/// from the journal; choose the exit code.
struct AuditCommand {
    let arguments: Arguments
    /// For `pageaudit check`: the one agency to audit, always live, every finding shown.
    var selfCheck: Agency?

    func run() async throws -> Int32 {
        guard selfCheck != nil || arguments.positional.isEmpty else { throw Arguments.Failure.unexpectedArgument(arguments.positional[0]) }
        var contactPages = 3
        if let text = arguments.value("--contact-pages") {
            guard let number = Int(text), (0...20).contains(number) else {
                throw Arguments.Failure.invalidValue("--contact-pages", value: text, expected: "a number from 0 to 20")
            }
            contactPages = number
        }
        // Whole seconds: the as-of of a live run is written to the journal, and a resumed run must evaluate at the same instant.
        let runStart = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let checklistURL = arguments.value("--checklist").map { URL(fileURLWithPath: $0) } ?? BundledFiles.locate("checklists/270-fz.json")
        let checklist = try ChecklistLoader.load(from: checklistURL)
        let live = selfCheck != nil || arguments.has("--live")
        let shard = try arguments.value("--shard").map { text in
            guard let shard = Shard(text) else { throw Arguments.Failure.invalidValue("--shard", value: text, expected: "K/N with 1 ≤ K ≤ N, e.g. 3/8") }
            return shard
        }
        let registry: Registry
        if let selfCheck {
            registry = Registry([selfCheck], file: "command line")
        } else {
            let named = arguments.value("--registry").map { URL(fileURLWithPath: $0) }
            guard let registryURL = try named ?? CaptureSetup.defaultRegistry(arguments, live: live) else {
                throw Arguments.Failure.missingArgument("--registry FILE (a live run or a WARC archive carries no registry)")
            }
            registry = try RegistryLoader.registry(from: registryURL)
        }
        let setup = try CaptureSetup.make(arguments, runStart: runStart, checklist: checklist, live: live)
        let positions = registry.ids.indices.filter { shard?.contains(agencyID: registry.ids[$0]) ?? true }
        let output = try ReportOutput(arguments, checklist: checklist, agencyIDs: Set(positions.map { registry.ids[$0] }),
                                      verbose: selfCheck != nil || arguments.has("--verbose"))

        var auditor = Auditor(checklist: checklist, gatherer: SiteFactsGatherer(contactPageLimit: contactPages))
        if let concurrency = try CaptureSetup.concurrency(arguments) { auditor.concurrency = concurrency }
        if live {
            auditor.agencyDeadline = try arguments.value("--agency-deadline").map { text -> Double in
                guard let seconds = Double(text), seconds > 0 else {
                    throw Arguments.Failure.invalidValue("--agency-deadline", value: text, expected: "seconds, more than 0")
                }
                return seconds
            } ?? 300
        }

        let journal = try openJournal(checklist: checklist, registry: registry, shard: shard, agencies: positions.count, setup: setup, runStart: runStart)
        let asOf = journal.writer.header.asOfDate ?? runStart
        let finished = journal.writer.finishedPositions
        let remaining = positions.filter { !finished.contains($0) }
        if !finished.isEmpty { printError("resuming \(journal.writer.path): \(finished.count) of \(positions.count) agencies done, \(remaining.count) to go") }
        if ProgressBar.enabled && positions.count > 1 {
            let bar = ProgressBar(total: positions.count)
            auditor.progress = { done, audit in bar.update(done: finished.count + done, audit: audit) }
        }
        let agencies = registry.agencies(at: remaining)
        await setup.prepare(agencies)
        let writer = journal.writer
        do {
            try await auditor.audit(agencies, claims: registry.claims, from: setup.source, asOf: asOf) { index, audit in
                try writer.append(position: remaining[index], audit: audit)
            }
        } catch {
            for problem in await setup.finish() { printError("evidence: \(problem)") }
            throw error
        }
        for problem in await setup.finish() { printError("evidence: \(problem)") }
        let file = try writer.finish()
        let source = file.sources.uniqued().joined(separator: "; ")
        let code = try output.write(AuditResults(journals: [file]), checklist: checklist, asOf: asOf, source: source)
        if journal.temporary { try? FileManager.default.removeItem(atPath: writer.path) }
        return code
    }

    /// The journal: `--journal FILE`, else beside `--output` (`FILE.journal.jsonl`) when that is a
    /// file, else a temporary file removed after the report (such a run cannot be resumed).
    private func openJournal(checklist: Checklist, registry: Registry, shard: Shard?, agencies: Int,
                             setup: CaptureSetup, runStart: Date) throws -> (writer: JournalWriter, temporary: Bool) {
        let resume = arguments.has("--resume")
        let named = arguments.value("--journal") ?? arguments.value("--output").flatMap { Self.isFilePath($0) ? $0 + ".journal.jsonl" : nil }
        if resume && named == nil { throw JournalError.resumeWithoutJournal }
        let path = named ?? FileManager.default.temporaryDirectory.appendingPathComponent("pageaudit-\(getpid())-\(UUID().uuidString).journal.jsonl").path
        // An explicit --as-of must agree with a resumed journal's; without one, the journal's holds.
        var asOf = try arguments.value("--as-of").map(Self.parseAsOf) ?? setup.defaultAsOf ?? runStart
        if resume, arguments.value("--as-of") == nil, let recorded = (try? JournalFile.header(at: path))?.asOfDate {
            asOf = recorded
        }
        let header = JournalHeader(tool: PageAuditVersion.current, checklist: checklist, asOf: asOf, source: setup.sourceName,
                                   registry: registry.fingerprint, shard: shard, agencies: agencies)
        return (try JournalWriter(path: path, header: header, resume: resume, source: setup.sourceName, now: runStart), named == nil)
    }

    /// Whether `path` is, or can become, a regular file: `--output /dev/null` gets no journal beside it.
    static func isFilePath(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) != 0 || (status.st_mode & S_IFMT) == S_IFREG
    }

    static func parseAsOf(_ text: String) throws -> Date {
        if let instant = RFC3339.date(from: text) { return instant }
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        if let day = RFC3339.day(from: text, in: moscow) { return day.addingTimeInterval(86_399) }
        throw Arguments.Failure.invalidValue("--as-of", value: text, expected: "2026-11-20 or 2026-11-20T12:00:00+03:00")
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
