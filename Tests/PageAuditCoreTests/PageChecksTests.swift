import Foundation
import Testing
@testable import PageAuditCore

/// Page rules and cross-checks on page facts built by hand, against the bundled 270-FZ checklist.
@Suite struct PageChecksTests {
    let checklist = try! ChecklistLoader.load(from: repositoryRoot.appendingPathComponent("checklists/270-fz.json"))
    let asOf = RFC3339.date(from: "2026-11-20T12:00:00+03:00")!
    let website = WebAddress("https://adm.example.ru/")!
    let club = PageIdentity(platform: .vk, key: "vk.com/club5")

    func daysAgo(_ days: Double) -> Date { asOf.addingTimeInterval(-days * 86_400) }

    func page(_ identity: PageIdentity? = nil, existence: PageExistence = .community, configure: (inout PageFacts) -> Void = { _ in }) -> PageObservation {
        var facts = PageFacts(identity: identity ?? club, source: .vkAPI, address: "https://vk.com/club5", capturedAt: asOf, digest: "sha256:11", existence: existence)
        configure(&facts)
        return .read(facts)
    }

    func agency(id: String = "a", declared: [String] = []) -> Agency {
        let pages = declared.map { text -> DeclaredPage in
            let target = PlatformLinkClassifier.classify(WebAddress(text)!)!
            return DeclaredPage(platform: target.platform, written: text, address: WebAddress(text)!, identity: target.identity, kind: target.kind)
        }
        return Agency(id: id, name: "Администрация", kind: .regional, region: nil, timeZoneIdentifier: "Europe/Moscow", website: website,
                      declaredPages: pages, source: SourceLocation(file: "r.csv", line: 2))
    }

    func site(links: [String] = []) -> SiteObservation {
        let links = links.map { text -> PlatformLink in
            let target = PlatformLinkClassifier.classify(WebAddress(text)!)!
            return PlatformLink(platform: target.platform, kind: target.kind, identity: target.identity, href: text, label: nil, icon: nil,
                                region: .footer, foundOn: website.description)
        }
        let home = SitePageFacts(address: website, role: .home, capturedAt: asOf, status: 200, digest: "sha256:00", charset: "utf-8", title: nil,
                                 platformLinks: links, emails: [], phones: [], postalAddresses: [], posWidget: [])
        return .read(SiteFacts(website: website, pages: [home], unread: []))
    }

    func evaluate(_ pages: [PageObservation], agency: Agency? = nil, site: SiteObservation? = nil, claims: [PageIdentity: [String]] = [:]) -> [String: Finding] {
        let facts = AgencyFacts(agency: agency ?? self.agency(), site: site ?? self.site(links: ["https://vk.com/club5"]), pages: pages, sharedClaims: claims)
        return Dictionary(uniqueKeysWithValues: Evaluator(checklist: checklist).evaluate(facts, asOf: asOf).map { ($0.ruleID, $0) })
    }

    @Test func unknownFactsAreUnverifiableNeverFailures() {
        let findings = evaluate([page()])
        for id in ["PAGE-CONTACTS", "PAGE-LINKS-SITE", "PAGE-DESCRIPTION", "PAGE-GOVMARK", "PAGE-POS-WIDGETS", "PAGE-ACTIVITY",
                   "PAGE-STALE", "PAGE-COMMENTS-OPEN", "PAGE-ADDRESS-MAP", "PAGE-DESIGN"] {
            #expect(findings[id]?.status == .unverifiable, "\(id)")
        }
        #expect(findings["PAGE-EXISTS"]?.status == .pass)
    }

    @Test func contactsMissingOnThePageFailTheLawRule() {
        let findings = evaluate([page { $0.emails = []; $0.phones = ["+73812354710"] }])
        #expect(findings["PAGE-CONTACTS"]?.status == .fail)
        #expect(findings["PAGE-CONTACTS"]?.measured == "email: нет, phone: да")
        #expect(evaluate([page { $0.emails = ["a@b.ru"]; $0.phones = ["+7"] }])["PAGE-CONTACTS"]?.status == .pass)
    }

    @Test func pageMustLinkToTheSameHostNotTheSamePlatform() {
        #expect(evaluate([page { $0.websites = ["http://www.adm.example.ru/news"] }])["PAGE-LINKS-SITE"]?.status == .pass)
        #expect(evaluate([page { $0.websites = ["https://other.example.ru/"] }])["PAGE-LINKS-SITE"]?.status == .fail)
        #expect(evaluate([page { $0.websites = ["https://example.ru/"] }])["PAGE-LINKS-SITE"]?.status == .fail)
    }

