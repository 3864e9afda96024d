import Testing
@testable import PageAuditCore

@Suite struct WebAddressTests {
    @Test func addsHTTPSWhenTheSchemeIsMissing() throws {
        let address = try #require(WebAddress("adm-sosnovka.ru"))
        #expect(address.description == "https://adm-sosnovka.ru/")
    }

    @Test func cyrillicHostIsPunycodeForRequestsAndUnicodeForPeople() throws {
        let address = try #require(WebAddress("http://Кремль.РФ/контакты"))
        #expect(address.host == "xn--e1ajeds9e.xn--p1ai")
        #expect(address.displayHost == "кремль.рф")
        #expect(address.displayString == "http://кремль.рф/контакты")
    }

    @Test func resolvesRelativeLinksAgainstThePage() throws {
        let page = try #require(WebAddress("https://www.adm.ru/about/index.php"))
        #expect(WebAddress(link: "../contacts/", relativeTo: page)?.description == "https://www.adm.ru/contacts/")
        #expect(WebAddress(link: "//vk.com/club1", relativeTo: page)?.description == "https://vk.com/club1")
        #expect(WebAddress(link: " \n/a\tb ", relativeTo: page)?.description == "https://www.adm.ru/ab")
    }

    @Test func refusesSchemesThatAreNotWeb() throws {
        let page = try #require(WebAddress("https://adm.ru/"))
        for link in ["javascript:alert(1)", "mailto:a@b.ru", "data:text/html,x", "file:///etc/passwd", "tel:+7800"] {
            #expect(WebAddress(link: link, relativeTo: page) == nil, "\(link)")
        }
    }

    @Test func sameSiteAllowsWWWAndSchemeButNotSubdomains() throws {
        let site = try #require(WebAddress("http://www.adm.ru"))
        #expect(site.isSameSite(as: try #require(WebAddress("https://adm.ru/x"))))
        #expect(!site.isSameSite(as: try #require(WebAddress("https://school.adm.ru/"))))
    }

    @Test func dropsFragmentAndDefaultPort() throws {
        #expect(WebAddress("https://adm.ru:443/a#top")?.description == "https://adm.ru/a")
    }
}

@Suite struct WebAddressHostileInputTests {
    @Test(arguments: ["not a site", "https://a b.ru/", "https://", "https://..ru/", "https://[::1]/", "http://exa mple.ru"])
    func malformedHostsAreRejectedNotCrashed(text: String) {
        #expect(WebAddress(text) == nil)
    }

    @Test func lookAlikeCyrillicHostIsNotTheLatinOne() throws {
        let lookAlike = try #require(WebAddress("https://vк.com/club1"))  // Cyrillic "к"
        #expect(lookAlike.host != "vk.com")
        #expect(lookAlike.host.hasPrefix("xn--"))
    }
}
