import Foundation
import Testing
@testable import PageAuditCore

/// Extraction from real regional government home pages (Fixtures/real-site, see SOURCES.md there).
@Suite struct RealSiteExtractionTests {
    func facts(_ domain: String) throws -> SitePageFacts {
        let file = repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures/real-site/\(domain).html")
        let response = CapturedResponse(address: WebAddress("https://\(domain)/")!, capturedAt: Date(timeIntervalSince1970: 1_521_104_400),
                                        status: 200, contentType: "text/html", body: try Data(contentsOf: file))
        let document = try HTMLDocument(bytes: response.body, address: response.address, contentType: response.contentType)
        return SitePageReader().facts(of: document, response: response, role: .home)
    }

    func officialLinks(_ facts: SitePageFacts) -> [String] {
        facts.platformLinks.filter(\.canBeOfficialPage).compactMap(\.identity?.key)
    }

    @Test func kurganHeaderIconsLinkVKAndOKAndFooterHasContacts() throws {
        let page = try facts("kurganobl.ru")
        #expect(officialLinks(page) == ["vk.com/kurgan_region", "ok.ru/kurganregion"])
        let vk = try #require(page.platformLinks.first { $0.platform == .vk })
        #expect(vk.label == "ВКонтакте" && vk.region == .header)
        let ok = try #require(page.platformLinks.first { $0.platform == .ok })
        #expect(ok.label == nil && ok.icon == "Odnoklassniki-16x16.png")
        #expect(Set(page.emails.map(\.address)) == ["kurgan@kurganobl.ru", "pressa@kurganobl.ru"])
        #expect(page.phones.compactMap(\.normalized).contains("+73522429236"))
        #expect(page.postalAddresses.first?.postcode == "640024")
    }

    @Test func permFooterIconOnlyLinksAndBannerCommunity() throws {
        let page = try facts("permkrai.ru")
        let footer = page.platformLinks.filter { $0.region == .footer }
        #expect(footer.contains { $0.identity?.key == "vk.com/club143106820" && $0.kind == .community })
        #expect(footer.contains { $0.platform == .youtube })
        #expect(page.platformLinks.contains { $0.identity?.key == "vk.com/myhistoryperm" && $0.region == .body })
        #expect(page.emails.isEmpty && page.phones.isEmpty)
        #expect(page.postalAddresses.first?.postcode == "614006")
    }

    @Test func khabarovskShareScriptsAreNotOfficialPageLinks() throws {
        let page = try facts("khv.gov.ru")
        #expect(page.platformLinks.isEmpty)
        #expect(page.emails.map(\.address) == ["open27@adm.khv.ru"])
    }

    @Test func stPetersburgHeaderIconAndHelpdeskPhone() throws {
        let page = try facts("gov.spb.ru")
        let vk = try #require(page.platformLinks.first { $0.platform == .vk })
        #expect(vk.identity?.key == "vk.com/spb" && vk.region == .header && vk.icon == "fa-vk")
        #expect(page.phones.compactMap(\.normalized).contains("+78125764111"))
        #expect(page.postalAddresses.contains { $0.postcode == "191060" })
    }

    @Test func pskovHasNoSocialLinksAndIgnoresCommentedOutBanner() throws {
        let page = try facts("pskov.ru")
        #expect(page.platformLinks.isEmpty)
        #expect(page.phones.map(\.normalized) == ["+78112699752"])
        #expect(!page.phones.contains { $0.raw.contains("800") })
        #expect(Set(page.emails.map(\.address)) == ["monitoring@fadn.gov.ru", "webmaster@cis.pskov.ru"])
    }
}
