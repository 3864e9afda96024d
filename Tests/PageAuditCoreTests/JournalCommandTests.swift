import Foundation
import Testing
@testable import PageAuditCore

/// Journals, resume, shards and merge through the real executable on real files.
@Suite struct JournalCommandTests {
    func scratch() throws -> URL { try temporaryFolder("pageaudit-run") }

    func lines(_ path: URL) throws -> [Substring] {
        try String(contentsOf: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The journal lies beside --output and holds a header and one line per agency.
    @Test func theJournalLiesBesideTheReport() throws {
        let folder = try scratch()
        let report = folder.appendingPathComponent("report.json")
        let result = try runPageAudit(["audit", "--format", "json", "--output", report.path])
        #expect(result.status == 1, "\(result.stderr)")
        let journal = try lines(folder.appendingPathComponent("report.json.journal.jsonl"))
        #expect(journal.count == 1 + 15 + 1, "header, 15 demo agencies, and the final newline")
        #expect(journal[0].contains("\"format\":\"pageaudit.journal\\/1\"") || journal[0].contains("\"format\":\"pageaudit.journal/1\""))
        #expect(try runPageAudit(["audit", "--format", "json"]).stdout == String(contentsOf: report, encoding: .utf8))
    }

    /// Without --output or --journal the journal is a temporary file, gone after the report.
    @Test func aTemporaryJournalIsRemoved() throws {
        let temporary = try scratch()
        let result = try runPageAudit(["audit", "--format", "csv"], environment: ["TMPDIR": temporary.path])
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        #expect(try runPageAudit(["audit", "--resume"]).stderr.contains("--resume"), "nothing to resume without a journal")
        let toDevice = try runPageAudit(["audit", "--format", "json", "--output", "/dev/null"], environment: ["TMPDIR": temporary.path])
        #expect(toDevice.status == 1, "\(toDevice.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.journal.jsonl"), "no journal beside a device")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
    }

    /// A journal cut after five agencies with half a sixth line is resumed into the same report.
    @Test func aResumedRunGivesTheUninterruptedReport() throws {
        let folder = try scratch()
        let whole = folder.appendingPathComponent("whole.json")
        _ = try runPageAudit(["audit", "--format", "json", "--output", whole.path])
        let journal = folder.appendingPathComponent("cut.jsonl")
        let complete = try lines(folder.appendingPathComponent("whole.json.journal.jsonl"))
        try (complete[0...5].joined(separator: "\n") + "\n" + complete[6].prefix(300)).write(to: journal, atomically: true, encoding: .utf8)

        let refused = try runPageAudit(["audit", "--format", "json", "--journal", journal.path, "--output", folder.appendingPathComponent("r.json").path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("5 из 15") && refused.stderr.contains("--resume"), "\(refused.stderr)")

        let resumed = folder.appendingPathComponent("resumed.json")
        let result = try runPageAudit(["audit", "--format", "json", "--journal", journal.path, "--output", resumed.path, "--resume"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("5 of 15 agencies done, 10 to go"), "\(result.stderr)")
        #expect(try Data(contentsOf: resumed) == Data(contentsOf: whole))
    }

    /// A resume on other inputs is refused, and names what differs.
    @Test func aResumeOnAnotherAsOfIsRefused() throws {
        let folder = try scratch()
        let journal = folder.appendingPathComponent("j.jsonl")
        let complete = folder.appendingPathComponent("c.jsonl")
        _ = try runPageAudit(["audit", "--format", "csv", "--journal", complete.path, "--output", folder.appendingPathComponent("r.csv").path])
        try lines(complete).prefix(3).joined(separator: "\n").appending("\n").write(to: journal, atomically: true, encoding: .utf8)
        let result = try runPageAudit(["audit", "--journal", journal.path, "--as-of", "2026-01-01", "--resume"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("asOf"), "\(result.stderr)")
    }

    /// Three shards, merged, give exactly the unsharded report; each agency is in one shard.
    @Test func shardsMergeIntoTheUnshardedReport() throws {
        let folder = try scratch()
        let whole = try runPageAudit(["audit", "--format", "json"])
        var journals: [String] = [], ids: [String] = []
        for index in 1...3 {
            let output = folder.appendingPathComponent("shard-\(index).json")
            let result = try runPageAudit(["audit", "--shard", "\(index)/3", "--format", "json", "--output", output.path, "--fail-on", "none"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as! [String: Any]
            ids += (report["agencies"] as! [[String: Any]]).map { $0["id"] as! String }
            journals.append(output.path + ".journal.jsonl")
        }
        #expect(ids.count == 15 && Set(ids).count == 15)
        let merged = try runPageAudit(["merge"] + journals.reversed() + ["--format", "json"])
        #expect(merged.status == 1, "law failures give exit 1, as in the audit: \(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
        let csv = try runPageAudit(["merge"] + journals + ["--format", "csv", "--fail-on", "none"])
        #expect(csv.status == 0)
        #expect(csv.stdout == (try runPageAudit(["audit", "--format", "csv"])).stdout)

        let missing = try runPageAudit(["merge", journals[0], journals[2]])
        #expect(missing.status == 2 && missing.stderr.contains("2/3"), "\(missing.stderr)")
        let twice = try runPageAudit(["merge", journals[0], journals[0], journals[1], journals[2]])
        #expect(twice.status == 2 && twice.stderr.contains("1/3"), "\(twice.stderr)")
        let cut = folder.appendingPathComponent("cut.jsonl")
        try lines(URL(fileURLWithPath: journals[1])).prefix(2).joined(separator: "\n").appending("\n").write(to: cut, atomically: true, encoding: .utf8)
        let unfinished = try runPageAudit(["merge", journals[0], cut.path, journals[2]])
        #expect(unfinished.status == 2 && unfinished.stderr.contains("cut.jsonl"), "\(unfinished.stderr)")
        let other = folder.appendingPathComponent("other.json")
        _ = try runPageAudit(["audit", "--shard", "2/3", "--as-of", "2026-01-01", "--output", other.path])
        let mixed = try runPageAudit(["merge", journals[0], other.path + ".journal.jsonl", journals[2]])
        #expect(mixed.status == 2 && mixed.stderr.contains("asOf"), "\(mixed.stderr)")
        let notJournal = try runPageAudit(["merge", repositoryRoot.appendingPathComponent("snapshots/demo/registry.csv").path])
        #expect(notJournal.status == 2 && notJournal.stderr.contains("registry.csv:1"), "\(notJournal.stderr)")
    }

    @Test func badShardAndConcurrencyValuesAreRefused() throws {
        for (option, value) in [("--shard", "0/3"), ("--shard", "4/3"), ("--shard", "x"), ("--concurrency", "0"), ("--concurrency", "many")] {
            let result = try runPageAudit(["audit", option, value])
            #expect(result.status == 2)
            #expect(result.stderr.contains(option) && result.stderr.contains(value), "\(result.stderr)")
        }
    }
}
