import Foundation
import Testing
@testable import PageAuditCore

/// The caches and byte searches behind link resolution and widget detection must answer as the
/// uncached, Foundation-based code did.
@Suite struct LinkAndScriptSearchTests {
    @Test func exactTextTellsCanonicallyEquivalentStringsApart() {
        let composed = "/caf\u{E9}", decomposed = "/cafe\u{301}"
        #expect(composed == decomposed)
        #expect(ExactText(composed) != ExactText(decomposed))
        #expect(ExactText(composed) == ExactText(String(composed)))
        #expect(Set([ExactText(composed), ExactText(decomposed)]).count == 2)
    }

    @Test func resolveCachesByBytes() throws {
        let page = WebAddress("https://adm.example.ru/a/")!
        let document = try HTMLDocument(bytes: Data("<p>x</p>".utf8), address: page, contentType: nil)
        for link in ["/caf\u{E9}", "/cafe\u{301}", "b", "mailto:x@y.ru", "/caf\u{E9}", "/cafe\u{301}", "b", "mailto:x@y.ru"] {
            #expect(document.resolve(link) == WebAddress(link: link, relativeTo: page), "\(link.debugDescription)")
        }
        #expect(document.resolve("/caf\u{E9}") != document.resolve("/cafe\u{301}"))
    }

    @Test func widgetHostSearchMatchesFoundation() {
        let host = PosWidgetDetector.host
        let codes = [
            "", "pos.gosuslugi.ru", "x POS.GOSUSLUGI.RU y", "Widget(\"https://Pos.Gosuslugi.Ru/form\")",
            "pos.goſuslugi.ru", "pos.gosuslugi.r", "// Виджет\r\nWidget('https://pos.gosuslugi.ru/form')",
            "// Виджет без адреса", "p\u{301}os.gosuslugi.ru pos.gosuslugi.ru", "pos.gosuslugi.ru\u{301}",
            "\u{0}pos.gosuslugi.ru", String(repeating: "a\r\n", count: 10_000) + "pOs.gosuslugi.ru",
            "ПОС pos.gosuslugi.ru/form", "pos.gosuslugi.ruſ",
        ]
        for code in codes {
            let expected = code.range(of: host, options: .caseInsensitive)
            let found = PosWidgetDetector.firstHost(in: code)
            #expect(found == expected, "\(code.prefix(60).debugDescription)")
            if let found, let expected {
                #expect(code[found] == code[expected])
            }
        }
    }

    @Test func asciiCaseInsensitiveSearch() {
        func find(_ needle: String, _ text: String) -> Int? {
            var text = text
            return text.withUTF8 { SimpleText.firstASCIICaseInsensitive(needle, in: $0) }
        }
        #expect(find("ab", "xxAB") == 2)
        #expect(find("ab", "a") == nil)
        #expect(find("", "abc") == 0)
        #expect(find("ab", "") == nil)
        #expect(find("яb", "ЯB") == nil)  // only ASCII letters fold
        #expect(find("a.b", "A.B a.b") == 0)
        #expect(find("[", "{") == nil)  // "{" is "[" | 0x20 but not an uppercase letter
    }
}
