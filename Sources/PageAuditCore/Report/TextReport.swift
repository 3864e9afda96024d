import Foundation

/// The report for a terminal: per agency what to fix and why, then totals. Russian by default.
public struct TextReport {
    public var language: Language
    /// Show passing and not-applicable findings too, not only what needs attention.
    public var verbose: Bool
    /// ANSI colours for the status marks: only on a terminal, never with NO_COLOR (the caller decides).
    public var colour: Bool

    public init(language: Language, verbose: Bool = false, colour: Bool = false) {
        self.language = language
        self.verbose = verbose
        self.colour = colour
    }

    private func t(_ ru: String, _ en: String) -> String { language == .ru ? ru : en }

    public func render(_ report: AuditReport) -> String {
        var out = ""
        let asOf = RFC3339.string(from: report.asOf, in: TimeZone(identifier: "Europe/Moscow")!)
        out += "pageaudit \(report.toolVersion) — \(report.checklist.title[language]) (\(report.checklist.id) \(report.checklist.version))\n"
        out += t("Проверка на \(asOf); источник: \(report.source); организаций: \(report.agencies.count)\n",
                 "As of \(asOf); source: \(report.source); agencies: \(report.agencies.count)\n")
        for audit in report.agencies { out += "\n" + agency(audit) }
        out += "\n" + totals(report)
        if let diff = report.diff { out += "\n" + Self.diffSummary(diff, language: language) }
        for entry in report.expiredWaivers {
            out += t("Истекло исключение (\(entry.note.expires)): \(entry.agency) \(entry.rule)\n", "Expired waiver (\(entry.note.expires)): \(entry.agency) \(entry.rule)\n")
        }
        // Page text is made inert first; only then do our own colour codes go in, on our own marks.
        return colour ? Self.colourise(out.terminalSafe) : out.terminalSafe
    }

    static func colourise(_ text: String) -> String {
        let codes: [(String, String)] = [("✓", "32"), ("✗", "31"), ("!", "33"), ("?", "36"), ("–", "90")]
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for (mark, code) in codes where line.hasPrefix("  \(mark) ") {
                return "  \u{1B}[\(code)m\(mark)\u{1B}[0m" + line.dropFirst(3 + mark.count - 1)
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// Counts by change, then each new, resolved and still failing finding.
    public static func diffSummary(_ diff: BaselineDiff, language: Language) -> String {
        let names: [BaselineDiff.Change: LocalizedText] = [
            .new: LocalizedText(ru: "новые", en: "new"), .resolved: LocalizedText(ru: "исправлены", en: "resolved"),
            .stillFailing: LocalizedText(ru: "не исправлены", en: "still failing"), .unchanged: LocalizedText(ru: "без изменений", en: "unchanged"),
        ]
        var out = (language == .ru ? "Изменения относительно \(diff.baseline): " : "Changes since \(diff.baseline): ")
        out += BaselineDiff.Change.allCases.map { "\(names[$0]![language]) \(diff.count($0))" }.joined(separator: ", ") + "\n"
        for change in [BaselineDiff.Change.new, .resolved, .stillFailing] {
            for entry in diff.entries where entry.change == change {
                out += "  \(names[change]![language]): \(entry.agency) \(entry.rule) (\(entry.before ?? "—") → \(entry.after ?? "—"))\n"
            }
        }
        return out
    }

    static func symbol(_ status: FindingStatus) -> String {
        switch status {
        case .pass: "✓"
        case .fail: "✗"
        case .warn: "!"
        case .notApplicable: "–"
        case .unverifiable: "?"
        case .error: "E"
        }
    }

    func agency(_ audit: AgencyAudit) -> String {
        let agency = audit.agency
        var out = "[\(agency.id)] \(agency.name) — \(agency.kind.title[language])\(agency.region.map { ", \($0)" } ?? "")\n"
        switch audit.site {
        case .notDeclared: out += t("  Сайт: не указан в реестре\n", "  Website: not given in the registry\n")
        case .unreadable(let failure): out += t("  Сайт: не прочитан — ", "  Website: not read — ") + failure.message[language] + "\n"
        case .read(let facts):
            out += t("  Сайт: \(facts.website.displayString) (прочитано страниц: \(facts.pages.count)",
                     "  Website: \(facts.website.displayString) (pages read: \(facts.pages.count)")
            out += facts.unread.isEmpty ? ")\n" : t(", не прочитано: \(facts.unread.count))\n", ", not read: \(facts.unread.count))\n")
        }
        for page in audit.pages {
            switch page {
            case .read(let facts):
                let state = PageExistenceCheck.describe(facts.existence)[language]
                out += t("  Страница: \(facts.identity.key) — \(state) (\(facts.source.rawValue))\n", "  Page: \(facts.identity.key): \(state) (\(facts.source.rawValue))\n")
            case .unreadable(let identity, let failure):
                out += t("  Страница: \(identity.key) — не прочитана: ", "  Page: \(identity.key): not read: ") + failure.message[language] + "\n"
            }
        }
        let shown = audit.findings.filter { verbose || ![.pass, .notApplicable].contains($0.status) }
        // Rules that share a status and a message (all page rules while no page was captured) share a line.
        var index = 0
        while index < shown.count {
            let first = shown[index]
            var group = [first]
            while index + group.count < shown.count, shown[index + group.count].status == first.status,
                  shown[index + group.count].message == first.message, first.fix == nil {
                group.append(shown[index + group.count])
            }
            index += group.count
            let strength = group.count == 1 && first.strength == .practice && first.status != .warn ? t(" (рекомендация)", " (recommendation)") : ""
            out += "  \(Self.symbol(first.status)) \(group.map(\.ruleID).joined(separator: ", ")) \(first.status.title[language])\(strength): \(first.message[language])\n"
            if let fix = first.fix { out += t("      Как исправить: ", "      How to fix: ") + fix[language] + "\n" }
            if let waiver = first.waiver {
                out += t("      Исключение до \(waiver.expires): \(waiver.reason) (\(waiver.approvedBy))\n",
                         "      Waived until \(waiver.expires): \(waiver.reason) (\(waiver.approvedBy))\n")
            }
        }
        let counts = FindingStatus.allCases.compactMap { status -> String? in
            let count = audit.findings.filter { $0.status == status }.count
            return count == 0 ? nil : "\(Self.symbol(status)) \(count)"
        }
        out += "  " + counts.joined(separator: "  ") + "\n"
        return out
    }

    func totals(_ report: AuditReport) -> String {
        var out = t("Итого по статусам: ", "Totals: ")
        out += FindingStatus.allCases.map { "\($0.title[language]) \(report.count($0))" }.joined(separator: ", ") + "\n"
        out += t("По правилам (нарушение / рекомендация / не проверено / выполнено):\n", "By rule (fail / warn / unverifiable / pass):\n")
        for rule in report.checklist.rules {
            let findings = report.agencies.compactMap { $0.findings.first { $0.ruleID == rule.id } }
            let count = { (status: FindingStatus) in findings.filter { $0.status == status }.count }
            out += "  \(rule.id.padding(toLength: 28, withPad: " ", startingAt: 0)) \(count(.fail)) / \(count(.warn)) / \(count(.unverifiable)) / \(count(.pass))\n"
        }
        let failing = report.agencies.filter(\.hasLawFailure).count
        out += t("Организаций с нарушениями закона: \(failing) из \(report.agencies.count)\n",
                 "Agencies with law failures: \(failing) of \(report.agencies.count)\n")
        return out
    }
}
