import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PageAuditCore

@Suite struct JUnitReportTests {
    func document(_ data: Data) throws -> XMLDocument {
        try XMLDocument(data: data, options: [])
    }

    func elements(_ document: XMLDocument, _ xpath: String) throws -> [XMLElement] {
        try document.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    func int(_ element: XMLElement, _ name: String) -> Int? {
        element.attribute(forName: name)?.stringValue.flatMap { Int($0) }
    }

    @Test func demoAuditIsWellFormedWithOneSuitePerAgency() async throws {
        let report = try await ReportFixture.demo()
        let xml = try document(JUnitReport(language: .ru).render(report))
        let suites = try elements(xml, "/testsuites/testsuite")
        #expect(suites.count == report.agencies.count)
        #expect(try elements(xml, "//testcase").count == ReportFixture.findingCount(report))
        for (suite, audit) in zip(suites, report.agencies) {
            #expect(suite.attribute(forName: "name")?.stringValue == "\(audit.agency.id) \(audit.agency.name)")
            #expect(int(suite, "tests") == audit.findings.count)
            let open = audit.findings.filter { $0.status == .fail && $0.waiver == nil }.count
            #expect(int(suite, "failures") == open)
            #expect(try elements(xml, "/testsuites/testsuite[@name='\(audit.agency.id) \(audit.agency.name)']/testcase/failure").count == open)
            #expect(int(suite, "skipped") == audit.findings.filter { [.unverifiable, .notApplicable].contains($0.status) }.count)
        }
        let root = try #require(xml.rootElement())
        #expect(int(root, "tests") == ReportFixture.findingCount(report))
        #expect(int(root, "failures") == report.count(.fail))
    }

    @Test func hostileTextParsesBackUnchangedAndInert() throws {
        let report = ReportFixture.handMade()
        let data = JUnitReport(language: .en).render(report)
        let raw = try #require(String(data: data, encoding: .utf8))
        #expect(!raw.contains("<script"))
        #expect(!raw.contains("<img"))
        #expect(!raw.unicodeScalars.contains { $0 == "\u{0}" || $0 == "\u{1b}" })
        let xml = try document(data)
        let suite = try #require(try elements(xml, "/testsuites/testsuite").last)
        #expect(suite.attribute(forName: "name")?.stringValue == "=evil " + ReportFixture.formula + " " + ReportFixture.script)
        // Attribute values survive with their quotes, angle brackets and line breaks; controls are dropped.
        let messages = try elements(xml, "//failure").compactMap { $0.attribute(forName: "message")?.stringValue }
        #expect(messages.contains(ReportFixture.script))
        #expect(messages.contains(ReportFixture.formula))
        #expect(messages.contains("до" + "после"))
        let outs = try elements(xml, "//system-out").compactMap(\.stringValue)
        #expect(outs.contains { $0.contains(ReportFixture.markdown) })
        #expect(outs.contains { $0.contains(ReportFixture.img) })
        #expect(outs.contains { $0.contains("[31mкрасный[0m") })
        // No element came from page text.
        #expect(try elements(xml, "//script").isEmpty && elements(xml, "//img").isEmpty)
        let failureText = try #require(try elements(xml, "//failure").first { $0.attribute(forName: "message")?.stringValue == ReportFixture.script })
        #expect(failureText.stringValue?.contains("Excerpt".lowercased()) == true)
        #expect(failureText.stringValue?.contains("https://adm.example.ru/kontakty/?q=" + ReportFixture.script) == true)
    }

    @Test func statusesMapToFailureSkippedAndSystemOut() throws {
        let xml = try document(JUnitReport(language: .en).render(ReportFixture.handMade()))
        let suite = try #require(try elements(xml, "/testsuites/testsuite").first)
        #expect(int(suite, "tests") == 7)
        #expect(int(suite, "failures") == 1)  // the waived fail passes
        #expect(int(suite, "errors") == 1)
        #expect(int(suite, "skipped") == 2)
        let cases = try elements(xml, "/testsuites/testsuite[1]/testcase")
        #expect(cases.count == 7)
        #expect(cases.allSatisfy { $0.attribute(forName: "classname")?.stringValue == "a-1" })
        let rules = ReportFixture.checklist.rules
        #expect(cases[0].attribute(forName: "name")?.stringValue == "\(rules[0].id) \(rules[0].title.en)")
        // pass: an empty test case.
        #expect(cases[0].childCount == 0)
        // fail: a failure with what was found, measured, expected, the fix and the evidence.
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "Обычный текст 1")
        let body = failure.stringValue ?? ""
        for part in ["Measured: email: Обычный текст 1", "expected: email: да", "How to fix: Fix: Обычный текст 1",
                     "Evidence: https://adm.example.ru/kontakty/?q=Обычный текст 1"] {
            #expect(body.contains(part), "\(part) missing from \(body)")
        }
        // warn: passing, the details in system-out.
        #expect(cases[2].elements(forName: "failure").isEmpty && cases[2].elements(forName: "skipped").isEmpty)
        #expect(cases[2].elements(forName: "system-out").first?.stringValue?.contains("Обычный текст 2") == true)
        // notApplicable and unverifiable: skipped, with the reason.
        #expect(cases[3].elements(forName: "skipped").first?.attribute(forName: "message")?.stringValue == "not applicable")
        #expect(cases[4].elements(forName: "skipped").first?.attribute(forName: "message")?.stringValue == "Обычный текст 4")
        // error: an error element.
        #expect(cases[5].elements(forName: "error").count == 1)
        // waived fail: passing, naming the waiver.
        #expect(cases[6].elements(forName: "failure").isEmpty)
        let note = cases[6].elements(forName: "system-out").first?.stringValue ?? ""
        #expect(note.contains("Waived: Сайт переезжает — Иванов И. И. — until 2026-12-31"))
    }

    @Test func russianIsTheDefaultText() throws {
        let xml = try document(JUnitReport(language: .ru).render(ReportFixture.handMade()))
        let cases = try elements(xml, "/testsuites/testsuite[1]/testcase")
        #expect(cases[3].elements(forName: "skipped").first?.attribute(forName: "message")?.stringValue == "не применяется")
        #expect(cases[1].elements(forName: "failure").first?.stringValue?.contains("Как исправить: Исправьте") == true)
        #expect(cases[6].elements(forName: "system-out").first?.stringValue?.contains("Принято исключение: Сайт переезжает") == true)
    }

    @Test func escapingDropsForbiddenCharacters() {
        #expect(JUnitReport.attribute("a&b<c>d\"e'f\ng\u{0}h\u{1b}i") == "a&amp;b&lt;c&gt;d&quot;e&apos;f&#10;gh" + "i")
        #expect(JUnitReport.text("x\ty\nz\r\u{7}\u{FFFE}") == "x\ty\nz&#13;")
    }
}
