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

/// Byte-level rewrites of WebAddress and look-alike checks against the definitions they replace.
@Suite struct WebAddressShortcutTests {
    @Test func validHostMatchesDefinition() {
        func reference(_ host: String) -> Bool {
            host.count <= 253 && !host.hasPrefix(".") && !host.contains("..")
                && host.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_" }
        }
        let hosts = ["", ".", "..", "a..b", ".a", "a.", "a_b-c.ru", "A.ru", "кремль.рф", "xn--e1ajeds9e.xn--p1ai", "a b", "a\u{0}b",
                     String(repeating: "a", count: 253), String(repeating: "a", count: 254), "1.2.3.4", "a.\u{301}", "-a-"]
        for host in hosts { #expect(WebAddress.isValidHost(host) == reference(host), "\(host.debugDescription)") }
    }

    @Test func linksWithSurroundingJunkResolveAsBefore() {
        let base = WebAddress("https://adm.example.ru/a/b.html")!
        let cases: [(String, String?)] = [
            ("c.html", "https://adm.example.ru/a/c.html"), (" c.html ", "https://adm.example.ru/a/c.html"),
            ("\tc\n.html\r", "https://adm.example.ru/a/c.html"), ("/x?y=1#z", "https://adm.example.ru/x?y=1"),
            ("HTTPS://VK.COM/Club1", "https://vk.com/Club1"), ("//ok.ru", "https://ok.ru/"), ("mailto:a@b.ru", nil),
            ("https://ex%41mple.ru/", "https://example.ru/"), ("\u{0}", nil), ("", nil),
        ]
        for (link, expected) in cases {
            let resolved = WebAddress(link: link, relativeTo: base)
            #expect(resolved?.description == expected, "\(link.debugDescription)")
        }
    }

    @Test func lookAlikesStillRecognised() {
        let cases: [(String, Platform?)] = [
            ("https://vk.com.example.ru/", .vk), ("https://www.ok.ru.evil.com/", .ok), ("https://vk.co/", .vk),
            ("https://вк.com/", nil), ("https://vк.com/", .vk), ("https://t.me/", nil), ("https://m.t.me.x.ru/", .telegram),
            ("https://example.ru/", nil), ("https://xn--vk-gjc.com/", nil),
        ]
        for (text, platform) in cases {
            #expect(LookAlikeHosts.imitated(by: WebAddress(text)!) == platform, "\(text)")
        }
    }
}
