import Foundation
import PageAuditCore

/// `pageaudit merge JOURNAL...`: one report from the journals of the N shards of a run (or from
/// one journal, to render a finished run again in another format). The journals must be of the
/// same run (registry, checklist, as-of, tool), finished, and cover every shard exactly once.
struct MergeCommand {
    let arguments: Arguments

    func run() throws -> Int32 {
        guard !arguments.positional.isEmpty else { throw Arguments.Failure.missingArgument("JOURNAL... (the journals of every shard)") }
        let files = try arguments.positional.map { path throws(JournalError) in try JournalFile.read(path) }
        let first = files[0]
        for file in files {
            if let difference = first.header.difference(ignoringShardFrom: file.header) {
                throw JournalError.otherRun(path: file.path, field: difference.field, journal: difference.now, now: difference.journal)
            }
            guard file.isComplete else { throw JournalError.incomplete(path: file.path, done: file.entries.count, expected: file.header.agencies) }
        }
        try Self.checkCoverage(files)
        var seen = Set<String>()
        for file in files {
            for entry in file.entries where !seen.insert(entry.id).inserted {
                throw JournalError.duplicateAgency(id: entry.id, at: SourceLocation(file: file.path, line: 1))
            }
        }
        let checklist = first.header.checklist
        let output = try ReportOutput(arguments, checklist: checklist, agencyIDs: seen, verbose: arguments.has("--verbose"))
        let sources = files.flatMap(\.sources).uniqued().joined(separator: "; ")
        guard let asOf = first.header.asOfDate else { throw JournalError.notAJournal(path: first.path, detail: "asOf \(first.header.asOf)") }
        return try output.write(AuditResults(journals: files), checklist: checklist, asOf: asOf, source: sources)
    }

    /// Every shard of 1…N once, or a single journal of an unsharded run.
    static func checkCoverage(_ files: [JournalFile]) throws(JournalError) {
        guard let count = files[0].header.shard?.count else {
            if files.count > 1 { throw .shardTwice("(none)", paths: files.map(\.path)) }
            return
        }
        var byIndex: [Int: [String]] = [:]
        for file in files { byIndex[file.header.shard?.index ?? 0, default: []].append(file.path) }
        if let twice = byIndex.first(where: { $0.value.count > 1 }) { throw .shardTwice("\(twice.key)/\(count)", paths: twice.value) }
        let missing = (1...count).filter { byIndex[$0] == nil }.map { "\($0)/\(count)" }
        if !missing.isEmpty { throw .shardsMissing(missing) }
    }
}
