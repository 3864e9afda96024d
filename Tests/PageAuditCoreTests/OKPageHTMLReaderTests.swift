import Foundation
import Testing
@testable import PageAuditCore

/// Odnoklassniki group pages as the public HTML shows them (Fixtures/handmade-ok-html:
/// hand-written, see the README there for what they are modelled on).
@Suite struct OKPageHTMLReaderTests {
    /// 09:00 UTC on 4 March 2026: 12:00 in Moscow, 15:00 in Omsk.
    static let capture = RFC3339.date(from: "2026-03-04T09:00:00Z")!
    static let identity = PageIdentity(platform: .ok, key: "ok.ru/group/70000012345678")
    static let groupURL = "https://ok.ru/group/70000012345678"

    func read(_ response: CapturedResponse, zone: String) throws -> Result<PageFacts, CaptureFailure> {
        let document = try HTMLDocument(bytes: response.body, address: response.address, contentType: response.contentType)
        return OKPageHTMLReader().facts(of: document, response: response, identity: Self.identity, timeZone: TimeZone(identifier: zone)!)
    }

    func response(_ file: String, url: String = Self.groupURL) throws -> CapturedResponse {
        let path = repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures/handmade-ok-html/\(file)")
        return CapturedResponse(address: WebAddress(url)!, capturedAt: Self.capture, status: 200, contentType: "text/html; charset=utf-8",
                                body: try Data(contentsOf: path))
    }

    func read(_ file: String, url: String = Self.groupURL, zone: String = "Europe/Moscow") throws -> Result<PageFacts, CaptureFailure> {
        try read(try response(file, url: url), zone: zone)
    }

    func inline(_ html: String, url: String = "https://ok.ru/group/1") throws -> Result<PageFacts, CaptureFailure> {
        try read(CapturedResponse(address: WebAddress(url)!, capturedAt: Self.capture, status: 200, contentType: "text/html; charset=utf-8", body: Data(html.utf8)), zone: "Europe/Moscow")
    }

    static func at(_ text: String) -> Date { RFC3339.date(from: text)! }

    @Test func groupPageGivesEveryFactTheMarkupShows() throws {
        let response = try response("ok-group.html")
        let facts = try read(response, zone: "Europe/Moscow").get()
        #expect(facts.identity == Self.identity)
        #expect(facts.source == .okHTML)
        #expect(facts.address == "https://ok.ru/group/70000012345678")
        #expect(facts.capturedAt == Self.capture)
        #expect(facts.digest == response.digest)
        #expect(facts.existence == .community)
        #expect(facts.name == "Администрация Заречноводского района")
        #expect(facts.description == "Официальная группа администрации Заречноводского района. Приёмная главы района: +7 (34370) 2-11-00, e-mail: priem@zarechnovodsk-rayon.ru. Режим работы: пн–пт 8:30–17:30.")
        // «Государственная организация» is OK's category of the group, not a government mark.
        #expect(facts.governmentMark == nil)
        #expect(facts.emails == ["priem@zarechnovodsk-rayon.ru"])
        #expect(facts.phones == ["+73437021100"])
        #expect(facts.postalAddress == "623401, Заречная область, г. Заречноводск, ул. Ленина, д. 12")
        // ok.ru/dk?cmd=logExternal&st.link=… unwrapped.
        #expect(facts.websites == ["https://zarechnovodsk-rayon.ru/"])
        #expect(facts.subscribers == 4_812)
        #expect(facts.hasAvatar == true)
        #expect(facts.hasCover == true)
        #expect(facts.addressOnMap == true)
        // The «Сообщить о проблеме» link to pos.gosuslugi.ru; OK's own footer link of that name is not a widget.
        #expect(facts.posWidgets == 1)
        #expect(facts.commentsOpen == true)
    }

