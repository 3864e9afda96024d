import Foundation
import PageAuditCore

/// `pageaudit snapshot import FILE --url URL --set DIR [--captured-at TIME]`.
struct SnapshotCommand {
    let arguments: Arguments

    func run() throws -> Int32 {
        guard arguments.positional.first == "import" else { throw Arguments.Failure.missingArgument("'import FILE' (pageaudit snapshot import FILE --url URL --set DIR)") }
        guard arguments.positional.count == 2 else {
            throw arguments.positional.count < 2 ? Arguments.Failure.missingArgument("FILE") : Arguments.Failure.unexpectedArgument(arguments.positional[2])
        }
        guard let url = arguments.value("--url") else { throw Arguments.Failure.missingArgument("--url URL (the address the page was saved from)") }
        guard let set = arguments.value("--set") else { throw Arguments.Failure.missingArgument("--set DIR (the snapshot set folder)") }
        let capturedAt = try arguments.value("--captured-at").map { text -> Date in
            guard let date = RFC3339.date(from: text) else { throw Arguments.Failure.invalidValue("--captured-at", value: text, expected: "an RFC 3339 time such as 2026-11-20T10:15:00+03:00") }
            return date
        }
        let written = try SnapshotImporter(folder: URL(fileURLWithPath: set)).importPage(
            URL(fileURLWithPath: arguments.positional[1]), as: url, capturedAt: capturedAt, contentType: arguments.value("--content-type"))
        print("\(set)/\(written) ← \(url)")
        return 0
    }
}
