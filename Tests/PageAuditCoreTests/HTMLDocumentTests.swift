import Foundation
import Testing
@testable import PageAuditCore

@Suite struct HTMLDocumentTests {
    let page = WebAddress("https://adm.example.ru/about/")!

    func parse(_ bytes: Data, contentType: String? = nil) throws -> HTMLDocument {
        try HTMLDocument(bytes: bytes, address: page, contentType: contentType)
    }

    @Test func decodesWindows1251DeclaredByHTTP() throws {
        let html = "<html><body><p>Администрация района</p></body></html>"
        let bytes = try #require(html.data(using: .windowsCP1251))
        let document = try parse(bytes, contentType: "text/html; charset=windows-1251")
        #expect(document.charset.charset == "windows-1251")
        #expect(document.root?.visibleText == "Администрация района")
    }

    @Test func decodesKOI8RDeclaredOnlyByMetaCharset() throws {
        // "Приёмная" in KOI8-R, preceded by a meta tag that is the only declaration.
        let koi8: [UInt8] = [0xF0, 0xD2, 0xC9, 0xA3, 0xCD, 0xCE, 0xC1, 0xD1]
        let bytes = Data("<html><head><meta charset=\"koi8-r\"></head><body><p>".utf8) + Data(koi8) + Data("</p></body></html>".utf8)
        let document = try parse(bytes, contentType: "text/html")
        #expect(document.charset == .init(charset: "koi8-r", source: "meta"))
        #expect(document.root?.visibleText == "Приёмная")
    }

    @Test func httpEquivDeclarationIsHonoured() throws {
        let bytes = Data("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>".utf8)
            + "Связь".data(using: .windowsCP1251)! + Data("</p>".utf8)
        #expect(try parse(bytes).root?.visibleText == "Связь")
    }

    @Test func serverClaimingUTF8ForWindows1251BytesIsOverruled() throws {
        let bytes = "<p>Телефон приёмной</p>".data(using: .windowsCP1251)!
        let document = try parse(bytes, contentType: "text/html; charset=UTF-8")
        #expect(document.charset.source == "http-contradicted")
        #expect(document.root?.visibleText == "Телефон приёмной")
    }

    @Test func byteOrderMarkWinsOverADeclaration() throws {
        let bytes = Data([0xEF, 0xBB, 0xBF]) + Data("<meta charset=windows-1251><p>Почта</p>".utf8)
        #expect(try parse(bytes).root?.visibleText == "Почта")
    }

    @Test func visibleTextSkipsScriptsAndSeparatesBlocks() throws {
        let html = "<div>Тел.<span>8 (3522)</span>42-80-00</div><script>var x='info@evil.ru'</script><div>info@adm.ru</div>"
        #expect(try parse(Data(html.utf8)).root?.visibleText == "Тел. 8 (3522) 42-80-00\ninfo@adm.ru")
    }

    @Test func baseHrefChangesHowRelativeLinksResolve() throws {
        let html = "<head><base href=\"https://adm.example.ru/portal/\"></head><a href=\"contacts.html\">К</a>"
        let document = try parse(Data(html.utf8))
        let href = try #require(document.select("//a").first?.attribute("href"))
        #expect(document.resolve(href)?.description == "https://adm.example.ru/portal/contacts.html")
    }

    @Test func xpathFindsElementsAndAttributes() throws {
        let document = try parse(Data("<footer><a href='https://vk.com/club1' title='ВКонтакте'><i></i></a></footer>".utf8))
        let links = document.select("//footer//a[@href]")
        #expect(links.count == 1)
        #expect(links.first?.attribute("title") == "ВКонтакте")
        #expect(links.first?.ancestors.map(\.name).contains("footer") == true)
        #expect(document.select("//*[").isEmpty)  // an invalid expression matches nothing
    }

    @Test func deepNestingAndNULBytesDoNotCrash() throws {
        let deep = String(repeating: "<div>", count: 100_000) + "глубоко" + String(repeating: "</div>", count: 100_000)
        let document = try parse(Data(deep.utf8) + Data([0, 0]) + Data("<p>после</p>".utf8))
        #expect(document.root != nil)
        _ = document.root?.visibleText
    }

    @Test func emptyPageParses() throws {
        _ = try parse(Data())
    }
}
