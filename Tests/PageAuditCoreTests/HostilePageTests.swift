import Foundation
import Testing
@testable import PageAuditCore

/// Pages an audited agency controls, built to break the reader: each must end with sensible facts,
/// read through the real folder set and the real site reader.
@Suite struct HostilePageTests {
    /// A one-page snapshot set whose home page is `body`.
    func facts(ofHome body: Data, extraPages: [(String, Data)] = []) async throws -> SiteFacts {
        let folder = try temporaryFolder("hostile-site")
        var manifest = "url\tfile\tcaptured_at\tstatus\tcontent_type\n"
        for (index, (path, data)) in ([("/", body)] + extraPages).enumerated() {
            try data.write(to: folder.appendingPathComponent("p\(index).html"))
            manifest += "https://adm.example.ru\(path)\tp\(index).html\t2026-11-20T10:00:00Z\t200\ttext/html; charset=utf-8\n"
        }
        try manifest.write(to: folder.appendingPathComponent("manifest.tsv"), atomically: true, encoding: .utf8)
        let set = try FolderSnapshotSet(folder: folder)
        let observation = await SiteFactsGatherer().gather(website: WebAddress("https://adm.example.ru/"), from: RedirectFollower(set))
        return try #require(observation.facts, "the home page must be read: \(observation)")
    }

    static let footer = """
        <footer>Адрес: 600000, г. Владимир, ул. Ленина, д. 1. Тел.: +7 (4922) 33-44-55. Почта: info@adm.example.ru
        <a href="https://vk.com/adm_example">ВКонтакте</a></footer>
        """

    /// 50 MB of text on one line before the footer: read whole, facts found after it.
    @Test func aFiftyMegabyteSingleLinePageIsRead() async throws {
        var page = Data("<html><body><p>".utf8)
        page.append(Data(String(repeating: "слово ", count: 50_000_000 / 11 + 1).utf8))
        page.append(Data("</p>\(Self.footer)</body></html>".utf8))
        #expect(page.count > 50_000_000)
        #expect(page.firstIndex(of: 0x0A).map { $0 > 50_000_000 } ?? true, "one line of 50 MB")
        let home = try await facts(ofHome: page).home
        #expect(home.emails.map(\.address) == ["info@adm.example.ru"])
        #expect(home.platformLinks.compactMap(\.identity?.key) == ["vk.com/adm_example"])
    }

    /// A footer of 10,000 links: every platform link is seen once per address, none invented.
    @Test func aTenThousandLinkFooterIsReadWhole() async throws {
        var links = ""
        for index in 0..<10_000 { links += "<a href=\"/page/\(index)/\">Раздел \(index)</a> " }
        links += "<a href=\"https://vk.com/club777\">ВК</a> <a href=\"https://ok.ru/group/42\">ОК</a>"
        let home = try await facts(ofHome: Data("<html><body><footer>\(links)</footer>\(Self.footer)</body></html>".utf8)).home
        #expect(Set(home.platformLinks.compactMap(\.identity?.key)) == ["vk.com/club777", "ok.ru/group/42", "vk.com/adm_example"])
    }

    /// Script, data and file addresses are never platform links nor pages to read, whatever they contain.
    @Test func javascriptDataAndFileLinksAreInert() async throws {
        let body = """
            <html><body>
            <a href="javascript:location='https://vk.com/evil'">ВКонтакте</a>
            <a href="JaVaScRiPt:void(0)//vk.com/evil2">Контакты</a>
            <a href="data:text/html,<a href='https://vk.com/evil3'>x</a>">ВК</a>
            <a href="file:///etc/passwd">Контакты</a>
            <a href="vbscript:msgbox">О нас</a>
            </body></html>
            """
        let site = try await facts(ofHome: Data(body.utf8))
        #expect(site.home.platformLinks.allSatisfy { $0.identity == nil }, "\(site.home.platformLinks)")
        #expect(site.pages.count == 1 && site.unread.isEmpty, "no script, data or file address is followed: \(site.unread.map(\.address))")
    }

    static func refresh(_ content: String) -> Data {
        Data("<html><head><meta http-equiv=\"Refresh\" content=\"\(content)\"></head><body>Переход…</body></html>".utf8)
    }

    /// A home page that only refreshes to the real one is followed, as a browser would.
    @Test func aMetaRefreshIsFollowedToTheRealHomePage() async throws {
        let real = Data("<html><body>\(Self.footer)</body></html>".utf8)
        let site = try await facts(ofHome: Self.refresh("0; URL='/main/'"), extraPages: [("/main/", real)])
        #expect(site.home.address.description == "https://adm.example.ru/main/")
        #expect(site.home.emails.map(\.address) == ["info@adm.example.ru"])
    }

    /// Refresh loops end (each page at most once, at most three hops); a slow refresh, a script
    /// address or a missing target is not followed and the page is read as it is.
    @Test func metaRefreshLoopsAndOddTargetsEnd() async throws {
        let loop = try await facts(ofHome: Self.refresh("0;url=/a"), extraPages: [("/a", Self.refresh("0;url=/b")), ("/b", Self.refresh("0; url=/"))])
        #expect(loop.home.address.description == "https://adm.example.ru/b")
        let endless = (0..<10).map { ("/p\($0)", Self.refresh("0;url=/p\($0 + 1)")) }
        #expect(try await facts(ofHome: Self.refresh("0;url=/p0"), extraPages: endless).home.address.description == "https://adm.example.ru/p2")
        for content in ["30; url=/main/", "0; url=javascript:alert(1)", "0; url=file:///etc/passwd", "0; url=/missing/", "abc", "0"] {
            let site = try await facts(ofHome: Self.refresh(content), extraPages: [("/main/", Data("<p>x</p>".utf8))])
            #expect(site.home.address.description == "https://adm.example.ru/", "\(content)")
        }
    }

    /// Bytes that are not UTF-8 in a page that says it is: read, with the readable facts kept.
    @Test func invalidUTF8IsReadAroundTheDamage() async throws {
        var page = Data("<html><head><meta charset=\"utf-8\"></head><body><p>".utf8)
        page.append(contentsOf: [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x00, 0xE2, 0x82])
        page.append(Data("</p>\(Self.footer)</body></html>".utf8))
        let home = try await facts(ofHome: page).home
        #expect(home.emails.map(\.address) == ["info@adm.example.ru"])
        #expect(home.phones.compactMap(\.normalized) == ["+74922334455"])
    }
}

@Suite struct HostileRegistryTests {
    /// 100,000 rows are checked in one pass; the last row's mistake is named at its line.
    @Test func aHundredThousandRowRegistryIsReadAndCheckedWhole() throws {
        var csv = "id;name;kind;website;vk\n"
        for index in 0..<100_000 { csv += "a\(index);Администрация поселения № \(index);municipal;https://p\(index).example.ru;https://vk.com/club\(index + 1)\n" }
        let registry = try RegistryLoader.csvRegistry(csv, file: "big.csv")
        #expect(registry.count == 100_000)
        #expect(registry.agency(at: 99_999).name == "Администрация поселения № 99999")
        #expect(registry.agency(at: 99_999).source.line == 100_001)
        #expect(registry.claims.isEmpty)
        #expect(throws: RegistryError.duplicateID("a5", at: SourceLocation(file: "big.csv", line: 100_002, column: 1),
                                                  first: SourceLocation(file: "big.csv", line: 7, column: 1))) {
            try RegistryLoader.csvRegistry(csv + "a5;Дубль;court;;\n", file: "big.csv")
        }
    }
}
