import Foundation
import Testing
@testable import PageAuditCore

/// Renders the demo HTML report in headless Chromium (scripts/render-html-check.sh, offline) and
/// checks the DOM after the inline script ran. Skipped when Chromium is not installed, unless
/// PAGEAUDIT_REQUIRE_CHROMIUM=1 (CI) makes its absence a failure.
@Suite struct HTMLReportChromiumTests {
    static let required = ProcessInfo.processInfo.environment["PAGEAUDIT_REQUIRE_CHROMIUM"] == "1"

    static var chromiumInstalled: Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return ["chromium", "chromium-browser"].contains { name in
            paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }

    struct Rendered { var status: Int32; var dom: String; var errors: String }

    func render(_ html: Data, screenshot: String? = nil) throws -> Rendered {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pageaudit-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.html")
        try html.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [repositoryRoot.appendingPathComponent("scripts/render-html-check.sh").path, file.path] + (screenshot.map { [$0] } ?? [])
        let out = folder.appendingPathComponent("dom.html"), err = folder.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Rendered(status: process.terminationStatus, dom: try String(contentsOf: out, encoding: .utf8),
                        errors: try String(contentsOf: err, encoding: .utf8))
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test(.enabled(if: HTMLReportChromiumTests.chromiumInstalled || HTMLReportChromiumTests.required, "chromium is not installed (apt-get install chromium); PAGEAUDIT_REQUIRE_CHROMIUM=1 makes this a failure"))
    func demoReportRendersInChromium() async throws {
        guard Self.chromiumInstalled else {
            Issue.record("PAGEAUDIT_REQUIRE_CHROMIUM=1 but chromium is not installed (apt-get install chromium)")
            return
        }
        let report = try await htmlDemoReport()
        let html = HTMLReport(language: .ru).render(report)
        if let keep = ProcessInfo.processInfo.environment["PAGEAUDIT_HTML_KEEP"] { try html.write(to: URL(fileURLWithPath: keep)) }
        let rendered = try render(html, screenshot: ProcessInfo.processInfo.environment["PAGEAUDIT_HTML_SCREENSHOT"])
        try #require(rendered.status == 0, "render-html-check.sh failed (\(rendered.status)): \(rendered.errors)")
        let dom = rendered.dom
        // The inline script ran to its end, without console errors (the script checks those).
        #expect(dom.contains("data-ready=\"1\""))
        // Totals by status, as rendered.
        for status in FindingStatus.allCases {
            #expect(dom.contains("data-status=\"\(status.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(TextReport.symbol(status))</span><span class=\"num\">\(report.count(status))</span>"))
        }
        #expect(dom.contains("Итого по статусам"))
        // The agency table: one row per agency, 15 in the demo set, made sortable and filterable by the script.
        let start = try #require(dom.range(of: "id=\"agency-table\""))
        let end = try #require(dom.range(of: "</table>", range: start.upperBound..<dom.endIndex))
        let table = String(dom[start.upperBound..<end.lowerBound])
        let body = try #require(table.components(separatedBy: "<tbody>").last)
        #expect(report.agencies.count == 15)
        #expect(count("<tr", in: body) == report.agencies.count)
        #expect(count("<button type=\"button\" class=\"sort\">", in: table) == 4 + FindingStatus.allCases.count)
        #expect(dom.contains("id=\"filters\""))
        #expect(!dom.contains("id=\"filters\" hidden"))
        #expect(dom.contains("показано: 15 / 15"))
        #expect(count("<section class=\"agency", in: dom) == report.agencies.count)
        #expect(dom.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""))
    }

    @Test(.enabled(if: HTMLReportChromiumTests.chromiumInstalled || HTMLReportChromiumTests.required, "chromium is not installed (apt-get install chromium); PAGEAUDIT_REQUIRE_CHROMIUM=1 makes this a failure"))
    func hostileReportStaysInertInChromium() async throws {
        guard Self.chromiumInstalled else {
            Issue.record("PAGEAUDIT_REQUIRE_CHROMIUM=1 but chromium is not installed (apt-get install chromium)")
            return
        }
        var report = try await htmlDemoReport()
        var audit = report.agencies[0]
        let payload = "<script>document.body.setAttribute('data-pwned','1')</script>\"><img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">"
        audit.agency.name = payload
        audit.findings[0].message = LocalizedText(ru: payload, en: payload)
        audit.findings[0].evidence = [Evidence(url: "javascript:document.body.setAttribute('data-pwned','3')", excerpt: payload)]
        report.agencies = [audit]
        let rendered = try render(HTMLReport(language: .ru).render(report))
        try #require(rendered.status == 0, "render-html-check.sh failed (\(rendered.status)): \(rendered.errors)")
        #expect(rendered.dom.contains("data-ready=\"1\""))
        #expect(!rendered.dom.contains("data-pwned=\""))
        #expect(!rendered.dom.contains("<img"))
        #expect(!rendered.dom.contains("href=\"javascript"))
    }
}
