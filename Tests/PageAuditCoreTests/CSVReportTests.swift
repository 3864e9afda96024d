import Foundation
import Testing
@testable import PageAuditCore

/// Reports built by hand (every status, a waiver, hostile page text) and from the real demo set,
/// shared by the CSV, JUnit and Markdown report tests.
enum ReportFixture {
    static let script = "<script>alert(1)</script>"
    static let img = "\"><img src=x onerror=alert(1)>"
    static let formula = "=HYPERLINK(\"http://evil\",\"x\")"
    static let phone = "+7 (800) 100-00-00"
    static let sum = "@SUM(1)"
    static let ansi = "\u{1b}[31mкрасный\u{1b}[0m"
    static let nul = "до\u{0}после"
    static let markdown = "# Заголовок | a | b\n- [клик](http://evil) `code` *жирный* _курсив_"
    static let hostile = [script, img, formula, phone, sum, ansi, nul, markdown, "-1+1", "\tTAB", "\rCR", "a;b,c"]

    static let checklist = try! ChecklistLoader.load(from: repositoryRoot.appendingPathComponent("checklists/270-fz.json"))
    static let asOf = RFC3339.date(from: "2026-11-20T12:00:00+03:00")!

    static func agency(_ id: String, _ name: String) -> Agency {
        Agency(id: id, name: name, kind: .municipal, region: "Курганская область", timeZoneIdentifier: "Europe/Moscow",
               website: WebAddress("https://adm.example.ru/"), declaredPages: [], source: SourceLocation(file: "r.csv", line: 2))
    }

    static func finding(_ rule: Rule, _ status: FindingStatus, message: String, excerpt: String? = nil,
                        waiver: WaiverNote? = nil) -> Finding {
        Finding(ruleID: rule.id, title: rule.title, strength: rule.strength, confidence: rule.confidence, basis: rule.basis,
                status: status, message: LocalizedText(ru: message, en: message),
                measured: status == .pass ? nil : "email: " + message, expected: "email: да",
                evidence: [Evidence(url: "https://adm.example.ru/kontakty/?q=" + message, capturedAt: asOf,
                                    digest: "sha256:00ff", excerpt: excerpt ?? message)],
                fix: [.fail, .warn].contains(status) ? LocalizedText(ru: "Исправьте: " + message, en: "Fix: " + message) : nil,
                waiver: waiver)
    }

    /// Two agencies: one with a finding of every status, one whose every finding is hostile page text.
    static func handMade() -> AuditReport {
        let rules = checklist.rules
        let statuses: [FindingStatus] = [.pass, .fail, .warn, .notApplicable, .unverifiable, .error]
        var plain = statuses.enumerated().map { index, status in
            finding(rules[index], status, message: "Обычный текст \(index)")
        }
        plain.append(finding(rules[statuses.count], .fail, message: "Принятое нарушение",
                             waiver: WaiverNote(reason: "Сайт переезжает", approvedBy: "Иванов И. И.", expires: "2026-12-31")))
        let evil = hostile.enumerated().map { index, text in
            finding(rules[index % rules.count], index.isMultiple(of: 2) ? .fail : .warn, message: text, excerpt: script + text)
        } + [finding(rules[0], .unverifiable, message: img), finding(rules[1], .error, message: ansi)]
        return AuditReport(toolVersion: "0.1.0", checklist: checklist, asOf: asOf, source: "hand",
                           agencies: [
                               AgencyAudit(agency: agency("a-1", "Администрация города"), site: .notDeclared, pages: [], findings: plain),
                               AgencyAudit(agency: agency("=evil", formula + " " + script), site: .notDeclared, pages: [], findings: evil),
                           ])
    }

    /// The bundled demo set, audited as `pageaudit audit` does.
    static func demo() async throws -> AuditReport {
        let set = try FolderSnapshotSet(folder: repositoryRoot.appendingPathComponent("snapshots/demo"))
        let agencies = try RegistryLoader.load(from: set.registryFile)
        let asOf = try #require(set.latestCaptureTime)
        let results = await Auditor(checklist: checklist).audit(agencies, from: RedirectFollower(set), asOf: asOf)
        return AuditReport(toolVersion: "0.1.0", checklist: checklist, asOf: asOf, source: "demo", agencies: results)
    }

    static func findingCount(_ report: AuditReport) -> Int { report.agencies.reduce(0) { $0 + $1.findings.count } }
}

@Suite struct CSVReportTests {
    /// The output as text without its byte-order mark, after checking the mark is there.
    func text(_ data: Data) throws -> String {
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = try #require(String(data: data.dropFirst(3), encoding: .utf8))
        #expect(!text.hasPrefix("\u{FEFF}"))
        return text
    }

    func records(_ data: Data, delimiter: Unicode.Scalar = ";") throws -> [[String]] {
        try CSVReader.records(in: try text(data), delimiter: delimiter).map(\.fields)
    }

