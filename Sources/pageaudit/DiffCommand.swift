import Foundation
import PageAuditCore

/// `pageaudit diff OLD.json NEW.json`: what changed between two saved reports.
struct DiffCommand {
    enum Format: String, CaseIterable { case text, json }
    let arguments: Arguments

    func run() throws -> Int32 {
        guard arguments.positional.count == 2 else {
            throw arguments.positional.count < 2 ? Arguments.Failure.missingArgument("OLD.json NEW.json") : Arguments.Failure.unexpectedArgument(arguments.positional[2])
        }
        let language: Language = try arguments.choice("--lang", default: .ru)
        let format: Format = try arguments.choice("--format", default: .text)
        let policy: ExitPolicy = try arguments.choice("--fail-on", default: .none)
        let old = try BaselineDiff.statuses(inReportAt: URL(fileURLWithPath: arguments.positional[0]))
        let new = try BaselineDiff.statuses(inReportAt: URL(fileURLWithPath: arguments.positional[1]))
        let diff = BaselineDiff.between(old, new, baseline: arguments.positional[0])
        switch format {
        case .text: FileHandle.standardOutput.write(Data(TextReport.diffSummary(diff, language: language).terminalSafe.utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(diff.entries.filter { $0.change != .unchanged }) + Data("\n".utf8))
        }
        return policy == .new && diff.count(.new) > 0 ? 1 : 0
    }
}
