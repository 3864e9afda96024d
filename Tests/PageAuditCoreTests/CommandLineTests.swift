import Foundation
import Testing
@testable import PageAuditCore

/// Runs the real `pageaudit` executable, built beside the test bundle, as a user would.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `pageaudit` executable built beside the test bundle.
func pageAuditExecutable() -> URL {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    return [products, products.deletingLastPathComponent()].map { $0.appendingPathComponent("pageaudit") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? products.appendingPathComponent("pageaudit")
}

func runPageAudit(_ arguments: [String], in folder: URL = repositoryRoot, environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = pageAuditExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting, so a large report cannot fill the pipe and block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

@Suite struct CommandLineTests {
    func demoReport() throws -> [String: Any] {
        let result = try runPageAudit(["audit", "--format", "json"])
        #expect(result.status == 1, "demo has law failures: \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    func agency(_ id: String, in report: [String: Any]) throws -> [String: Any] {
        let agencies = report["agencies"] as! [[String: Any]]
        return try #require(agencies.first { $0["id"] as? String == id })
    }

    func status(_ rule: String, of agency: [String: Any]) -> String? {
        (agency["findings"] as? [[String: Any]])?.first { $0["ruleID"] as? String == rule }?["status"] as? String
    }

    @Test func defaultRunAuditsTheDemoSetWithPassFailAndUnverifiable() throws {
        let result = try runPageAudit(["audit"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("нарушение") && result.stdout.contains("не проверено") && result.stdout.contains("Итого"))
        #expect(try runPageAudit([]).stdout == result.stdout, "no arguments means the demo audit")
    }

    @Test func windows1251SiteIsReadEndToEnd() throws {
        let site = try agency("krasnozerskoe-sp", in: demoReport())
        let facts = (site["site"] as! [String: Any])["facts"] as! [String: Any]
        let home = (facts["pages"] as! [[String: Any]])[0]
        #expect(home["charset"] as? String == "windows-1251")
        #expect(home["title"] as? String == "Администрация Краснозёрского сельского поселения - Главная")
        #expect((home["emails"] as! [[String: Any]]).map { $0["address"] as! String } == ["adm@krasnozerskoe-sp.ru"])
        #expect(status("SITE-CONTACTS", of: site) == "pass")
    }

    @Test func cyrillicDomainSiteIsReadEndToEnd() throws {
        let site = try agency("lesnogorsk-go", in: demoReport())
        #expect((site["website"] as? String)?.hasPrefix("https://администрация-лесногорск.рф") == true)
        #expect(status("SITE-EMAIL", of: site) == "pass")  // the email is only on the contacts page
        let facts = (site["site"] as! [String: Any])["facts"] as! [String: Any]
        #expect((facts["pages"] as! [[String: Any]]).count == 2)
    }

    @Test func uncapturedAndBlockedSitesAreUnverifiableNotFailing() throws {
        let report = try demoReport()
        for id in ["kedrovy-ss", "arhivnadzor-sfo"] {
            let site = try agency(id, in: report)
            let findings = site["findings"] as! [[String: Any]]
            #expect(!findings.contains { $0["status"] as? String == "fail" }, "\(id)")
            #expect(status("SITE-EXISTS", of: site) == "unverifiable")
        }
    }

    @Test func jsonReportIsVersionedAndCarriesFactsAndEvidence() throws {
        let report = try demoReport()
        #expect(report["format"] as? String == "pageaudit.report/1")
        // By default an offline audit is evaluated as of the newest capture in the set, so re-runs agree.
        let demo = try FolderSnapshotSet(folder: repositoryRoot.appendingPathComponent("snapshots/demo"))
        #expect(report["asOf"] as? String == RFC3339.string(from: try #require(demo.latestCaptureTime)))
        let site = try agency("gzhi-kursk", in: report)
        let email = try #require((site["findings"] as! [[String: Any]]).first { $0["ruleID"] as? String == "SITE-EMAIL" })
        #expect(email["status"] as? String == "fail")
        let evidence = try #require((email["evidence"] as? [[String: Any]])?.first)
        #expect((evidence["digest"] as? String)?.hasPrefix("sha256:") == true)
        #expect(evidence["capturedAt"] as? String != nil)
    }

    @Test func englishOutputAndOutputFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runPageAudit(["audit", "--lang", "en", "--output", file.path])
        #expect(result.status == 1 && result.stdout.isEmpty)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("Totals") && text.contains("How to fix"))
    }

    @Test func badRegistryIsExitTwoWithPlaceAndFix() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = folder.appendingPathComponent("registry.csv")
        try "id;name;kind\nx;Суд;суд\n".write(to: registry, atomically: true, encoding: .utf8)
        let result = try runPageAudit(["audit", "--registry", registry.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("registry.csv:2:7: kind: неизвестный вид организации «суд»"))
        #expect(result.stderr.contains("Как исправить"))
    }

    @Test func checklistValidateReportsValidAndInvalidFiles() throws {
        let good = try runPageAudit(["checklist", "validate", "checklists/270-fz.json"])
        #expect(good.status == 0 && good.stdout.contains("PAGE-ACTIVITY"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.json")
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("checklists/270-fz.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"site.email\"", with: "\"site.e-mail\"")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        let result = try runPageAudit(["checklist", "validate", bad.path, "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.json:") && result.stderr.contains("rules[1].check.kind: invalid value \"site.e-mail\""))
    }

    @Test func usageErrorsAndHelp() throws {
        #expect(try runPageAudit(["audit", "--formt", "json"]).status == 2)
        #expect(try runPageAudit(["audit", "--format", "xml"]).stderr.contains("text|json"))
        #expect(try runPageAudit(["frobnicate"]).status == 2)
        for command in [["--help"], ["audit", "--help"], ["checklist", "--help"], ["help", "audit"]] {
            let result = try runPageAudit(command)
            #expect(result.status == 0 && result.stdout.contains("USAGE"), "\(command)")
        }
        #expect(try runPageAudit(["--version"]).stdout.hasPrefix("pageaudit "))
    }

    @Test func asOfOptionIsValidated() throws {
        #expect(try runPageAudit(["audit", "--as-of", "yesterday"]).status == 2)
        let json = try runPageAudit(["audit", "--format", "json", "--as-of", "2022-11-15"])
        #expect(json.stdout.contains("\"asOf\" : \"2022-11-15T20:59:59Z\""))
    }
}

@Suite struct OutputFormatCommandTests {
    @Test(arguments: ["text", "json", "csv", "html", "junit", "markdown"])
    func everyFormatComesFromTheDemoAuditByOneCommand(format: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).\(format)")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runPageAudit(["audit", "--format", format, "--output", file.path])
        #expect(result.status == 1, "\(result.stderr)")
        let data = try Data(contentsOf: file)
        let text = String(decoding: data, as: UTF8.self)
        switch format {
        case "csv": #expect(data.starts(with: [0xEF, 0xBB, 0xBF]) && text.contains(";gzhi-kursk") || text.contains("gzhi-kursk;"))
        case "html": #expect(text.hasPrefix("<!DOCTYPE html>") && text.contains("gzhi-kursk"))
        case "junit": #expect(text.contains("<testsuites") && text.contains("<failure"))
        case "markdown": #expect(text.contains("|") && text.contains("gzhi-kursk"))
        case "json": #expect(text.contains("pageaudit.report/1"))
        default: #expect(text.contains("Итого"))
        }
    }
}
