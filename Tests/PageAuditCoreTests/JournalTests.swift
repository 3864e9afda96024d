import Foundation
import Testing
@testable import PageAuditCore

/// The run journal: what an interrupted run keeps, and what a resume or a merge accepts.
@Suite struct JournalTests {
    func scratch() throws -> URL { try temporaryFolder("pageaudit-journal") }

    func header(_ report: AuditReport, registry: [Agency], shard: Shard? = nil) -> JournalHeader {
        JournalHeader(tool: "test", checklist: report.checklist, asOf: report.asOf, source: "demo",
                      registry: RegistryFingerprint(registry), shard: shard, agencies: registry.count)
    }

    func encoded(_ audit: AgencyAudit) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(audit)
    }

    /// Every demo agency (read, unreadable and undeclared sites and pages) survives the journal unchanged.
    @Test func auditsRoundTripThroughTheJournal() async throws {
        let report = try await ReportFixture.demo()
        let audits = Array(report.agencies)
        let path = try scratch().appendingPathComponent("run.jsonl").path
        let writer = try JournalWriter(path: path, header: header(report, registry: audits.map(\.agency)), resume: false, source: "demo", now: Date())
        for (position, audit) in audits.enumerated().reversed() { try writer.append(position: position, audit: audit) }
        _ = try writer.finish()
        let file = try JournalFile.read(path)
        #expect(file.isComplete)
        #expect(file.header.checklist.rules.count == report.checklist.rules.count)
        let results = AuditResults(journals: [file])
        #expect(results.ids == audits.map(\.agency.id), "registry order, whatever order they were written in")
        for (original, read) in zip(audits, results) { #expect(try encoded(read) == encoded(original)) }
        for status in FindingStatus.allCases { #expect(results.count(of: status) == report.count(status)) }
        #expect(try JSONReport.render(AuditReport(toolVersion: "0.1.0", checklist: report.checklist, asOf: report.asOf, source: "demo", agencies: results))
                == JSONReport.render(report))
    }

    /// A kill can leave half a line: reading ignores it, resuming cuts it and carries on.
    @Test func aTornLastLineIsToleratedAndCutOnResume() async throws {
        let report = try await ReportFixture.demo()
        let audits = Array(report.agencies), registry = audits.map(\.agency)
        let path = try scratch().appendingPathComponent("run.jsonl").path
        let writer = try JournalWriter(path: path, header: header(report, registry: registry), resume: false, source: "demo", now: Date())
        for position in 0..<3 { try writer.append(position: position, audit: audits[position]) }
        let torn = try encoded(audits[3]).prefix(200)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"position\":3,\"audit\":".utf8) + torn)
        try handle.close()

        let read = try JournalFile.read(path)
        #expect(read.entries.map(\.position) == [0, 1, 2])
        #expect(!read.isComplete)
        #expect(throws: JournalError.unfinished(path: path, done: 3, expected: registry.count)) {
            try JournalWriter(path: path, header: header(report, registry: registry), resume: false, source: "demo", now: Date())
        }
        let resumed = try JournalWriter(path: path, header: header(report, registry: registry), resume: true, source: "demo again", now: Date())
        #expect(resumed.finishedPositions == [0, 1, 2])
        for position in 3..<audits.count { try resumed.append(position: position, audit: audits[position]) }
        _ = try resumed.finish()
        let file = try JournalFile.read(path)
        #expect(file.isComplete)
        #expect(file.resumptions.map(\.source) == ["demo again"])
        for (original, read) in zip(audits, AuditResults(journals: [file])) { #expect(try encoded(read) == encoded(original)) }
    }

    @Test func aDamagedLineIsReportedWithItsLineNumber() async throws {
        let report = try await ReportFixture.demo()
        let audits = Array(report.agencies)
        let path = try scratch().appendingPathComponent("run.jsonl").path
        let writer = try JournalWriter(path: path, header: header(report, registry: audits.map(\.agency)), resume: false, source: "demo", now: Date())
        for position in 0..<3 { try writer.append(position: position, audit: audits[position]) }
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[2] = "{\"position\": 1, \"audit\": {\"agency\": 12}}"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try JournalFile.read(path) } throws: { error in
            guard case JournalError.damagedLine(let at, _) = error else { return false }
            return at == SourceLocation(file: path, line: 3)
        }
    }

    /// Results are never thrown away by accident: another run's unfinished journal, or a file that
    /// is not a journal at all, is refused and left as it was.
    @Test func journalsOfOtherRunsAndOtherFilesAreNotOverwritten() async throws {
        let report = try await ReportFixture.demo()
        let audits = Array(report.agencies), registry = audits.map(\.agency)
        let folder = try scratch()
        let path = folder.appendingPathComponent("run.jsonl").path
        let writer = try JournalWriter(path: path, header: header(report, registry: registry), resume: false, source: "demo", now: Date())
        try writer.append(position: 0, audit: audits[0])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let smaller = Array(registry.dropLast())
        #expect(throws: JournalError.self) { try JournalWriter(path: path, header: header(report, registry: smaller), resume: false, source: "demo", now: Date()) }
        #expect { try JournalWriter(path: path, header: header(report, registry: smaller), resume: true, source: "demo", now: Date()) } throws: { error in
            guard case JournalError.otherRun(_, let field, _, _) = error else { return false }
            return field == "registry"
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        let registryFile = folder.appendingPathComponent("registry.csv").path
        try "id;name\n1;x\n".write(toFile: registryFile, atomically: true, encoding: .utf8)
        #expect(throws: JournalError.self) { try JournalWriter(path: registryFile, header: header(report, registry: registry), resume: false, source: "demo", now: Date()) }
        #expect(try String(contentsOfFile: registryFile, encoding: .utf8) == "id;name\n1;x\n")
    }

    /// A finished journal is a finished run: the next run (a nightly job) starts a new one.
    @Test func aFinishedJournalIsStartedAfresh() async throws {
        let report = try await ReportFixture.demo()
        let audits = Array(report.agencies).prefix(2), registry = audits.map(\.agency)
        let path = try scratch().appendingPathComponent("run.jsonl").path
        let first = try JournalWriter(path: path, header: header(report, registry: registry), resume: false, source: "demo", now: Date())
        for (position, audit) in audits.enumerated() { try first.append(position: position, audit: audit) }
        #expect(try first.finish().isComplete)
        let second = try JournalWriter(path: path, header: header(report, registry: registry), resume: false, source: "demo", now: Date())
        #expect(second.finishedPositions.isEmpty)
        #expect(try JournalFile.read(path).entries.isEmpty)
    }
}

