import Foundation
import PageAuditCore

/// Entry point: dispatches to a command and turns every error into a message and exit code 2
/// (bad input) or 3 (output), never a crash.
func main() async -> Int32 {
    var words = Array(CommandLine.arguments.dropFirst())
    let language: Language = words.contains("en") && words.contains("--lang") ? .en : .ru
    guard let command = words.first else {
        return await run { try await AuditCommand(arguments: Arguments([], command: "audit", options: auditOptions, flags: auditFlags)).run() }
    }
    words.removeFirst()
    if words.contains("--help") || words.contains("-h") {
        print(Help.text(for: command))
        return 0
    }
    switch command {
    case "-h", "--help": print(Help.main); return 0
    case "--version", "version": print("pageaudit \(PageAuditVersion.current)"); return 0
    case "help":
        print(Help.text(for: words.first ?? ""))
        return 0
    case "audit":
        return await run { try await AuditCommand(arguments: Arguments(words, command: "audit", options: auditOptions, flags: auditFlags)).run() }
    case "diff":
        return await run { try DiffCommand(arguments: Arguments(words, command: "diff", options: ["--lang", "--format", "--fail-on"], flags: [])).run() }
    case "check":
        return await run { try await CheckCommand(arguments: Arguments(words, command: "check", options: checkOptions, flags: auditFlags.filter { $0 != "--resume" })).run() }
    case "snapshot":
        return await run { try SnapshotCommand(arguments: Arguments(words, command: "snapshot", options: ["--set", "--url", "--captured-at", "--content-type"], flags: [])).run() }
    case "merge":
        return await run { try MergeCommand(arguments: Arguments(words, command: "merge", options: reportOptions, flags: ["--verbose"])).run() }
    case "checklist":
        return await run { try ChecklistCommand(arguments: Arguments(words, command: "checklist", options: ["--lang"], flags: [])).run() }
    default:
        printError("unknown command '\(command)'. Commands: audit, check, merge, diff, snapshot import, checklist validate, help. See 'pageaudit --help'.")
        return 2
    }

    func run(_ body: () async throws -> Int32) async -> Int32 {
        do {
            return try await body()
        } catch let error as DiagnosableError {
            printError(error.rendered(in: language))
            return 2
        } catch let error as ReportSink.Failure {
            printError(error.description)
            return 3
        } catch {
            printError("\(error)")
            return 2
        }
    }
}

let auditOptions = ["--registry", "--snapshots", "--checklist", "--as-of", "--format", "--lang", "--output", "--contact-pages",
                    "--warc", "--ca-file", "--user-agent", "--vk-api-base", "--min-interval", "--agency-deadline", "--vk-rate",
                    "--baseline", "--waivers", "--fail-on", "--delimiter", "--concurrency", "--journal", "--shard", "--header", "--secret-header"]
let auditFlags = ["--verbose", "--live", "--allow-private", "--loopback-only", "--resume"]
let reportOptions = ["--format", "--lang", "--output", "--baseline", "--waivers", "--fail-on", "--delimiter"]
let checkOptions = auditOptions.filter { !["--registry", "--snapshots", "--journal", "--shard"].contains($0) }
    + ["--vk", "--ok", "--telegram", "--max", "--kind", "--name", "--region", "--timezone"]

func printError(_ message: String) {
    FileHandle.standardError.write(Data("pageaudit: \(message)\n".utf8))
}

exit(await main())
