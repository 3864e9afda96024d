import Foundation
import Testing
@testable import PageAuditCore

/// `kill -9` at several points of a run, then `--resume`: the final report must be byte for byte
/// the report of a run that was never interrupted, with no agency redone or lost.
@Suite(.serialized) struct CrashSafetyTests {
    static let agencies = 40

    /// A synthetic set (scripts/bench/generate-set.py), big enough that a run takes a few seconds.
    func generatedSet(in folder: URL) throws -> URL {
        let set = folder.appendingPathComponent("set")
        let result = try runProcess("/usr/bin/env", ["python3", repositoryRoot.appendingPathComponent("scripts/bench/generate-set.py").path,
                                                     "--agencies", "\(Self.agencies)", "--seed", "3", "--out", set.path])
        try #require(result.status == 0, "generate-set.py failed: \(result.output)")
        return set
    }

    func newlines(in file: URL) -> Int {
        guard let data = FileManager.default.contents(atPath: file.path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Starts the audit and kills it with SIGKILL once the journal has `lines` lines (header included).
    /// Returns false if the run ended by itself first.
    func killRun(_ arguments: [String], journal: URL, atLines lines: Int) throws -> Bool {
        let process = Process()
        process.executableURL = pageAuditExecutable()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning && newlines(in: journal) < lines { usleep(5_000) }
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
    }

    @Test func killedRunsResumeToTheUninterruptedReport() throws {
        let folder = try temporaryFolder("pageaudit-crash")
        let set = try generatedSet(in: folder)
        func arguments(_ name: String) -> [String] {
            ["audit", "--snapshots", set.path, "--format", "json", "--concurrency", "1", "--output", folder.appendingPathComponent(name).path]
        }
        let whole = try runPageAudit(arguments("whole.json"))
        try #require(whole.status <= 1, "\(whole.stderr)")
        let expected = try Data(contentsOf: folder.appendingPathComponent("whole.json"))

        // After the header only, early, middle, late, and with every agency written (while the report is rendered).
        for lines in [1, 2, 14, 27, 39, 1 + Self.agencies] {
            let name = "killed-at-\(lines).json"
            let journal = folder.appendingPathComponent(name + ".journal.jsonl")
            let killed = try killRun(arguments(name), journal: journal, atLines: lines)
            if lines <= Self.agencies { #expect(killed, "the run finished before its journal reached \(lines) lines") }
            let done = try JournalFile.read(journal.path).entries.count
            #expect(done >= lines - 1)
            let resumed = try runPageAudit(arguments(name) + ["--resume"])
            #expect(resumed.status == whole.status, "\(resumed.stderr)")
            if done > 0 { #expect(resumed.stderr.contains("\(done) of \(Self.agencies) agencies done, \(Self.agencies - done) to go"), "\(resumed.stderr)") }
            #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == expected, "killed at \(lines) journal lines")
            #expect(try JournalFile.read(journal.path).entries.count == Self.agencies)
        }
    }
}
