import Foundation

/// A Markdown summary for CI step summaries and merge-request comments: totals by status, a table
/// by rule, then the agencies with law failures and what to fix.
///
/// Texts can come from captured pages (messages quote them) or from a user's checklist and
/// registry, so each is made inert before it goes in: Markdown and HTML syntax is escaped, line
/// breaks collapse to spaces (a table cell or a list item stays one line), control characters
/// become visible marks, and `@name` cannot mention anyone.
public struct MarkdownReport {
    public var language: Language
    /// At most this many agencies are listed with their failures; the rest are counted. GitHub
    /// step summaries and merge-request comments are limited to about a megabyte.
    public var agencyLimit = 200

    public init(language: Language) {
        self.language = language
    }

    private func t(_ ru: String, _ en: String) -> String { language == .ru ? ru : en }

    /// A law failure the exit code counts: a waiver accepts it otherwise.
    static func isOpenFailure(_ finding: Finding) -> Bool { finding.status == .fail && finding.waiver == nil }

    public func render(_ report: AuditReport) -> String {
        let e = Self.inline
        let asOf = RFC3339.string(from: report.asOf, in: TimeZone(identifier: "Europe/Moscow")!)
        var out = "# pageaudit: \(e(report.checklist.title[language])) (\(e(report.checklist.id)) \(e(report.checklist.version)))\n\n"
        out += t("Проверка на \(e(asOf)); источник: \(e(report.source)); организаций: \(report.agencies.count)\n\n",
                 "As of \(e(asOf)); source: \(e(report.source)); agencies: \(report.agencies.count)\n\n")

        out += t("## Итого по статусам\n\n| статус | находок |\n|---|---:|\n", "## Totals\n\n| status | findings |\n|---|---:|\n")
        for status in FindingStatus.allCases {
            out += "| \(e(status.title[language])) | \(report.count(status)) |\n"
        }
        let waived = report.agencies.flatMap(\.findings).filter { $0.waiver != nil }.count
        if waived > 0 { out += t("\nИз них с принятым исключением: \(waived)\n", "\nOf these, waived: \(waived)\n") }

        out += t("\n## По правилам\n\n| правило | требование | нарушение | рекомендация | не проверено | выполнено |\n",
                 "\n## By rule\n\n| rule | requirement | fail | warn | unverifiable | pass |\n")
        out += "|---|---|---:|---:|---:|---:|\n"
        for rule in report.checklist.rules {
            let findings = report.agencies.compactMap { $0.findings.first { $0.ruleID == rule.id } }
            let count = { (status: FindingStatus) in findings.filter { $0.status == status }.count }
            out += "| \(e(rule.id)) | \(e(rule.title[language])) | \(count(.fail)) | \(count(.warn)) | \(count(.unverifiable)) | \(count(.pass)) |\n"
        }

        let failing = report.agencies.filter { $0.findings.contains(where: Self.isOpenFailure) }
        out += t("\n## Нарушения закона: \(failing.count) из \(report.agencies.count) организаций\n",
                 "\n## Law failures: \(failing.count) of \(report.agencies.count) agencies\n")
        if failing.isEmpty { out += t("\nНарушений закона не найдено.\n", "\nNo law failures found.\n") }
        for audit in failing.prefix(agencyLimit) {
            let agency = audit.agency
            out += "\n### \(e(agency.id)) — \(e(agency.name))\n\n"
            for finding in audit.findings where Self.isOpenFailure(finding) {
                out += "- **\(e(finding.ruleID))** \(e(finding.title[language])): \(e(finding.message[language]))\n"
                if let fix = finding.fix { out += "  " + t("*Как исправить:* ", "*How to fix:* ") + e(fix[language]) + "\n" }
            }
        }
        if failing.count > agencyLimit {
            let rest = failing.count - agencyLimit
            out += t("\n…и ещё \(rest) организаций с нарушениями (полный список: `--format csv` или `--format json`).\n",
                     "\n…and \(rest) more agencies with failures (full list: `--format csv` or `--format json`).\n")
        }
        return out
    }

    /// Text as one inert line of Markdown, safe in a table cell, a list item or a heading.
    static func inline(_ raw: String) -> String {
        var out = ""
        var previous: Unicode.Scalar? = nil
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            // Line breaks and tabs: one space, so text never starts a line (no headings, lists, quotes).
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = !out.isEmpty && previous != " "
                continue
            }
            if pendingSpace { out += " "; previous = " "; pendingSpace = false }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$", "!":
                out += "\\"; out.unicodeScalars.append(scalar)
            case "#" where out.isEmpty:
                out += "\\#"
            case "@" where previous.map({ !CharacterSet.alphanumerics.contains($0) }) ?? true:
                // `@all` in a merge-request comment would notify people; a word joiner breaks the mention
                // and leaves e-mail addresses (a letter before `@`) as they are.
                out += "@\u{2060}"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{202E}" || scalar == "\u{202D}" {
                    out += "\\\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            previous = scalar
        }
        return out
    }
}
