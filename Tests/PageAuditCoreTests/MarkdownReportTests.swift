import Foundation
import Testing
@testable import PageAuditCore

@Suite struct MarkdownReportTests {
    /// The cells of a table row, split at pipes no backslash escapes (as GitHub's table parser does).
    func cells(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", escaped = false
        for character in line {
            if escaped { cell.append(character); escaped = false; continue }
            if character == "\\" { cell.append(character); escaped = true; continue }
            if character == "|" { cells.append(cell); cell = ""; continue }
            cell.append(character)
        }
        cells.append(cell)
        // A row starts and ends with a pipe: drop the empty ends.
        return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func tableRows(_ markdown: String) -> [String] {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { $0.hasPrefix("|") }
    }

    @Test func demoAuditHasTotalsRuleTableAndFailingAgencies() async throws {
        let report = try await ReportFixture.demo()
        let markdown = MarkdownReport(language: .ru).render(report)
        #expect(markdown.hasPrefix("# pageaudit: "))
        #expect(markdown.contains("## Итого по статусам"))
        for status in FindingStatus.allCases {
            #expect(markdown.contains("| \(status.title[.ru]) | \(report.count(status)) |"))
        }
        for rule in report.checklist.rules {
            #expect(tableRows(markdown).contains { cells($0).first == rule.id }, "no row for \(rule.id)")
        }
        let failing = report.agencies.filter { $0.findings.contains { $0.status == .fail && $0.waiver == nil } }
        #expect(markdown.contains("## Нарушения закона: \(failing.count) из \(report.agencies.count) организаций"))
        for audit in failing { #expect(markdown.contains("### \(MarkdownReport.inline(audit.agency.id))")) }
        #expect(tableRows(markdown).allSatisfy { [2, 6].contains(cells($0).count) })
    }

    @Test func ruleTableCountsByStatus() throws {
        let report = ReportFixture.handMade()
        let markdown = MarkdownReport(language: .en).render(report)
        let rules = ReportFixture.checklist.rules
        // rules[1]: a fail in the first agency, and the script (fail) in the second.
        let row = try #require(tableRows(markdown).map(cells).first { $0.first == rules[1].id })
        let findings = report.agencies.compactMap { $0.findings.first { $0.ruleID == rules[1].id } }
        let expected = [FindingStatus.fail, .warn, .unverifiable, .pass].map { status in String(findings.filter { $0.status == status }.count) }
        #expect(Array(row.suffix(4)) == expected)
        #expect(row[1] == MarkdownReport.inline(rules[1].title.en))
        #expect(markdown.contains("| fail | \(report.count(.fail)) |"))
        #expect(markdown.contains("Of these, waived: 1"))
    }

    /// The hand-made report with every hostile finding failing (only failures are listed), and
    /// hostile text in a rule title, as a user's own checklist could have it.
    func hostileReport() -> AuditReport {
        var report = ReportFixture.handMade()
        var agencies = Array(report.agencies)
        for index in agencies[1].findings.indices { agencies[1].findings[index].status = .fail }
        report.agencies = AuditResults(agencies)
        report.checklist.rules[0].title = LocalizedText(ru: ReportFixture.markdown + " " + ReportFixture.img, en: ReportFixture.markdown)
        return report
    }

    @Test func hostileTextIsInert() throws {
        let markdown = MarkdownReport(language: .ru).render(hostileReport())
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!markdown.unicodeScalars.contains { $0 == "\u{0}" || $0 == "\u{1b}" })
        // Every table row keeps its column count whatever the text in it.
        #expect(tableRows(markdown).allSatisfy { [2, 6].contains(cells($0).count) })
        // Page text never starts a line: no heading, list or quote of its own.
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("#") }.allSatisfy { $0.hasPrefix("# pageaudit") || $0.hasPrefix("## ") || $0.hasPrefix("### ") })
        #expect(!lines.contains { $0.hasPrefix("- [") || $0.hasPrefix("# Заголовок") })
        #expect(markdown.contains("\\[клик\\](http://evil) \\`code\\` \\*жирный\\* \\_курсив\\_"))
        #expect(markdown.contains("\\# Заголовок \\| a \\| b - "))
        // `@SUM` mentions no one; e-mail addresses are left alone.
        #expect(!markdown.contains("@SUM"))
        #expect(MarkdownReport.inline("info@adm.ru @all") == "info@adm.ru @\u{2060}all")
        // Controls are visible marks.
        #expect(markdown.contains("\\\\u{1b}\\[31mкрасный\\\\u{1b}\\[0m"))
        #expect(markdown.contains("до\\\\u{0}после"))
        // The hostile rule title stays in its cell.
        let row = try #require(tableRows(markdown).map(cells).first { $0.first == ReportFixture.checklist.rules[0].id })
        #expect(row.count == 6)
        #expect(row[1].hasPrefix("\\# Заголовок \\| a \\| b - \\[клик\\]"))
        #expect(row[1].hasSuffix("\"&gt;&lt;img src=x onerror=alert(1)&gt;"))
        // The hostile agency heads its section escaped.
        #expect(markdown.contains("### =evil — =HYPERLINK(\"http://evil\",\"x\") &lt;script&gt;"))
    }

    @Test func failingSectionListsOpenLawFailuresWithFix() throws {
        let markdown = MarkdownReport(language: .ru).render(ReportFixture.handMade())
        let rules = ReportFixture.checklist.rules
        #expect(markdown.contains("## Нарушения закона: 2 из 2 организаций"))
        #expect(markdown.contains("- **\(MarkdownReport.inline(rules[1].id))** \(MarkdownReport.inline(rules[1].title.ru)): Обычный текст 1\n"))
        #expect(markdown.contains("  *Как исправить:* Исправьте: Обычный текст 1\n"))
        // Warnings and waived failures are not listed as failures.
        #expect(!markdown.contains("Обычный текст 2"))
        #expect(!markdown.contains("Принятое нарушение"))
    }

    @Test func longListsAreCutWithACount() {
        var report = ReportFixture.handMade()
        var markdown = MarkdownReport(language: .en)
        markdown.agencyLimit = 1
        let text = markdown.render(report)
        #expect(text.contains("…and 1 more agencies with failures"))
        #expect(!text.contains("### =evil"))
        report.agencies = AuditResults(report.agencies.dropLast())
        #expect(!markdown.render(report).contains("more agencies"))
        #expect(MarkdownReport(language: .en).render(report).contains("## Law failures: 1 of 1 agencies"))
    }
}