    @Test func groupPostsResolveInMoscow() throws {
        let facts = try read("ok-group.html", zone: "Europe/Moscow").get()
        let topic = "https://ok.ru/group/70000012345678/topic/"
        #expect(facts.posts == [
            PagePost(date: Self.at("2026-03-04T07:05:00Z"), isPinned: nil, isRepost: nil, commentsOpen: true, url: topic + "157000000000240"),
            PagePost(date: Self.at("2026-03-03T08:40:00Z"), isPinned: nil, isRepost: nil, commentsOpen: true, url: topic + "157000000000238"),
            PagePost(date: Self.at("2026-03-02T13:00:00Z"), isPinned: nil, isRepost: true, commentsOpen: true, url: topic + "157000000000231"),
            PagePost(date: Self.at("2026-02-27T07:15:00Z"), isPinned: nil, isRepost: nil, commentsOpen: false, url: topic + "157000000000219"),
            PagePost(date: Self.at("2025-11-11T21:00:00Z"), isPinned: true, isRepost: nil, commentsOpen: true, url: topic + "157000000000101"),
        ])
    }

    /// «10:05» (today, as OK shows it) and «вчера 11:40» read in Omsk, three hours east.
    @Test func groupPostsResolveInOmsk() throws {
        let facts = try read("ok-group.html", zone: "Asia/Omsk").get()
        #expect(facts.posts?.map(\.date) == [
            "2026-03-04T04:05:00Z", "2026-03-03T05:40:00Z", "2026-03-02T10:00:00Z", "2026-02-27T04:15:00Z", "2025-11-11T18:00:00Z",
        ].map(Self.at))
    }

    @Test func blockedGroupClaimsNothingElse() throws {
        let facts = try read("ok-blocked.html", url: "https://ok.ru/group/70000012340000").get()
        #expect(facts.existence == .banned)
        #expect(facts.address == "https://ok.ru/group/70000012340000")
        #expect(VKPageHTMLReaderTests.claimsOnlyExistence(facts))
    }

    @Test func deletedGroupClaimsNothingElse() throws {
        let facts = try read("ok-deleted.html", url: "https://ok.ru/zarechnoe_selo").get()
        #expect(facts.existence == .deleted)
        #expect(VKPageHTMLReaderTests.claimsOnlyExistence(facts))
    }

    @Test func antiBotPageIsAFailureNotFacts() throws {
        let result = try read("ok-antibot.html")
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .loginWall)
        #expect(failure.address == "https://ok.ru/group/70000012345678")
        #expect(failure.detail == "captcha: captchaForm")
    }

    @Test func loginPageIsAFailureNotFacts() throws {
        let result = try inline("""
            <html><head><title>Одноклассники</title></head><body>
            <div class="anonym-login"><form action="/dk?cmd=AnonymLogin&amp;st.cmd=anonymLogin" method="post">
            <input id="field_email" name="st.email"><input id="field_password" type="password" name="st.password"><input type="submit" value="Войти"></form></div>
            </body></html>
            """)
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .loginWall)
        #expect(failure.detail == "login: form action=anonymlogin")
    }

    @Test func closedGroupIsClosed() throws {
        let facts = try inline("""
            <html><body><div id="hook_Block_AltGroupHeader"><div class="group-name"><h1 class="group-name_h">Совет депутатов</h1></div></div>
            <div class="stub-empty"><div class="stub-empty_t">Это закрытая группа</div><div>Вступите в группу, чтобы увидеть публикации.</div></div></body></html>
            """).get()
        #expect(facts.existence == .closed)
        #expect(VKPageHTMLReaderTests.claimsOnlyExistence(facts))
    }

    @Test func groupWithEmptyFeedHasNoPosts() throws {
        let facts = try inline("""
            <html><body><h1 class="group-name_h">Библиотека</h1>
            <div class="group-info"><div class="group-info_desc">Сайт: <a href="https://ok.ru/dk?cmd=logExternal&amp;st.link=https%3A%2F%2Flib.example.ru">lib.example.ru</a></div></div>
            <div class="feed-list"><div class="stub-empty">В группе пока нет публикаций</div></div></body></html>
            """).get()
        #expect(facts.existence == .community)
        #expect(facts.posts == [])
        #expect(facts.websites == ["https://lib.example.ru/"])
        #expect(facts.emails == [] && facts.phones == [])
        #expect(facts.subscribers == nil && facts.hasCover == nil && facts.posWidgets == nil)
    }

    @Test func pageWithoutOKMarkupIsUnrecognised() throws {
        let result = try inline("<html><body><h1>Новости</h1><p>Текст</p></body></html>")
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .unrecognisedPage)
    }

    /// A VK page given to the OK reader is not an OK group.
    @Test func vkPageIsNotAnOKGroup() throws {
        let body = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures/handmade-vk-html/vk-community-mobile.html"))
        let result = try read(CapturedResponse(address: WebAddress(Self.groupURL)!, capturedAt: Self.capture, status: 200, contentType: "text/html", body: body), zone: "Europe/Moscow")
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .unrecognisedPage)
    }

    @Test(.timeLimit(.minutes(1))) func hostileMarkupNeitherCrashesNorHangs() throws {
        var html = "<html><body><h1 class=\"group-name_h\">X</h1><a href=\"/group/1/members\">Участники <span class=\"portlet_h_count\">1,5 млрд</span></a><div class=\"feed-list\">"
        for index in 0..<3_000 {
            html += "<div class=\"feed\"><div class=\"feed_date\">\(index % 60):\(index % 99)</div>"
            html += String(repeating: "<div class=\"media-reshare\">", count: 30) + "<div class=\"feed_date\">вчера 10:00</div>" + String(repeating: "</div>", count: 30)
            html += "</div>"
        }
        html += String(repeating: "<div>", count: 100_000) + String(repeating: "</div>", count: 100_000)
        html += "</div></body></html>"
        let facts = try inline(html).get()
        #expect(facts.existence == .community)
        #expect((facts.posts?.count ?? 0) <= PageHTMLText.postLimit)
        #expect(facts.subscribers == 1_500_000_000)
    }
}
