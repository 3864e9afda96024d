import Foundation
import Testing
@testable import PageAuditCore

/// VK community pages as the public HTML shows them (Fixtures/handmade-vk-html: hand-written,
/// see the README there for what they are modelled on).
@Suite struct VKPageHTMLReaderTests {
    /// 19:30 UTC on 4 March 2026: 22:30 on the 4th in Moscow, 00:30 on the 5th in Yekaterinburg,
    /// 05:30 on the 5th in Vladivostok. «Сегодня» and «вчера» are different days in each.
    static let capture = RFC3339.date(from: "2026-03-04T19:30:00Z")!
    static let identity = PageIdentity(platform: .vk, key: "vk.com/adm_zarechnovodsk")

    func response(_ file: String, url: String, contentType: String? = "text/html; charset=utf-8") throws -> CapturedResponse {
        let path = repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures/handmade-vk-html/\(file)")
        return CapturedResponse(address: WebAddress(url)!, capturedAt: Self.capture, status: 200, contentType: contentType,
                                body: try Data(contentsOf: path))
    }

    func read(_ response: CapturedResponse, zone: String = "Europe/Moscow", identity: PageIdentity = Self.identity) throws -> Result<PageFacts, CaptureFailure> {
        let document = try HTMLDocument(bytes: response.body, address: response.address, contentType: response.contentType)
        return VKPageHTMLReader().facts(of: document, response: response, identity: identity, timeZone: TimeZone(identifier: zone)!)
    }

    func facts(_ file: String, url: String, contentType: String? = "text/html; charset=utf-8", zone: String = "Europe/Moscow") throws -> PageFacts {
        try read(try response(file, url: url, contentType: contentType), zone: zone).get()
    }

    func failure(_ file: String, url: String = "https://vk.com/adm_zarechnovodsk") throws -> CaptureFailure {
        let result = try read(try response(file, url: url))
        guard case .failure(let failure) = result else {
            Issue.record("expected a capture failure, got \(result)")
            throw CancellationError()
        }
        return failure
    }

    /// Reads an inline page, for the cases no fixture needs a file for.
    func inline(_ html: String, url: String = "https://vk.com/club1", zone: String = "Europe/Moscow") throws -> Result<PageFacts, CaptureFailure> {
        try read(CapturedResponse(address: WebAddress(url)!, capturedAt: Self.capture, status: 200, contentType: "text/html; charset=utf-8", body: Data(html.utf8)), zone: zone)
    }

    static func at(_ text: String) -> Date { RFC3339.date(from: text)! }

    /// Nothing but the page's existence (and where and when it was read) is claimed.
    static func claimsOnlyExistence(_ facts: PageFacts) -> Bool {
        facts.name == nil && facts.description == nil && facts.governmentMark == nil && facts.emails == nil
            && facts.phones == nil && facts.postalAddress == nil && facts.websites == nil && facts.commentsOpen == nil
            && facts.posts == nil && facts.posWidgets == nil && facts.hasAvatar == nil && facts.hasCover == nil
            && facts.addressOnMap == nil && facts.subscribers == nil
    }

    // MARK: - Desktop community page

    static let desktopURL = "https://vk.com/adm_zarechnovodsk"
    static let windows1251 = "text/html; charset=windows-1251"

