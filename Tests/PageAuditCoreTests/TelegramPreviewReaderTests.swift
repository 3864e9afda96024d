import Foundation
import Testing
@testable import PageAuditCore

/// Reading t.me/s/ previews: real pages (Fixtures/real-telegram, see SOURCES.md there) and
/// hand-written edge cases (Fixtures/handmade-telegram, see README.md there).
@Suite struct TelegramPreviewReaderTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures")

    func instant(_ text: String) throws -> Date { try #require(RFC3339.date(from: text)) }

    func read(_ file: String, channel: String, capturedAt: String = "2023-02-28T17:00:00Z",
              timeZone: String = "Europe/Moscow", status: Int = 200) throws -> Result<PageFacts, CaptureFailure> {
        let response = CapturedResponse(address: WebAddress("https://t.me/s/\(channel)")!, capturedAt: try instant(capturedAt),
                                        status: status, contentType: "text/html; charset=utf-8",
                                        body: try Data(contentsOf: Self.fixtures.appendingPathComponent(file)))
        let document = try HTMLDocument(bytes: response.body, address: response.address, contentType: response.contentType)
        return TelegramPreviewReader().facts(of: document, response: response, identity: PageIdentity(platform: .telegram, key: "t.me/\(channel)"),
                                             timeZone: try #require(TimeZone(identifier: timeZone)))
    }

    func facts(_ file: String, channel: String, capturedAt: String = "2023-02-28T17:00:00Z", timeZone: String = "Europe/Moscow") throws -> PageFacts {
        switch try read(file, channel: channel, capturedAt: capturedAt, timeZone: timeZone) {
        case .success(let facts): return facts
        case .failure(let failure): throw failure
        }
    }

    func failure(_ file: String, channel: String) throws -> CaptureFailure {
        guard case .failure(let failure) = try read(file, channel: channel) else {
            Issue.record("\(file) was read as a page"); throw CancellationError()
        }
        return failure
    }

    // MARK: - Real pages

    @Test func fullPageHeaderGivesNameSiteAndSubscribers() throws {
        let page = try facts("real-telegram/any2feed__full.html", channel: "topwar_official")
        #expect(page.source == .telegramPreview && page.existence == .community)
        #expect(page.identity.key == "t.me/topwar_official" && page.address == "https://t.me/s/topwar_official")
        #expect(page.capturedAt == (try instant("2023-02-28T17:00:00Z")))
        #expect(page.digest?.hasPrefix("sha256:") == true)
        #expect(page.name == "Военное обозрение")
        #expect(page.description?.hasPrefix("Официальный канал сайта topwar.ru") == true)
        #expect(page.description?.contains("@effective100") == true)
        #expect(page.websites == ["http://topwar.ru/"])
        #expect(page.emails == [] && page.phones == [])
        #expect(page.subscribers == 109_000)
        #expect(page.hasAvatar == true)
        // Not shown in previews, or not a Telegram notion: unknown, never false.
        #expect(page.commentsOpen == nil && page.governmentMark == nil && page.posWidgets == nil)
        #expect(page.hasCover == nil && page.addressOnMap == nil && page.postalAddress == nil)
    }

    @Test func fullPagePostsAreNewestFirstWithExactDates() throws {
        let posts = try #require(try facts("real-telegram/any2feed__full.html", channel: "topwar_official").posts)
        #expect(posts.count == 12)
        let newest = try #require(posts.first), oldest = try #require(posts.last)
        #expect(newest.date == (try instant("2023-02-28T13:14:03Z")) && newest.url == "https://t.me/topwar_official/71008")
        #expect(oldest.date == (try instant("2023-02-28T07:47:53Z")) && oldest.url == "https://t.me/topwar_official/70989")
        #expect(zip(posts, posts.dropFirst()).allSatisfy { $0.date > $1.date })
        #expect(Set(posts.filter { $0.isRepost == true }.compactMap(\.url)) == Set([70996, 70998, 71006, 71007, 71008].map { "https://t.me/topwar_official/\($0)" }))
        #expect(posts.filter { $0.isRepost == false }.count == 7)
        #expect(posts.allSatisfy { $0.isPinned == nil && $0.commentsOpen == nil })
    }

    @Test func forwardedPostIsARepost() throws {
        let page = try facts("real-telegram/any2feed__message_media_forwarded_from.html", channel: "oper_goblin")
        #expect(page.existence == .community)
        let post = try #require(page.posts?.only)
        #expect(post.isRepost == true)
        #expect(post.date == (try instant("2023-02-27T07:20:50Z")))
        #expect(post.url == "https://t.me/oper_goblin/22358")
        // A fragment has no channel header: what it would show stays unknown.
        #expect(page.name == nil && page.description == nil && page.emails == nil && page.websites == nil)
        #expect(page.subscribers == nil && page.hasAvatar == nil)
    }

    @Test(arguments: [
        ("any2feed__message_text.html", "topwar_official", "2023-02-28T08:48:01Z", "https://t.me/topwar_official/70991"),
        ("any2feed__message_with_from_author.html", "channel", "2023-02-28T16:38:34Z", "https://t.me/channel/4"),
        ("any2feed__message_link_preview.html", "oper_goblin", "2023-02-27T07:33:14Z", "https://t.me/oper_goblin/22360"),
        // The album's video duration is a <time> without datetime, before the post's own date.
        ("any2feed__message_media_photo_and_video.html", "anna_news", "2023-02-28T06:48:36Z", "https://t.me/anna_news/46908"),
    ])
    func singlePostDate(file: String, channel: String, date: String, url: String) throws {
        let page = try facts("real-telegram/\(file)", channel: channel)
        let post = try #require(page.posts?.only)
        #expect(post.date == (try instant(date)))
        #expect(post.url == url)
        #expect(post.isRepost == false && post.isPinned == nil)
    }

    // MARK: - Pages without a preview

    @Test func pageWithoutChannelInfoIsUnrecognised() throws {
        let failure = try failure("handmade-telegram/no-channel-info.html", channel: "adm_test")
        #expect(failure.reason == .unrecognisedPage)
        #expect(failure.address == "https://t.me/s/adm_test" && failure.status == 200)
    }

    @Test func stubForAnUnheldUsernameMeansDeleted() throws {
        let page = try facts("handmade-telegram/username-not-found.html", channel: "adm_nowhere_test")
        #expect(page.existence == .deleted)
        #expect(page.name == nil && page.posts == nil && page.subscribers == nil)
        // The same stub captured for another name is a wrong file, not evidence.
        #expect(try failure("handmade-telegram/username-not-found.html", channel: "adm_other").reason == .unrecognisedPage)
    }

    @Test func landingPageOfAChannelIsACommunityWithUnknownPosts() throws {
        let page = try facts("handmade-telegram/landing-channel-no-preview.html", channel: "adm_landing_test")
        #expect(page.existence == .community)
        #expect(page.name == "Администрация города N")
        #expect(page.subscribers == 10_612)
        #expect(page.hasAvatar == true)
        #expect(page.posts == nil)
        #expect(page.phones == ["+74951234567"])
        #expect(page.websites == ["https://adm-n.example.ru/"])
    }

    @Test func personsContactPageIsAPersonalProfile() throws {
        let page = try facts("handmade-telegram/landing-person.html", channel: "ivan_petrov_test")
        #expect(page.existence == .personalProfile)
        #expect(page.name == "Иван Петров")
    }

    @Test func blockedChannelIsBanned() throws {
        let page = try facts("handmade-telegram/restricted-channel.html", channel: "adm_blocked_test")
        #expect(page.existence == .banned)
        #expect(page.posts == nil)
    }

    @Test func errorStatusIsACaptureFailure() throws {
        guard case .failure(let failure) = try read("real-telegram/any2feed__full.html", channel: "topwar_official", status: 404) else {
            Issue.record("a 404 was read as a page"); return
        }
        #expect(failure.reason == .httpStatus && failure.showsPageIsGone)
    }

    // MARK: - Dates

    @Test func garbageDatetimeMakesThePostsUnknownNotFewer() throws {
        let page = try facts("handmade-telegram/garbage-datetime.html", channel: "adm_test")
        #expect(page.posts == nil)
        #expect(page.existence == .community && page.name == "Тестовый канал")
        #expect(page.subscribers == 1_234 && page.description == "Новости района")
    }

    @Test func timeTextIsReadInTheAgencysZoneWhenDatetimeIsMissing() throws {
        // 00:10 in Vladivostok on 20 November: «вчера» is 19 November there (in UTC it is still the 19th, 14:10).
        let page = try facts("handmade-telegram/date-fallback.html", channel: "adm_test",
                             capturedAt: "2026-11-20T00:10:00+10:00", timeZone: "Asia/Vladivostok")
        let posts = try #require(page.posts)
        #expect(posts.map(\.date) == [try instant("2026-11-19T09:30:00+10:00"), try instant("2026-11-17T06:00:00Z")])
        #expect(posts.first?.url == "https://t.me/adm_test/21")
    }

    @Test func postDatedAfterTheCaptureMakesThePostsUnknown() throws {
        #expect(try facts("handmade-telegram/future-datetime.html", channel: "adm_test").posts == nil)
    }

    // MARK: - Description

    @Test func injectedMarkupInTheDescriptionComesOutAsPlainText() throws {
        let page = try facts("handmade-telegram/description-injection.html", channel: "adm_test")
        let description = try #require(page.description)
        #expect(description.hasPrefix("Канал <script>alert(\"x\")</script> администрации"))
        for hidden in ["СКРЫТЫЙ", "document.write", "display:none", "onmouseover", "alert(2)", "alert(3)", "alert(4)", "onerror"] {
            #expect(!description.contains(hidden), "\(hidden) leaked into the description")
        }
        #expect(page.name == "Администрация <b>города</b>")
        // javascript: and data: links are not websites, nor is a bot on t.me; the IDN host is shown in Unicode.
        #expect(page.websites == ["https://adm.example.ru/", "https://сайт.рф/путь"])
        #expect(page.hasAvatar == true)
    }

    @Test func obfuscatedEmailAndContactLinksInTheDescription() throws {
        let page = try facts("handmade-telegram/description-obfuscated-contacts.html", channel: "adm_test")
        #expect(page.emails == ["press@adm-rayon.ru", "priemnaya@adm-rayon.ru"])
        #expect(page.phones == ["+74212654321", "+74212123456"])
        #expect(page.websites == ["http://adm-rayon.ru/"])
    }

    @Test func emptyChannelHasNoPhotoNoDescriptionAndNoPosts() throws {
        let page = try facts("handmade-telegram/empty-channel.html", channel: "adm_test")
        #expect(page.existence == .community && page.name == "Новый канал")
        #expect(page.hasAvatar == false)
        #expect(page.description == "" && page.emails == [] && page.phones == [] && page.websites == [])
        #expect(page.posts == [])
        #expect(page.subscribers == 8)
    }

    @Test func serviceMessagesAreSkippedAndCommentLinksSeen() throws {
        let page = try facts("handmade-telegram/service-and-comments.html", channel: "adm_test")
        #expect(page.subscribers == 1_200_000)
        let posts = try #require(page.posts)
        #expect(posts.count == 3)
        #expect(posts.map(\.url) == ["https://t.me/adm_test/42", "https://t.me/adm_test/41", nil])
        #expect(posts[0].isRepost == true && posts[0].commentsOpen == nil)
        #expect(posts[1].isRepost == false && posts[1].commentsOpen == true)
        #expect(page.commentsOpen == nil)
    }

    // MARK: - Counts

    @Test(arguments: [
        ("109K", 109_000), ("19.6K", 19_600), ("1.2M", 1_200_000), ("1 234", 1_234), ("1\u{a0}234", 1_234),
        ("10\u{202f}612\u{202f}280", 10_612_280), ("8", 8), ("1,234", 1_234), ("1,2 тыс.", 1_200), ("3 млн", 3_000_000), ("2.5k", 2_500),
    ])
    func countsAsTelegramPrintsThem(text: String, value: Int) {
        #expect(TelegramPreviewReader.count(text) == value)
    }

    @Test(arguments: ["", "K", "abc", "1.2", "1,23", "12abc", "-5", "1.2.3K", "1.234,5"])
    func unreadableCountsAreUnknown(text: String) {
        #expect(TelegramPreviewReader.count(text) == nil)
    }
}

private extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