    @Test func postingCadenceCountsEachWeekAndReportsTheCounts() throws {
        // Weeks back from as-of: 3 posts, 3 posts, 1 post, 3 posts; a 100-day-old post keeps the feed long enough to observe all.
        let dates: [Double] = [1, 2, 3, 8, 9, 10, 16, 22, 23, 24, 100]
        let finding = try #require(evaluate([page { $0.posts = dates.map { PagePost(date: daysAgo($0)) } }])["PAGE-ACTIVITY"])
        #expect(finding.status == .warn)
        #expect(finding.windows?.map(\.posts) == [3, 3, 1, 3])
        #expect(finding.measured?.hasPrefix("3, 3, 1, 3") == true)
    }

    @Test func cadenceWindowsBeyondTheVisibleFeedAreNotGuessed() throws {
        // Ten posts in the last four days: the first week passes, older weeks are not visible.
        let finding = try #require(evaluate([page { $0.posts = (0..<10).map { PagePost(date: daysAgo(Double($0) * 0.4)) } }])["PAGE-ACTIVITY"])
        #expect(finding.status == .unverifiable)
        #expect(finding.windows?.map(\.posts) == [10, nil, nil, nil])
    }

    @Test func aShortFeedIsTheWholeHistory() throws {
        let finding = try #require(evaluate([page { $0.posts = [PagePost(date: daysAgo(2)), PagePost(date: daysAgo(40))] }])["PAGE-ACTIVITY"])
        #expect(finding.status == .warn && finding.windows?.map(\.posts) == [1, 0, 0, 0])
    }

    @Test func anOldPinnedPostIsNotFreshAndDoesNotExtendTheFeed() {
        let posts = [PagePost(date: daysAgo(400), isPinned: true), PagePost(date: daysAgo(30)), PagePost(date: daysAgo(31))]
        let findings = evaluate([page { $0.posts = posts }])
        #expect(findings["PAGE-STALE"]?.status == .warn)
        #expect(findings["PAGE-STALE"]?.measured == "30")
        let fresh = evaluate([page { $0.posts = [PagePost(date: daysAgo(400), isPinned: true), PagePost(date: daysAgo(1))] }])
        #expect(fresh["PAGE-STALE"]?.status == .pass)
    }

    @Test func commentsClosedOnThePageOrOnRecentPosts() {
        #expect(evaluate([page { $0.commentsOpen = false }])["PAGE-COMMENTS-OPEN"]?.status == .warn)
        let posts = [PagePost(date: daysAgo(1), commentsOpen: true), PagePost(date: daysAgo(2), commentsOpen: false, url: "https://vk.com/wall-5_2")]
        let closedPost = evaluate([page { $0.commentsOpen = true; $0.posts = posts }])["PAGE-COMMENTS-OPEN"]
        #expect(closedPost?.status == .warn && closedPost?.message.ru.contains("wall-5_2") == true)
        #expect(evaluate([page { $0.commentsOpen = true; $0.posts = [PagePost(date: daysAgo(1), commentsOpen: true)] }])["PAGE-COMMENTS-OPEN"]?.status == .pass)
    }

    @Test func theWorstPageDecidesAndTheMessageNamesIt() {
        let ok = PageIdentity(platform: .ok, key: "ok.ru/adm")
        let findings = evaluate([page { $0.governmentMark = true }, page(ok) { $0.governmentMark = false }])
        #expect(findings["PAGE-GOVMARK"]?.status == .warn)
        #expect(findings["PAGE-GOVMARK"]?.message.ru.hasPrefix("ok.ru/adm:") == true)
        let unread = PageObservation.unreadable(ok, CaptureFailure(reason: .loginWall, address: "https://ok.ru/adm"))
        #expect(evaluate([page { $0.governmentMark = true }, unread])["PAGE-GOVMARK"]?.status == .unverifiable)
    }