    @Test func demoAuditGivesOneRowPerFindingAfterAHeader() async throws {
        let report = try await ReportFixture.demo()
        #expect(ReportFixture.findingCount(report) > 0)
        let data = CSVReport(language: .ru).render(report)
        let rows = try records(data)
        #expect(rows.count == ReportFixture.findingCount(report) + 1)
        #expect(rows.allSatisfy { $0.count == 16 })
        #expect(rows[0] == CSVReport(language: .ru).header)
        #expect(rows[0][4] == "Правило")
        // Every record ends with CRLF, and no line break outside quotes is bare.
        let text = try text(data)
        #expect(text.hasSuffix("\r\n"))
        let ids = Set(report.agencies.map(\.agency.id))
        #expect(rows.dropFirst().allSatisfy { ids.contains($0[0]) })
        let statuses = Set(FindingStatus.allCases.map { $0.title[.ru] })
        #expect(rows.dropFirst().allSatisfy { statuses.contains($0[7]) })
    }

    @Test func recordsEndWithCRLF() throws {
        let data = CSVReport(language: .en).render(ReportFixture.handMade())
        let text = try text(data)
        // Outside quotes every line break is CRLF: strip quoted parts and look.
        var outside = "", quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle(); continue }
            if !quoted { outside.unicodeScalars.append(scalar) }
        }
        let lf = outside.unicodeScalars.filter { $0 == "\n" }.count
        let crlf = outside.components(separatedBy: "\r\n").count - 1
        #expect(lf == ReportFixture.findingCount(ReportFixture.handMade()) + 1)
        #expect(crlf == lf)
    }

    @Test func hostileCellsAreNeutralisedAndRoundTrip() throws {
        let report = ReportFixture.handMade()
        let rows = try records(CSVReport(language: .ru).render(report))
        #expect(rows.count == ReportFixture.findingCount(report) + 1)
        #expect(rows.allSatisfy { $0.count == 16 })
        // No cell Excel would run as a formula.
        for row in rows {
            for cell in row {
                if let first = cell.unicodeScalars.first {
                    #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "cell \(cell.debugDescription) is live")
                }
            }
        }
        let messages = rows.map { $0[8] }
        #expect(messages.contains("'" + ReportFixture.formula))
        #expect(messages.contains("'+7 (800) 100-00-00"))  // still readable as a phone
        #expect(messages.contains("'@SUM(1)"))
        #expect(messages.contains("'-1+1"))
        #expect(messages.contains("'\tTAB"))
        #expect(messages.contains("'\rCR"))
        #expect(messages.contains("a;b,c"))
        #expect(messages.contains(ReportFixture.script))  // text, not a formula: kept as is
        // Agency ids and names from the registry are cells like any other.
        #expect(rows.contains { $0[0] == "'=evil" && $0[1].hasPrefix("'=HYPERLINK") })
        // Measured values and the fix starting with page text are neutralised after their own prefix only.
        #expect(rows.contains { $0[9] == "email: =HYPERLINK(\"http://evil\",\"x\")" })
        // Control characters are visible marks, never raw bytes.
        #expect(messages.contains("\\u{1b}[31mкрасный\\u{1b}[0m"))
        #expect(messages.contains("до\\u{0}после"))
        let raw = try text(CSVReport(language: .ru).render(report))
        #expect(!raw.unicodeScalars.contains { $0 == "\u{1b}" || $0 == "\u{0}" })
    }

    @Test func commaDelimiterQuotesCommas() throws {
        let report = ReportFixture.handMade()
        let data = CSVReport(language: .en, delimiter: ",").render(report)
        let rows = try records(data, delimiter: ",")
        #expect(rows.count == ReportFixture.findingCount(report) + 1)
        #expect(rows.allSatisfy { $0.count == 16 })
        #expect(rows[0][0] == "agency id" && rows[0][15] == "waived")
        #expect(rows.contains { $0[8] == "a;b,c" })
        #expect(try text(data).contains("\"a;b,c\""))
        // Read with the wrong delimiter, the file is one cell per line: the delimiter really is `,`.
        #expect(try records(data, delimiter: ";")[0].count == 1)
    }

    @Test func columnsCarryStrengthStatusEvidenceAndWaiver() throws {
        let rows = try records(CSVReport(language: .ru).render(ReportFixture.handMade()))
        let waived = try #require(rows.first { $0[8] == "Принятое нарушение" })
        #expect(waived[15] == "Сайт переезжает — Иванов И. И. — 2026-12-31")
        #expect(waived[7] == "нарушение")
        let plain = try #require(rows.first { $0[8] == "Обычный текст 2" })
        #expect(plain[15] == "")
        #expect(plain[7] == "рекомендация не выполнена")
        #expect(["закон", "рекомендация"].contains(plain[6]))
        #expect(plain[12] == "https://adm.example.ru/kontakty/?q=Обычный текст 2")
        #expect(plain[13] == "2026-11-20T09:00:00Z")
        #expect(plain[14] == "sha256:00ff")
        #expect(plain[11] == "Исправьте: Обычный текст 2")
        #expect(plain[3] == "Курганская область")
        let english = try records(CSVReport(language: .en).render(ReportFixture.handMade()), delimiter: ";")
        #expect(english.contains { $0[7] == "recommendation not met" })
        #expect(Set(english.dropFirst().map { $0[6] }).isSubset(of: ["law", "recommendation"]))
    }
}