    @Test func desktopCommunityGivesEveryFactTheMarkupShows() throws {
        let response = try response("vk-community-desktop.html", url: Self.desktopURL, contentType: Self.windows1251)
        let facts = try read(response, zone: "Asia/Yekaterinburg").get()
        #expect(facts.identity == Self.identity)
        #expect(facts.source == .vkHTML)
        #expect(facts.address == "https://vk.com/adm_zarechnovodsk")
        #expect(facts.capturedAt == Self.capture)
        #expect(facts.digest == response.digest)
        #expect(facts.existence == .community)
        #expect(facts.name == "Администрация города Заречноводска")
        #expect(facts.description == """
            Администрация города Заречноводска — исполнительно-распорядительный орган местного самоуправления.
            Приёмная главы города: +7 (343) 700-10-20, электронная почта adm@zarechnovodsk.ru
            Порядок приёма обращений граждан: zarechnovodsk.ru/contacts
            Новости губернатора: @gubernator_zarechnoy
            """)
        #expect(facts.governmentMark == true)
        #expect(facts.emails == ["adm@zarechnovodsk.ru", "press@zarechnovodsk.ru"])
        #expect(facts.phones == ["+73437001020", "+73437032215"])
        #expect(facts.postalAddress == "623400, Заречная область, г. Заречноводск, ул. Ленина, д. 1")
        // away.php unwrapped; the link to @gubernator_zarechnoy (VK itself) is not a website.
        #expect(facts.websites == ["https://zarechnovodsk.ru/contacts/", "https://zarechnovodsk.ru/"])
        #expect(facts.subscribers == 12_345)
        #expect(facts.hasAvatar == true)
        #expect(facts.hasCover == true)
        #expect(facts.addressOnMap == true)
        #expect(facts.posWidgets == 2)
        #expect(facts.commentsOpen == true)
    }

    /// The same wall read for an agency in Yekaterinburg, where the capture fell at 00:30 on 5 March.
    @Test func desktopPostsResolveInYekaterinburg() throws {
        let facts = try facts("vk-community-desktop.html", url: Self.desktopURL, contentType: Self.windows1251, zone: "Asia/Yekaterinburg")
        #expect(facts.posts == [
            PagePost(date: Self.at("2026-03-04T19:20:00Z"), isPinned: false, isRepost: false, commentsOpen: true, url: "https://vk.com/wall-219000001_4121"),
            PagePost(date: Self.at("2026-03-04T13:40:00Z"), isPinned: false, isRepost: false, commentsOpen: true, url: "https://vk.com/wall-219000001_4120"),
            PagePost(date: Self.at("2026-03-03T07:00:00Z"), isPinned: false, isRepost: true, commentsOpen: true, url: "https://vk.com/wall-219000001_4119"),
            PagePost(date: Self.at("2026-03-01T11:20:00Z"), isPinned: false, isRepost: false, commentsOpen: false, url: "https://vk.com/wall-219000001_4117"),
            PagePost(date: Self.at("2026-02-26T08:00:00Z"), isPinned: false, isRepost: false, commentsOpen: true, url: "https://vk.com/wall-219000001_4112"),
            PagePost(date: Self.at("2025-12-14T19:00:00Z"), isPinned: false, isRepost: false, commentsOpen: true, url: "https://vk.com/wall-219000001_4050"),
            PagePost(date: Self.at("2023-03-01T19:00:00Z"), isPinned: true, isRepost: false, commentsOpen: true, url: "https://vk.com/wall-219000001_1187"),
        ])
    }

    /// In Moscow the capture fell at 22:30 on 4 March: «сегодня в 0:20» is a day earlier than in
    /// Yekaterinburg. The `rel_date time=` stamp is an instant and the same in both zones. Read
    /// without a content type, as a hand-saved file: the `<meta>` windows-1251 is honoured.
    @Test func desktopPostsResolveInMoscow() throws {
        let facts = try facts("vk-community-desktop.html", url: Self.desktopURL, contentType: nil, zone: "Europe/Moscow")
        #expect(facts.name == "Администрация города Заречноводска")
        #expect(facts.posts?.map(\.date) == [
            "2026-03-03T21:20:00Z", "2026-03-03T15:40:00Z", "2026-03-03T09:00:00Z", "2026-03-01T13:20:00Z",
            "2026-02-26T08:00:00Z", "2025-12-14T21:00:00Z", "2023-03-01T21:00:00Z",
        ].map(Self.at))
        #expect(facts.posts?.map(\.isPinned) == [false, false, false, false, false, false, true])
    }

    @Test func repostTakesItsOwnDateNotTheQuotedPostsDate() throws {
        let facts = try facts("vk-community-desktop.html", url: Self.desktopURL, contentType: Self.windows1251, zone: "Asia/Yekaterinburg")
        let repost = try #require(facts.posts?.first { $0.isRepost == true })
        // «3 мар в 12:00» of the post, not the quoted post's «3 мар в 10:30» (`rel_date time=1772515800`).
        #expect(repost.date == Self.at("2026-03-03T07:00:00Z"))
        #expect(repost.url == "https://vk.com/wall-219000001_4119")
    }

    // MARK: - Mobile community page

    static let mobileURL = "https://m.vk.com/uo_zarechnovodsk"

    @Test func mobileCommunityPage() throws {
        let facts = try facts("vk-community-mobile.html", url: Self.mobileURL)
        #expect(facts.existence == .community)
        #expect(facts.address == "https://m.vk.com/uo_zarechnovodsk")
        #expect(facts.name == "Управление образования Заречноводского района")
        #expect(facts.description == "Управление образования администрации Заречноводского района. Вопросы о приёме в школы и детские сады: +7 (34370) 2-15-40 (пн–пт, 9:00–17:00).")
        // The information block is shown whole, so no email is a real "none".
        #expect(facts.emails == [])
        #expect(facts.phones == ["+73437021540"])
        #expect(facts.postalAddress == nil)
        // away.php with the IDN host percent-encoded in windows-1251, as VK writes it.
        #expect(facts.websites == ["https://уо-заречноводск.рф/"])
        #expect(facts.subscribers == 3_418)
        #expect(facts.hasAvatar == true)
        #expect(facts.hasCover == nil)
        #expect(facts.governmentMark == nil)
        #expect(facts.posWidgets == nil)
        #expect(facts.addressOnMap == nil)
        #expect(facts.commentsOpen == true)
    }

    @Test func mobilePostsResolveInMoscow() throws {
        let facts = try facts("vk-community-mobile.html", url: Self.mobileURL, zone: "Europe/Moscow")
        #expect(facts.posts == [
            PagePost(date: Self.at("2026-03-04T18:30:00Z"), isPinned: nil, isRepost: nil, commentsOpen: true, url: "https://vk.com/wall-219000002_688"),
            PagePost(date: Self.at("2026-03-04T01:40:00Z"), isPinned: nil, isRepost: nil, commentsOpen: true, url: "https://vk.com/wall-219000002_687"),
            PagePost(date: Self.at("2026-03-03T18:47:00Z"), isPinned: nil, isRepost: nil, commentsOpen: false, url: "https://vk.com/wall-219000002_686"),
            PagePost(date: Self.at("2026-03-02T11:00:00Z"), isPinned: nil, isRepost: nil, commentsOpen: true, url: "https://vk.com/wall-219000002_684"),
            PagePost(date: Self.at("2026-02-27T06:30:00Z"), isPinned: nil, isRepost: nil, commentsOpen: true, url: "https://vk.com/wall-219000002_681"),
        ])
    }

    /// At 05:30 on 5 March in Vladivostok «сегодня в 4:40» is later than «час назад».
    @Test func mobilePostsResolveInVladivostok() throws {
        let facts = try facts("vk-community-mobile.html", url: Self.mobileURL, zone: "Asia/Vladivostok")
        #expect(facts.posts?.map(\.date) == [
            "2026-03-04T18:40:00Z", "2026-03-04T18:30:00Z", "2026-03-04T11:47:00Z", "2026-03-02T04:00:00Z", "2026-02-26T23:30:00Z",
        ].map(Self.at))
        #expect(facts.posts?.map(\.url) == [687, 688, 686, 684, 681].map { "https://vk.com/wall-219000002_\($0)" })
    }

    // MARK: - Walls the reader refuses to read

    @Test func loginWallIsAFailureNotFacts() throws {
        let failure = try failure("vk-login-wall.html")
        #expect(failure.reason == .loginWall)
        #expect(failure.address == "https://vk.com/adm_zarechnovodsk")
        #expect(failure.capturedAt == Self.capture)
        #expect(failure.detail == "login: войдите, чтобы продолжить")
    }

    @Test func captchaIsAFailureNotFacts() throws {
        let failure = try failure("vk-captcha.html")
        #expect(failure.reason == .loginWall)
        #expect(failure.detail == "captcha: captcha_form")
    }

    /// A login form alone (VK's `id.vk.com` form, no phrase) is enough.
    @Test func loginFormWithoutPhraseIsALoginWall() throws {
        let result = try inline("""
            <html><head><title>ВКонтакте</title></head><body>
            <form action="https://id.vk.com/auth?app_id=1" method="post"><input name="login"><button>Продолжить</button></form>
            </body></html>
            """)
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .loginWall)
        #expect(failure.detail == "login: form action=id.vk.com")
    }

    // MARK: - Gone, blocked, closed, personal

    @Test func deletedCommunityClaimsNothingElse() throws {
        let facts = try facts("vk-deleted.html", url: "https://vk.com/club219000009")
        #expect(facts.existence == .deleted)
        #expect(Self.claimsOnlyExistence(facts))
        #expect(facts.address == "https://vk.com/club219000009")
    }

    @Test func blockedCommunityClaimsNothingElse() throws {
        let facts = try facts("vk-blocked.html", url: "https://vk.com/club219000003")
        #expect(facts.existence == .banned)
        #expect(Self.claimsOnlyExistence(facts))
    }

    /// The closed group's page also carries VK's login form for guests: it is still a closed
    /// community, not a login wall.
    @Test func closedCommunityClaimsNothingElse() throws {
        let facts = try facts("vk-closed.html", url: "https://vk.com/molsovet_zarechnovodsk")
        #expect(facts.existence == .closed)
        #expect(Self.claimsOnlyExistence(facts))
    }

    @Test func privateCommunityIsClosed() throws {
        let result = try inline("""
            <html><body><div id="group"><div id="page_header_wrap"><div class="page_top"><h1 class="page_name">Рабочая группа</h1></div></div>
            <div class="page_block"><div class="group_closed_title">Это частное сообщество</div><div>Доступ только по приглашениям администраторов.</div></div></div></body></html>
            """)
        #expect(try result.get().existence == .closed)
    }

    @Test func personalProfileIsNotACommunity() throws {
        let facts = try facts("vk-personal-profile.html", url: "https://vk.com/id512345678")
        #expect(facts.existence == .personalProfile)
        #expect(facts.name == "Сергей Колосов")
        #expect(facts.posts == nil && facts.subscribers == nil && facts.governmentMark == nil)
    }

    /// A state phrase the owner wrote (status, description) or a post says nothing of the page's state.
    @Test func statePhrasesInOwnersTextDoNotCount() throws {
        let facts = try inline("""
            <html><body><div id="public">
            <div id="page_header_wrap"><div class="page_top"><h1 class="page_name">Архивный отдел</h1>
            <div id="page_current_info"><span class="current_text">Сообщество удалено из реестра СМИ, но работает</span></div></div></div>
            <div id="page_group_info_block"><div class="group_info_row info"><div class="line_value">Это закрытое сообщество? Нет, открытое. archive@example.ru</div></div></div>
            <div id="page_wall_posts"><div id="page_no_wall">На стене пока нет ни одной записи</div></div>
            </div></body></html>
            """).get()
        #expect(facts.existence == .community)
        #expect(facts.name == "Архивный отдел")
        #expect(facts.emails == ["archive@example.ru"])
        // The wall is drawn and empty: no posts is a fact, not an unknown.
        #expect(facts.posts == [])
    }

    @Test func postsWithoutReadableDatesAreUnknownNotNone() throws {
        let facts = try inline("""
            <html><body><div id="public"><h1 class="page_name">Отдел ЗАГС</h1>
            <div id="page_wall_posts"><div class="post" data-post-id="-5_1"><div class="PostHeaderSubtitle"><span class="PostHeaderSubtitle__item">когда-то давно</span></div></div></div>
            </div></body></html>
            """).get()
        #expect(facts.existence == .community)
        #expect(facts.posts == nil)
        #expect(facts.commentsOpen == nil)
    }

    /// No label, no mark claimed: the category «Государственная организация» is not the mark, and
    /// the absence of the label is unknown, not false.
    @Test func governmentMarkOnlyFromTheLabel() throws {
        let facts = try inline("""
            <html><body><div id="public"><div id="page_header_wrap"><div class="page_top"><h1 class="page_name">Госорганизация Заречья</h1>
            <div class="redesigned-group-info__category">Государственная организация</div></div></div>
            <div id="page_group_info_block"><div class="group_info_row info"><div class="line_value">Госорганизация</div></div></div>
            </div></body></html>
            """).get()
        #expect(facts.governmentMark == nil)
    }

    // MARK: - Unrecognised and hostile input

    @Test func pageWithoutVKMarkupIsUnrecognised() throws {
        let result = try inline("<html><head><title>Заречноводск</title></head><body><p>Добро пожаловать на сайт.</p></body></html>")
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .unrecognisedPage)
    }

    /// A real regional portal saved as if it were VK (a wrong file in a snapshot set).
    @Test func realGovernmentSiteIsUnrecognised() throws {
        let body = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures/real-site/pskov.ru.html"))
        let result = try read(CapturedResponse(address: WebAddress("https://vk.com/pskov")!, capturedAt: Self.capture, status: 200, contentType: "text/html", body: body))
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .unrecognisedPage)
    }

    @Test func emptyBodyIsUnrecognised() throws {
        let result = try read(CapturedResponse(address: WebAddress("https://vk.com/club1")!, capturedAt: Self.capture, status: 200, contentType: nil, body: Data()))
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .unrecognisedPage)
    }

    @Test(.timeLimit(.minutes(1))) func hostileMarkupNeitherCrashesNorHangs() throws {
        var html = "<html><body><div id=\"public\"><h1 class=\"page_name\">X</h1><div id=\"page_subscribers\">999999999999999999999999 подписчиков</div>"
        html += String(repeating: "<div class=\"copy_quote\">", count: 20_000) + String(repeating: "</div>", count: 20_000)
        html += "<div id=\"page_wall_posts\">"
        for index in 0..<3_000 {
            html += "<div class=\"post\" data-post-id=\"-1_\(index)\"><a class=\"PostHeaderSubtitle__link\"><span class=\"PostHeaderSubtitle__item\">\(index % 28 + 1) фев в 25:99</span></a>"
            html += "<span class=\"rel_date\" time=\"-99999999999999\">x</span><div class=\"post\" data-post-id=\"-1_0\"></div></div>"
        }
        html += "<a href=\"/away.php?to=%%%%\">x</a><a href=\"/away.php?to=javascript%3Aalert(1)\">y</a>"
        html += String(repeating: "<span>", count: 50_000) + "Сообщить о проблеме" + String(repeating: "</span>", count: 50_000)
        html += "</div></div></body></html>"
        let facts = try inline(html).get()
        #expect(facts.existence == .community)
        #expect(facts.subscribers == nil)
        #expect((facts.posts?.count ?? 0) <= PageHTMLText.postLimit)
        #expect(facts.websites == nil)
    }

    // MARK: - Counters and redirects

    @Test func countersInEveryForm() {
        #expect(PageHTMLText.count(in: "12 345 подписчиков") == 12_345)
        #expect(PageHTMLText.count(in: "12\u{a0}345 подписчиков") == 12_345)
        #expect(PageHTMLText.count(in: "1,2K участников") == 1_200)
        #expect(PageHTMLText.count(in: "12,3K") == 12_300)
        #expect(PageHTMLText.count(in: "3,4 тыс. подписчиков") == 3_400)
        #expect(PageHTMLText.count(in: "1.2M followers") == 1_200_000)
        #expect(PageHTMLText.count(in: "2 млн") == 2_000_000)
        #expect(PageHTMLText.count(in: "12,345 followers") == 12_345)
        #expect(PageHTMLText.count(in: "Подписчики 1 234 567") == 1_234_567)
        #expect(PageHTMLText.count(in: "58 участников") == 58)
        #expect(PageHTMLText.count(in: "нет подписчиков") == nil)
        #expect(PageHTMLText.count(in: "99999999999999999999") == nil)
    }

    @Test func redirectsAreUnwrapped() {
        func unwrap(_ link: String) -> String { PageHTMLText.unwrapRedirect(WebAddress(link)!).displayString }
        #expect(unwrap("https://vk.com/away.php?to=https%3A%2F%2Fzarechnovodsk.ru%2F&cc_key=") == "https://zarechnovodsk.ru/")
        #expect(unwrap("https://m.vk.com/away.php?to=https%3A%2F%2F%E0%E4%EC.%F0%F4%2F") == "https://адм.рф/")
        #expect(unwrap("https://ok.ru/dk?cmd=logExternal&st.link=https%3A%2F%2Fadm.ru%2Fa") == "https://adm.ru/a")
        // Not a redirect, or a redirect to nothing usable: the address itself.
        #expect(unwrap("https://vk.com/away.php?to=javascript%3Aalert(1)") == "https://vk.com/away.php?to=javascript:alert(1)")
        #expect(unwrap("https://example.ru/away.php?to=https%3A%2F%2Fevil.ru") == "https://example.ru/away.php?to=https://evil.ru")
    }
}
