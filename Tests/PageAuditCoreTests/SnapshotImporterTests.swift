import Foundation
import Testing
@testable import PageAuditCore

@Suite struct SnapshotImporterTests {
    func temporaryFolder() throws -> URL { try PageAuditCoreTests.temporaryFolder("import") }

    @Test func aSavedPageBecomesACaptureOfItsAddress() async throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let saved = work.appendingPathComponent("Контакты — Администрация.html")
        try Data("<p>priem@adm.example.ru</p>".utf8).write(to: saved)
        let set = work.appendingPathComponent("set")
        let written = try SnapshotImporter(folder: set).importPage(saved, as: "https://администрация.рф/контакты/?tab=1",
                                                                   capturedAt: RFC3339.date(from: "2026-11-20T10:00:00+03:00"))
        #expect(written == "pages/xn--80aakdfkl7ah6d.xn--p1ai/__________/q_tab_1.html" || written.hasPrefix("pages/xn--"))
        let snapshots = try FolderSnapshotSet(folder: set)
        let captured = try await snapshots.capture(WebAddress("https://администрация.рф/контакты/?tab=1")!).get()
        #expect(String(decoding: captured.body, as: UTF8.self) == "<p>priem@adm.example.ru</p>")
        #expect(captured.capturedAt == RFC3339.date(from: "2026-11-20T07:00:00Z"))
        #expect(throws: SnapshotImporter.Failure.self) { try SnapshotImporter(folder: set).importPage(saved, as: "https://администрация.рф/контакты/?tab=1") }
    }

    @Test(arguments: ["https://adm.example.ru/../../../etc/passwd", "https://adm.example.ru/%2e%2e/%2e%2e/x", "https://adm.example.ru/a/..%2f..%2fb"])
    func traversalInTheAddressStaysInsideTheSet(url: String) throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let saved = work.appendingPathComponent("page.html")
        try Data("x".utf8).write(to: saved)
        let set = work.appendingPathComponent("set")
        let written = try SnapshotImporter(folder: set).importPage(saved, as: url)
        #expect(!written.split(separator: "/").contains(".."))
        #expect(FileManager.default.fileExists(atPath: set.appendingPathComponent(written).path))
        let outside = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        #expect(outside == ["page.html", "set"])
    }

    @Test func aSymbolicLinkInTheSetCannotLeadWritesOutside() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let saved = work.appendingPathComponent("page.html")
        try Data("x".utf8).write(to: saved)
        let set = work.appendingPathComponent("set"), elsewhere = work.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: set.appendingPathComponent("pages"), withDestinationURL: elsewhere)
        #expect(throws: SnapshotImporter.Failure.self) { try SnapshotImporter(folder: set).importPage(saved, as: "https://adm.example.ru/") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }
}

@Suite(.serialized) struct SelfCheckCommandTests {
    @Test func checkAuditsOneAgencyLiveAndExplainsEveryFinding() throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runPageAudit(["check", farm.url(host: 0, "/"), "--vk", "https://vk.com/farm_host0", "--kind", "regional",
                                       "--allow-private", "--loopback-only", "--min-interval", "0", "--vk-api-base", String(farm.url(host: 0, "").dropLast()),
                                       "--warc", folder.appendingPathComponent("check.warc.gz").path])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("✓ SITE-EXISTS"))           // passing findings are shown too
        #expect(result.stdout.contains("Страница: vk.com/farm_host0"))
        #expect(result.stdout.contains("Итого"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("check.warc.gz").path))
        #expect(try runPageAudit(["check"]).status == 2)
        #expect(try runPageAudit(["check", "https://adm.example.ru", "--kind", "ministry"]).stderr.contains("kind"))
    }
}