    @Test func pageExistenceFailsOnlyWhenEveryCandidateWasReadAndIsNotACommunity() {
        #expect(evaluate([page(existence: .deleted)])["PAGE-EXISTS"]?.status == .fail)
        #expect(evaluate([page(existence: .personalProfile)])["SITE-LINKED-PAGE-VALID"]?.status == .fail)
        let unread = PageObservation.unreadable(club, CaptureFailure(reason: .loginWall, address: "https://vk.com/club5"))
        #expect(evaluate([unread])["PAGE-EXISTS"]?.status == .unverifiable)
        #expect(evaluate([unread])["SITE-LINKED-PAGE-VALID"]?.status == .unverifiable)
        #expect(evaluate([page()])["SITE-LINKED-PAGE-VALID"]?.status == .pass)
    }

    @Test func telegramOnlyAgencyHasNoOfficialPage() {
        let channel = PageIdentity(platform: .telegram, key: "t.me/adm")
        let findings = evaluate([page(channel)], site: site(links: ["https://t.me/adm"]))
        #expect(findings["PAGE-EXISTS"]?.status == .fail)
        #expect(findings["PAGE-CONTACTS"]?.status == .unverifiable)
    }

    @Test func mutualLinksNeedBothDirectionsOnOnePage() {
        let both = evaluate([page { $0.websites = ["https://adm.example.ru/"] }])
        #expect(both["CROSS-MUTUAL-LINKS"]?.status == .pass)
        let pageOnly = evaluate([page { $0.websites = ["https://adm.example.ru/"] }], site: site(links: []))
        #expect(pageOnly["CROSS-MUTUAL-LINKS"]?.status == .fail)
        #expect(pageOnly["CROSS-MUTUAL-LINKS"]?.message.ru.contains("сайт → страница нет, страница → сайт да") == true)
        #expect(evaluate([page()])["CROSS-MUTUAL-LINKS"]?.status == .unverifiable)
    }

    @Test func registryAndSiteAreMatchedThroughPageAliases() {
        let named = PageIdentity(platform: .vk, key: "vk.com/adm_city")
        let read = page(named) { $0.aliases = [PageIdentity(platform: .vk, key: "vk.com/club5"), named] }
        let agreeing = evaluate([read], agency: agency(declared: ["https://vk.com/club5"]), site: site(links: ["https://vk.com/adm_city"]))
        #expect(agreeing["CROSS-REGISTRY-MATCHES-SITE"]?.status == .pass)
        let differing = evaluate([], agency: agency(declared: ["https://vk.com/club5"]), site: site(links: ["https://ok.ru/adm"]))
        #expect(differing["CROSS-REGISTRY-MATCHES-SITE"]?.status == .warn)
        #expect(differing["CROSS-REGISTRY-MATCHES-SITE"]?.message.ru == "реестр и сайт расходятся: только в реестре: vk.com/club5; только на сайте: ok.ru/adm")
    }

    @Test func aPageDeclaredByTwoAgenciesIsReported() {
        let agencies = [agency(id: "a", declared: ["https://vk.com/public5"]), agency(id: "b", declared: ["https://m.vk.com/club5"]), agency(id: "c")]
        let claims = AgencyFacts.claims(in: agencies)
        #expect(claims == [club: ["a", "b"]])
        let finding = evaluate([page()], agency: agencies[0], claims: claims)["CROSS-PAGE-UNIQUE"]
        #expect(finding?.status == .warn && finding?.message.ru.contains("vk.com/club5 (b)") == true)
        #expect(evaluate([page()], agency: agencies[2], claims: claims)["CROSS-PAGE-UNIQUE"]?.status == .pass)
    }
}

@Suite struct HTMLPageAliasTests {
    @Test func postLinksNameTheCommunityByNumber() {
        var facts = PageFacts(identity: PageIdentity(platform: .vk, key: "vk.com/adm_city"), source: .vkHTML, address: "https://vk.com/adm_city",
                              capturedAt: Date(timeIntervalSince1970: 0), digest: nil, existence: .community)
        facts.posts = ["https://vk.com/wall-77_10", "https://vk.com/wall-77_9", "https://vk.com/wall-5_1"].map { PagePost(date: Date(timeIntervalSince1970: 0), url: $0) }
        #expect(PageFactsGatherer.aliasesFromPostLinks(facts)?.map(\.key) == ["vk.com/club77", "vk.com/adm_city"])
        facts.posts = ["https://vk.com/wall-77_10", "https://vk.com/wall-5_1"].map { PagePost(date: Date(timeIntervalSince1970: 0), url: $0) }
        #expect(PageFactsGatherer.aliasesFromPostLinks(facts) == nil)  // no majority: do not guess
    }
}
