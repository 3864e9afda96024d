import Foundation
import Testing
@testable import PageAuditCore

/// `PlainLinkResolver` must give exactly the address Foundation's resolution gives, or decline.
@Suite struct PlainLinkResolverTests {
    static let bases = [
        "https://adm.example.ru/", "https://adm.example.ru/a/b.html", "http://adm.example.ru/a/b/?x=1&y=2",
        "https://adm.example.ru:8443/a/", "http://xn--80aswg.xn--p1ai/новости/", "https://adm.example.ru/a/../b/c",
        "https://user@adm.example.ru/p", "https://adm.example.ru/a%20b/c", "https://adm.example.ru./x",
    ].map { WebAddress($0)! }

    static let hostileLinks = [
        "", "#", "#top", "?", "?q=1", "?q=1#f", "/", "//", "///x", "/a", "/a/", "/a?b=c&d=e", "/a#b", "a", "a/b", "a/b/",
        ".", "..", "./a", "../a", "a/./b", "a/../b", "/a/..", "/..", "a?b/../c", ".a", "a.", "..a", "/.well-known/x",
        "https://vk.com/club1", "https://vk.com", "https://vk.com?x", "https://vk.com#x", "http://ok.ru/group/1/",
        "HTTPS://VK.COM/x", "https://VK.com/x", "https://vk.com:443/x", "https://vk.com:80/x", "http://vk.com:80/x",
        "https://user@vk.com/", "https://vk.com./x", "https://.vk.com/", "https://vk..com/", "https://v_k.com/",
        "https://1.2.3.4/x", "https://[::1]/", "https:vk.com", "https:/vk.com", "http://", "https://?x", "//vk.com/a",
        "//vk.com", "//VK.com", "mailto:a@b.ru", "tel:+7123", "javascript:void(0)", "data:text/html,x", "ftp://x.ru/",
        "a:b", "a/b:c", "/a:b", "?a:b", "a b", "a%20b", "%D0%BE", "/%zz", "a;b", "a\\b", "a|b", "a'b", "a(b)", "a*b",
        "a!b", "a$b", "a@b", "a~b", "a+b", "a,b", "a=b", "/a//b", "//a//b", "https://vk.com//", "кремль", "/кремль",
        "https://кремль.рф/", "https://xn--80aswg.xn--p1ai/", "#a#b", "?#", "/?", "/#", "https://vk.com/a?b#c?d",
        "https://a.b.c.d.e.f.g.h.example.ru/deep/path/file.php?x=1&y=2&z", "index.php?option=com_contact&view=contact&id=1",
        "https://vk.com/../x", "https://vk.com/a/./b", "HTTP://vk.com/", "Https://vk.com/", "https://vk.com/x?y=../z",
        "https://-vk.com/", "https://vk-.com/", "https://vk.com-/", "https://0/", "https://a/", String(repeating: "a/", count: 500),
        "https://" + String(repeating: "a", count: 300) + ".ru/",
    ]

    static func fixtureLinks() throws -> [String] {
        let fixtures = repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures")
        let files = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "html" }
        var links: Set<String> = []
        for file in files {
            let document = try HTMLDocument(bytes: try Data(contentsOf: file), address: WebAddress("https://example.ru/")!, contentType: nil)
            for element in document.elements(named: "a", "area", "link", "script", "img", "iframe", "base") {
                for name in ["href", "src"] { if let value = element.attribute(name) { links.insert(value) } }
            }
        }
        return links.sorted()
    }

    func expectSame(_ link: String, _ base: WebAddress) {
        let cleaned = WebAddress.clean(link)
        guard !cleaned.isEmpty else { return }
        let general = WebAddress(general: cleaned, relativeTo: base)
        let fast = PlainLinkResolver.resolve(cleaned, against: base.description).flatMap { URL(string: $0) }
        guard let fast else { return }
        #expect(general?.url == fast, "\(link.debugDescription) on \(base)")
        #expect(general?.description == fast.absoluteString, "\(link.debugDescription) on \(base)")
        #expect(general?.url.path == fast.path && general?.url.query == fast.query && general?.url.host == fast.host)
    }

    @Test func hostileLinksResolveAsFoundationDoes() {
        for base in Self.bases { for link in Self.hostileLinks { expectSame(link, base) } }
    }

    @Test func fixtureLinksResolveAsFoundationDoes() throws {
        let links = try Self.fixtureLinks()
        #expect(links.count > 500)
        var taken = 0
        for base in Self.bases {
            for link in links {
                expectSame(link, base)
                if PlainLinkResolver.resolve(WebAddress.clean(link), against: base.description) != nil { taken += 1 }
            }
        }
        #expect(taken > links.count)  // the shortcut is actually used
    }

    @Test func declinesWhatItCannotBeSureOf() {
        let base = WebAddress("https://adm.example.ru/a/b.html")!.description
        for link in ["../a", "a%20b", "HTTPS://vk.com/", "https://vk.com:8080/", "mailto:a@b.ru", "a;b", "/кремль", "https://user@vk.com/"] {
            #expect(PlainLinkResolver.resolve(link, against: base) == nil, "\(link)")
        }
        #expect(PlainLinkResolver.resolve("c.html?x=1#top", against: base) == "https://adm.example.ru/a/c.html?x=1")
        #expect(PlainLinkResolver.resolve("#top", against: base) == base)
    }
}
