import Foundation
import PageAuditCore

/// `pageaudit checklist validate FILE`.
struct ChecklistCommand {
    let arguments: Arguments

    func run() throws -> Int32 {
        guard arguments.positional.first == "validate" else {
            throw Arguments.Failure.missingArgument("'validate FILE' (pageaudit checklist validate FILE)")
        }
        guard arguments.positional.count == 2 else {
            throw arguments.positional.count < 2 ? Arguments.Failure.missingArgument("FILE") : Arguments.Failure.unexpectedArgument(arguments.positional[2])
        }
        let language: Language = try arguments.choice("--lang", default: .ru)
        let checklist = try ChecklistLoader.load(from: URL(fileURLWithPath: arguments.positional[1]))
        var out = language == .ru
            ? "Чек-лист \(checklist.id) \(checklist.version) корректен: правил \(checklist.rules.count)\n"
            : "Checklist \(checklist.id) \(checklist.version) is valid: \(checklist.rules.count) rules\n"
        for rule in checklist.rules {
            let kinds = rule.appliesTo.map(\.rawValue).joined(separator: ",")
            out += "  \(rule.id) [\(rule.strength.rawValue), \(rule.confidence.rawValue)] \(rule.check.kind.rawValue) → \(kinds): \(rule.title[language])\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        return 0
    }
}
