import Foundation
import Testing
@testable import PageAuditCore

/// The demo audit (bundled snapshots/demo), as the CLI runs it.
func htmlDemoReport() async throws -> AuditReport {
    let checklist = try ChecklistLoader.load(from: repositoryRoot.appendingPathComponent("checklists/270-fz.json"))
    let set = try FolderSnapshotSet(folder: repositoryRoot.appendingPathComponent("snapshots/demo"))
    let agencies = try RegistryLoader.load(from: set.registryFile)
    let asOf = try #require(set.latestCaptureTime)
    let audits = await Auditor(checklist: checklist).audit(agencies, from: RedirectFollower(set), asOf: asOf)
    return AuditReport(toolVersion: "0.0.0-test", checklist: checklist, asOf: asOf, source: "demo", agencies: audits)
}

@Suite struct HTMLReportTests {
    static let hostile = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>"]

    func html(_ report: AuditReport, _ language: Language = .ru) -> String {
        String(decoding: HTMLReport(language: language).render(report), as: UTF8.self)
    }

    /// Every `src`/`href`/`url(` target in the document.
    func references(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:src|href|action|xlink:href)\s*=\s*["']?([^"' >]*)|url\(([^)]*)\)"#, options: [.caseInsensitive])
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            (1...2).compactMap { Range(match.range(at: $0), in: html).map { String(html[$0]) } }.first
        }
    }

    @Test func demoReportIsSelfContained() async throws {
        let report = try await htmlDemoReport()
        let page = html(report)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">"#))
        #expect(page.contains("<html lang=\"ru\">"))
        // Nothing is loaded: no external script, style, font or image; links only to pages, fragments in the report.
        for forbidden in ["<link", "@import", "<iframe", "<object", "<embed", "src=\"http", "src=\"//", "href=\"//", "<img"] {
            #expect(!page.lowercased().contains(forbidden), "found \(forbidden)")
        }
        for reference in references(in: page) {
            let lower = reference.lowercased()
            #expect(lower.hasPrefix("#") || lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("url(#"),
                    "unexpected reference \(reference)")
        }
        // Every link outside the report opens without opener or referrer.
        let anchors = try NSRegularExpression(pattern: #"<a [^>]*href="https?:[^>]*>"#).matches(in: page, range: NSRange(page.startIndex..., in: page))
        #expect(!anchors.isEmpty)
        for anchor in anchors {
            #expect(String(page[Range(anchor.range, in: page)!]).contains("rel=\"noopener noreferrer\""))
        }
        // Script only inline.
        #expect(!page.contains("<script src"))
    }

    @Test func demoReportShowsTotalsTableAndSections() async throws {
        let report = try await htmlDemoReport()
        let page = html(report)
        #expect(page.contains("Итого по статусам"))
        #expect(page.contains("По правилам"))
        #expect(page.contains("По регионам"))
        for status in FindingStatus.allCases {
            #expect(page.contains("data-status=\"\(status.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(TextReport.symbol(status))</span><span class=\"num\">\(report.count(status))</span>"))
        }
        for audit in report.agencies {
            #expect(page.contains("<section class=\"agency\(audit.hasLawFailure ? " has-fail" : "")\" id=\"agency-\(HTMLEscaping.idFragment(audit.agency.id))\""))
            #expect(page.contains("href=\"#agency-\(HTMLEscaping.idFragment(audit.agency.id))\""))
        }
        #expect(page.contains("<th scope=\"col\""))
        #expect(page.contains("<th scope=\"row\""))
        #expect(page.contains(">закон<"))
        #expect(page.contains(">рекомендация<"))
        // Law failures come first in the agency table.
        let table = try #require(page.range(of: "id=\"agency-table\"")).upperBound
        let rows = try #require(page.range(of: "<tbody>", range: table..<page.endIndex)).upperBound
        let firstRow = try #require(page.range(of: "<tr", range: rows..<page.endIndex))
        let firstFailing = report.agencies.contains(where: \.hasLawFailure)
        #expect(page[firstRow.lowerBound...].hasPrefix("<tr class=\"has-fail\"") == firstFailing)
        // English is available.
        let english = html(report, .en)
        #expect(english.contains("<html lang=\"en\">"))
        #expect(english.contains("Totals by status"))
        #expect(english.contains(">law<"))
    }

    @Test func cadenceFindingsHaveACharts() async throws {
        let report = try await htmlDemoReport()
        let page = html(report)
        let cadence = report.agencies.flatMap(\.findings).filter { !($0.windows ?? []).isEmpty }
        try #require(!cadence.isEmpty, "the demo set has posting-cadence findings with windows")
        let charts = page.components(separatedBy: "<figure class=\"chart\">").count - 1
        #expect(charts >= cadence.count)
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""))
        #expect(page.contains("<line class=\"min\""))
        if cadence.contains(where: { $0.windows!.contains { $0.posts == nil } }) {
            #expect(page.contains("class=\"bar unknown\""))
            #expect(page.contains(">?</text>"))
        }
    }

    @Test func hostileStringsAreInert() async throws {
        var report = try await htmlDemoReport()
        var audit = try #require(report.agencies.first { $0.findings.contains { !($0.windows ?? []).isEmpty } })
        let payload = Self.hostile.joined(separator: " ")
        audit.agency.name = "Администрация " + payload
        audit.agency.region = payload
        audit.agency.id = "x\"><script>alert(1)</script>"
        let index = try #require(audit.findings.firstIndex { !($0.windows ?? []).isEmpty })
        audit.findings[index].message = LocalizedText(ru: payload, en: payload)
        audit.findings[index].measured = payload
        audit.findings[index].waiver = WaiverNote(reason: payload, approvedBy: payload, expires: "2027-01-01")
        audit.findings[index].windows = audit.findings[index].windows!.map { window in
            var window = window
            window.page = "vk.com/" + payload
            return window
        }
        audit.findings[index].evidence = [
            Evidence(url: "javascript:alert(1)", excerpt: payload),
            Evidence(url: " javascript:alert(1)"),
            Evidence(url: "JaVaScRiPt:alert(1)//https://x"),
            Evidence(url: "data:text/html,<script>alert(1)</script>"),
            Evidence(url: "https://evil.example/\"onmouseover=\"alert(1)", excerpt: "<b>bold</b>"),
            Evidence(url: "https://ok.example/page?a=1&b=2"),
        ]
        report.agencies = [audit]
        let page = html(report)
        for raw in ["<script>alert", "<img", "<svg onload", "href=\"javascript", "href=\" javascript", "href=\"data:",
                    "\"onmouseover", "<b>bold", "href=\"JaVaScRiPt"] {
            #expect(!page.contains(raw), "raw \(raw) in the report")
        }
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("&#39;&gt;&lt;svg onload=alert(1)&gt;"))
        #expect(page.contains("<span class=\"url\">javascript:alert(1)</span>"))
        #expect(page.contains("href=\"https://ok.example/page?a=1&amp;b=2\" rel=\"noopener noreferrer\""))
        #expect(page.contains("href=\"https://evil.example/&quot;onmouseover=&quot;alert(1)\""))
        // The chart's labels carry the page name escaped, inside SVG too.
        #expect(page.contains("<title id=\"chart-"))
        #expect(page.contains("vk.com/&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Exactly one script element: the report's own.
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.contains("id=\"agency-x.22.3e.3cscript.3ealert.281.29.3c.2fscript.3e\""))
    }

    @Test func hrefsAreOnlyHTTP() {
        #expect(HTMLEscaping.httpHref("https://adm.example.ru/a?b=1&c=2") == "https://adm.example.ru/a?b=1&amp;c=2")
        #expect(HTMLEscaping.httpHref("HTTP://adm.example.ru/") == "HTTP://adm.example.ru/")
        for bad in ["javascript:alert(1)", " https://x.ru", "https:x.ru", "https:///x", "https://x.ru/\na", "//x.ru", "vbscript:x", "file:///etc/passwd", "https:\\\\x.ru", "https://"] {
            #expect(HTMLEscaping.httpHref(bad) == nil, "\(bad)")
        }
        #expect(HTMLEscaping.text("a&<>\"'\u{0}b") == "a&amp;&lt;&gt;&quot;&#39;\u{FFFD}b")
    }
}
