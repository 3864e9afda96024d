import Testing
@testable import PageAuditCore

@Suite struct PlatformLinkClassifierTests {
    func classify(_ text: String) -> PlatformLinkClassifier.Target? {
        WebAddress(text).flatMap(PlatformLinkClassifier.classify)
    }

    @Test(arguments: ["https://vk.com/club123", "http://vk.com/public123", "https://m.vk.com/club123/", "vk.com/event123?from=groups",
                      "https://vkontakte.ru/club123", "https://VK.com/Public123#top", "https://vk.ru/club123"])
    func clubPublicAndMobileFormsAreOneCommunity(text: String) {
        #expect(classify(text) == .init(platform: .vk, kind: .community, identity: PageIdentity(platform: .vk, key: "vk.com/club123")))
    }

    @Test func personalProfilesAreRecognised() {
        #expect(classify("https://vk.com/id512873346")?.kind == .personalProfile)
        #expect(classify("https://ok.ru/profile/5770")?.kind == .personalProfile)
    }

    @Test func screenNamesAreNamedPagesLowercased() {
        #expect(classify("https://vk.com/Kurgan_Region")?.identity?.key == "vk.com/kurgan_region")
        #expect(classify("https://vk.com/Kurgan_Region")?.kind == .namedPage)
    }

    @Test func postsAndMediaNameTheirOwner() {
        #expect(classify("https://vk.com/wall-123_456") == .init(platform: .vk, kind: .content, identity: PageIdentity(platform: .vk, key: "vk.com/club123")))
        #expect(classify("https://vk.com/video-77_1")?.identity?.key == "vk.com/club77")
    }

    @Test(arguments: ["https://vk.com/share.php?url=x", "https://vk.com/js/api/openapi.js", "https://vk.com/widget_community.php",
                      "https://vk.com/", "https://vk.com/away.php?to=x", "https://ok.ru/dk?st.cmd=addShare", "https://t.me/share/url?url=x"])
    func serviceAddressesAreNotPages(text: String) {
        #expect(classify(text)?.kind == .service)
    }

    @Test func odnoklassnikiGroupForms() {
        let group = PageIdentity(platform: .ok, key: "ok.ru/group/5")
        #expect(classify("https://ok.ru/group/5")?.identity == group)
        #expect(classify("https://odnoklassniki.ru/group5")?.identity == group)
        #expect(classify("https://ok.ru/dk?st.cmd=altGroupMain&st.groupId=5")?.identity == group)
        #expect(classify("https://m.ok.ru/kurganregion")?.identity?.key == "ok.ru/kurganregion")
    }

    @Test func telegramPreviewAndTelegramMeAreTheSameChannel() {
        let channel = PageIdentity(platform: .telegram, key: "t.me/mininfo")
        #expect(classify("https://t.me/s/mininfo")?.identity == channel)
        #expect(classify("https://telegram.me/MinInfo")?.identity == channel)
        #expect(classify("https://t.me/mininfo/1234")?.kind == .content)
        #expect(classify("https://t.me/gosuslugi_bot")?.kind == .service)
    }

    @Test func otherNetworksAreRecognisedButAreNotOfficialPlatforms() throws {
        let youtube = try #require(classify("https://www.youtube.com/@uo_city"))
        #expect(youtube.platform == .youtube && !youtube.platform.isOfficialPagePlatform)
        #expect(classify("https://rutube.ru/channel/31458762/")?.platform == .rutube)
        #expect(classify("https://dzen.ru/adm_city")?.platform == .dzen)
        #expect(classify("https://max.ru/adm_city")?.identity?.key == "max.ru/adm_city")
    }

    @Test(arguments: ["https://vк.com/club1", "https://vk.com.evil.ru/club1", "https://vk.co/club1", "https://xvk.com/club1", "https://okru.ru/group/1"])
    func lookAlikeDomainsAreNotPlatforms(text: String) {
        #expect(classify(text) == nil)
    }
}

@Suite struct LookAlikeHostTests {
    @Test(arguments: [("https://vк.com/club1", Platform.vk), ("https://vk.com.gov-news.ru/club1", .vk), ("http://www.vk.co/adm", .vk),
                      ("https://оk.ru/group/1", .ok), ("https://t.me.example.ru/adm", .telegram), ("https://vkontakte.com/adm", .vk)])
    func imitationsAreRecognised(text: String, platform: Platform) throws {
        #expect(LookAlikeHosts.imitated(by: try #require(WebAddress(text))) == platform)
    }

    @Test(arguments: ["https://vk.com/club1", "https://m.vk.com/club1", "https://adm.example.ru/", "https://book.ru/", "https://vkusno.ru/"])
    func realAndUnrelatedHostsAreNotImitations(text: String) throws {
        #expect(LookAlikeHosts.imitated(by: try #require(WebAddress(text))) == nil)
    }

    @Test func aLookAlikeLinkOnASiteFailsLinkedPageValidityAndIsNotAnOfficialPage() throws {
        let html = "<footer><a href='https://vк.com/club1'>ВКонтакте</a><a href='https://vk.com/club2'>VK</a></footer>"
        let address = WebAddress("https://adm.example.ru/")!
        let response = CapturedResponse(address: address, capturedAt: .init(timeIntervalSince1970: 0), status: 200, contentType: "text/html", body: .init(html.utf8))
        let page = SitePageReader().facts(of: try HTMLDocument(bytes: response.body, address: address, contentType: nil), response: response, role: .home)
        #expect(page.platformLinks.map(\.kind) == [.lookAlike, .community])
        let site = SiteFacts(website: address, pages: [page], unread: [])
        #expect(site.listedPages.map(\.key) == ["vk.com/club2"])
        let agency = Agency(id: "a", name: "А", kind: .municipal, region: nil, timeZoneIdentifier: "Europe/Moscow", website: address,
                            declaredPages: [], source: SourceLocation(file: "r", line: 1))
        let checklist = try ChecklistLoader.load(from: repositoryRoot.appendingPathComponent("checklists/270-fz.json"))
        let findings = Evaluator(checklist: checklist).evaluate(AgencyFacts(agency: agency, site: .read(site)), asOf: .init(timeIntervalSince1970: 1_800_000_000))
        let validity = try #require(findings.first { $0.ruleID == "SITE-LINKED-PAGE-VALID" })
        #expect(validity.status == .fail && validity.message.ru.contains("vк.com"))
    }
}