@Suite struct ShardTests {
    /// Published FNV-1a 64 test vectors: another tool can assign agencies to shards the same way.
    @Test func fnv1aMatchesItsTestVectors() {
        #expect(Shard.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(Shard.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Shard.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func parsesKOverN() {
        #expect(Shard("3/8") == Shard("3/8"))
        #expect(Shard("3/8")?.index == 3)
        #expect(Shard("1/1") != nil)
        for bad in ["0/4", "5/4", "4", "a/b", "1/0", "-1/4", "1/4/2", "/4", ""] { #expect(Shard(bad) == nil, "\(bad)") }
    }

    /// Every agency lands in exactly one shard, and shards are of similar size.
    @Test func shardsPartitionTheRegistry() throws {
        let ids = (0..<10_000).map { "agency-\($0)" } + ["", "ё", "адм-66"]
        let shards = (1...7).map { Shard("\($0)/7")! }
        var sizes = [Int](repeating: 0, count: 7)
        for id in ids {
            let owners = shards.filter { $0.contains(agencyID: id) }
            try #require(owners.count == 1, "\(id) is in \(owners.count) shards")
            sizes[owners[0].index - 1] += 1
        }
        #expect(sizes.allSatisfy { abs($0 - ids.count / 7) < ids.count / 7 / 10 }, "\(sizes)")
    }
}

@Suite struct ChecklistCodingTests {
    /// A journal's header carries the checklist: every check kind and parameter must read back as it was.
    @Test func everyBundledAndExampleChecklistRoundTrips() throws {
        for path in ["checklists/270-fz.json", "checklists/examples/spb-stricter.json"] {
            let checklist = try ChecklistLoader.load(from: repositoryRoot.appendingPathComponent(path))
            let decoded = try JSONDecoder().decode(Checklist.self, from: JSONEncoder().encode(checklist))
            #expect(decoded.rules.map(\.check) == checklist.rules.map(\.check), "\(path)")
            #expect(decoded.rules.map(\.id) == checklist.rules.map(\.id))
            #expect(Set(checklist.rules.map(\.check.kind)).count >= (path.contains("270") ? CheckKind.allCases.count : 1))
        }
    }
}
