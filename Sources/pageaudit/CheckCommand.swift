import Foundation
import PageAuditCore

/// `pageaudit check SITE [--vk URL] [--ok URL] …`: an agency checks its own site and pages before a
/// review. One command, live, every finding shown with what to fix, in Russian by default.
struct CheckCommand {
    let arguments: Arguments

    func run() async throws -> Int32 {
        guard let site = arguments.positional.first else { throw Arguments.Failure.missingArgument("SITE (pageaudit check https://adm.example.ru)") }
        guard arguments.positional.count == 1 else { throw Arguments.Failure.unexpectedArgument(arguments.positional[1]) }
        var fields = ["id": "self-check", "website": site, "kind": arguments.value("--kind") ?? "municipal"]
        fields["name"] = arguments.value("--name") ?? WebAddress(site)?.displayHost ?? site
        for (option, field) in [("--vk", "vk"), ("--ok", "ok"), ("--telegram", "telegram"), ("--max", "max"), ("--region", "region"), ("--timezone", "timezone")] {
            if let value = arguments.value(option) { fields[field] = value }
        }
        let agency = try RegistryLoader.agency(fields)
        return try await AuditCommand(arguments: arguments, selfCheck: agency).run()
    }
}
