import Foundation

/// Reads a captured public HTML page of a VK community, desktop (`vk.com/…`) or mobile
/// (`m.vk.com/…`), into `PageFacts`.
///
/// VK's public HTML says less than its API and changes often, so the reader claims only what the
/// markup shows: a fact whose element is missing stays nil, never false. It tells apart:
/// - the login wall and the captcha VK shows to robots: a failure, never facts;
/// - deleted, blocked and closed or private pages: their existence and nothing else;
/// - a personal profile: `.personalProfile`, so a registry cannot pass a person off as an agency;
/// - a community: name, description, contacts, websites, counters, design, ПОС widgets and posts.
///
/// The class names and phrases it relies on, with their sources, are listed in
/// `Tests/PageAuditCoreTests/Fixtures/handmade-vk-html/README.md`.
struct VKPageHTMLReader {
    /// Phrases of VK's pages for gone or shut communities and profiles (folded: lowercase, `ё` as `е`).
    static let states = PageHTMLText.StatePhrases(
        banned: [
            "сообщество заблокировано", "сообщество было заблокировано", "страница заблокирована",
            "страница была заблокирована", "группа заблокирована", "материал заблокирован на территории",
            "community has been blocked", "this community is blocked", "this page has been blocked",
        ],
        deleted: [
            "сообщество удалено", "сообщество было удалено", "страница удалена", "группа удалена",
            "community has been deleted", "this page has been deleted", "page deleted",
        ],
        closed: [
            "это закрытое сообщество", "это частное сообщество", "это закрытая группа", "это частная группа",
            "доступ только по приглашениям", "this is a closed community", "this is a private community",
            "this is a closed group", "this is a private group",
        ])

    /// What VK says to a visitor it will not show the page to without signing in.
    static let loginPhrases = [
        "войдите, чтобы продолжить", "чтобы продолжить, войдите", "войдите на сайт или зарегистрируйтесь",
        "войдите или зарегистрируйтесь, чтобы", "чтобы просматривать эту страницу, нужно зайти на сайт",
        "вы попали на страницу, доступ к которой ограничен", "вход вконтакте", "sign in to continue",
        "log in to continue", "to view this page, log in",
    ]

    /// What VK says when it suspects a robot (captcha, rate limit).
    static let robotPhrases = [
        "подтвердите, что вы не робот", "я не робот", "введите код с картинки", "введите код, изображенный на картинке",
        "вы попытались загрузить более одной однотипной страницы в секунду", "слишком много запросов",
        "confirm that you are not a robot", "enter the code from the image", "too many requests",
    ]

    func facts(of document: HTMLDocument, response: CapturedResponse, identity: PageIdentity, timeZone: TimeZone) -> Result<PageFacts, CaptureFailure> {
        let address = response.address.displayString
        func facts(_ existence: PageExistence) -> PageFacts {
            PageFacts(identity: identity, source: .vkHTML, address: address, capturedAt: response.capturedAt,
                      digest: response.digest, existence: existence)
        }
        func failure(_ reason: CaptureFailure.Reason, _ detail: String) -> Result<PageFacts, CaptureFailure> {
            .failure(CaptureFailure(reason: reason, address: address, status: response.status, capturedAt: response.capturedAt, detail: detail))
        }
        guard let body = document.select("//body").first ?? document.root else {
            return failure(.unrecognisedPage, "empty document")
        }

        let page = Markup(document: document)
        let posts = page.postElements()
        let ownText = PageHTMLText.ownText(of: document, body: body, posts: posts, isOwnerText: Markup.isOwnerText)

        // A gone or shut page shows no wall; a wall that shows posts is readable whatever it says.
        if posts.isEmpty, let (existence, _) = Self.states.match(ownText) {
            return .success(facts(existence))
        }
        let kind = page.kind(posts: posts)
        if kind == nil, let evidence = PageHTMLText.wallEvidence(in: document, ownText: ownText, robotPhrases: Self.robotPhrases, loginPhrases: Self.loginPhrases,
                                                                 loginActions: ["login.vk.com", "id.vk.com", "oauth.vk.com", "vk.com/login"]) {
            return failure(.loginWall, evidence)
        }
        switch kind {
        case .profile?:
            var result = facts(.personalProfile)
            result.name = page.name()
            return .success(result)
        case .community?:
            return .success(page.communityFacts(into: facts(.community), posts: posts, reference: response.capturedAt, timeZone: timeZone))
        case nil:
            return failure(.unrecognisedPage, "no VK community, profile, login or captcha markup")
        }
    }

    /// The parts of a VK page, desktop or mobile.
    struct Markup {
        let document: HTMLDocument

        enum Kind { case community, profile }

        static let postClass = PageHTMLText.hasClass("post")
        static let mobilePostClass = PageHTMLText.hasClass("wall_item")

        /// Wall posts, outermost only (a repost quotes another post inside its own).
        func postElements() -> [HTMLElement] {
            let xpath = "//*[\(Self.postClass) and (@data-post-id or starts-with(@id, 'post'))] | //*[\(Self.mobilePostClass)]"
            return Array(PageHTMLText.outermost(Array(document.select(xpath).prefix(PageHTMLText.postLimit * 2))).prefix(PageHTMLText.postLimit))
        }

        /// Fields the page's owner writes (status, description, post texts): a closed-community
        /// phrase in them says nothing about the page's state.
        static func isOwnerText(_ element: HTMLElement) -> Bool {
            let names = element.classNames
            let id = (element.attribute("id") ?? "").lowercased()
            return id == "page_current_info" || id == "page_group_info_block" || id == "group_contacts"
                || names.contains { ["group_info_row", "pinfo_row", "group_info", "page_current_info", "current_text", "pp_status",
                                     "wall_post_text", "pi_text", "line_value", "page_status"].contains($0) }
                || names.contains { $0.hasPrefix("groups-redesigned-info") || $0.hasPrefix("redesigned-group-info") }
        }

        func exists(_ xpath: String) -> Bool { !document.select(xpath).isEmpty }

        /// Community or personal profile, from the page's structure; nil when neither shows.
        func kind(posts: [HTMLElement]) -> Kind? {
            let owners = posts.compactMap(Self.postID).map { $0.hasPrefix("-") }
            if exists("//*[@id='public' or @id='group' or @id='page_group_info_block' or @id='group_followers' or @id='public_followers' or @id='page_subscribers']")
                || exists("//*[contains(@class, 'redesigned-group') or contains(@class, 'basisGroup__') or \(PageHTMLText.hasClass("group_info_row"))]")
                || owners.contains(true) {
                return .community
            }
            if exists("//*[@id='profile' or @id='profile_short' or @id='profile_full']")
                || exists("//*[\(PageHTMLText.hasClass("profile_online")) or contains(@class, 'ProfileHeader') or contains(@class, 'basisProfile__')]")
                || canonicalPath().map(Self.isPersonalPath) == true || owners.contains(false) {
                return .profile
            }
            if exists("//h1[\(PageHTMLText.hasClass("page_name"))] | //*[\(PageHTMLText.hasClass("op_header"))]"), !posts.isEmpty {
                return .community
            }
            return nil
        }

        func canonicalPath() -> String? {
            let link = document.select("//link[@rel='canonical'][@href] | //meta[@property='og:url'][@content]").first
            guard let href = link?.attribute("href") ?? link?.attribute("content"), let address = document.resolve(href) else { return nil }
            return address.path
        }

        static func isPersonalPath(_ path: String) -> Bool {
            let first = path.split(separator: "/").first.map(String.init)?.lowercased() ?? ""
            return first.count > 2 && first.hasPrefix("id") && first.dropFirst(2).allSatisfy(\.isASCIIDigit)
        }

        /// `-219000001_4120`: the owner (negative for a community) and the post number.
        static func postID(_ post: HTMLElement) -> String? {
            if let id = post.attribute("data-post-id"), isPostID(id) { return id }
            if let id = post.attribute("id"), id.hasPrefix("post"), isPostID(String(id.dropFirst(4))) { return String(id.dropFirst(4)) }
            if let anchor = post.select(".//a[@name]").first?.attribute("name"), anchor.hasPrefix("post"), isPostID(String(anchor.dropFirst(4))) {
                return String(anchor.dropFirst(4))
            }
            return nil
        }

        static func isPostID(_ id: String) -> Bool {
            let body = id.hasPrefix("-") ? id.dropFirst() : Substring(id)
            let parts = body.split(separator: "_", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 20 && $0.allSatisfy(\.isASCIIDigit) }
        }

        // MARK: Header

        func name() -> String? {
            let candidates = document.select("//h1[\(PageHTMLText.hasClass("page_name"))] | //*[\(PageHTMLText.hasClass("op_header"))] | //*[\(PageHTMLText.hasClass("basisGroup__groupTitle"))]")
            if let name = candidates.lazy.compactMap({ PageHTMLText.line($0, limit: 300) }).first { return name }
            if let og = document.select("//meta[@property='og:title'][@content]").first?.attribute("content") {
                let trimmed = og.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { return String(trimmed.prefix(300)) }
            }
            guard var title = PageHTMLText.line(document.select("//title").first, limit: 300) else { return nil }
            for suffix in [" | ВКонтакте", " | VK", " - ВКонтакте"] where title.hasSuffix(suffix) { title.removeLast(suffix.count) }
            return title.isEmpty || title == "ВКонтакте" ? nil : title
        }

        /// The header: name, status, labels; where a government mark would be drawn.
        func headerElements() -> [HTMLElement] {
            document.select("//*[@id='page_header_wrap' or @id='page_info_wrap'] | //*[\(PageHTMLText.hasClass("page_top")) or \(PageHTMLText.hasClass("basisGroup__main")) or \(PageHTMLText.hasClass("owner_panel")) or contains(@class, 'redesigned-group-info')]")
        }

        /// The «Госорганизация» label: an element of the header whose whole text (or title) is the
        /// label. VK's category «Государственная организация» is a different thing and does not count.
        func governmentMark() -> Bool? {
            for header in headerElements() {
                for element in ([header] + header.select(".//*")).prefix(3_000) {
                    let texts = [element.attribute("title"), element.attribute("aria-label"), element.children.isEmpty ? element.visibleText : nil]
                    if texts.contains(where: { $0.map(PageHTMLText.folded) == "госорганизация" }) { return true }
                }
            }
            return nil
        }

        func status() -> String? {
            PageHTMLText.line(document.select("//*[@id='page_current_info'] | //*[\(PageHTMLText.hasClass("page_status"))] | //*[\(PageHTMLText.hasClass("pp_status"))]").first)
        }

        // MARK: Information block

        /// The blocks with the community's information and contacts.
        func infoContainers() -> [HTMLElement] {
            let xpath = "//*[@id='page_group_info_block' or @id='group_contacts' or @id='group_info' or @id='group_addresses']"
                + " | //*[\(PageHTMLText.hasClass("group_info_row")) or \(PageHTMLText.hasClass("group_info")) or \(PageHTMLText.hasClass("pinfo_row"))]"
            return PageHTMLText.outermost(Array(document.select(xpath).prefix(500)))
        }

        /// Whether the information block shows everything: VK's redesigned page shows a few rows
        /// and opens the rest («Подробная информация») in a box loaded by a script.
        func infoIsComplete(_ containers: [HTMLElement]) -> Bool {
            guard !containers.isEmpty else { return false }
            if exists("//*[contains(@class, 'groups-redesigned-info-more') or \(PageHTMLText.hasClass("group_info_more"))]") { return false }
            return !containers.contains { PageHTMLText.folded($0.visibleText).contains("подробная информация") }
        }

        func description() -> String? {
            let desktop = document.select("//*[\(PageHTMLText.hasClass("group_info_row")) and \(PageHTMLText.hasClass("info"))]").first
            if let row = desktop {
                return PageHTMLText.paragraph(row.select(".//*[\(PageHTMLText.hasClass("line_value"))]").first ?? row)
            }
            for row in document.select("//dl[\(PageHTMLText.hasClass("pinfo_row"))]").prefix(50) {
                let label = PageHTMLText.folded(PageHTMLText.line(row.select("./dt").first) ?? "")
                if label.hasPrefix("описание") || label.hasPrefix("description") { return PageHTMLText.paragraph(row.select("./dd").first) }
            }
            return nil
        }

        func subscribers() -> Int? {
            let selectors = [
                "//*[@id='page_subscribers']",
                "//*[contains(@class, 'redesigned-group-subscribers')]",
                "//*[\(PageHTMLText.hasClass("group_friends_count"))]",
                "//*[@id='public_followers' or @id='group_followers']//*[\(PageHTMLText.hasClass("header_count"))]",
                "//*[\(PageHTMLText.hasClass("counts_module"))]//*[\(PageHTMLText.hasClass("page_counter"))]",
                "//a[\(PageHTMLText.hasClass("pm_item"))][contains(., 'Подписчик') or contains(., 'Участник') or contains(., 'Followers') or contains(., 'Members')]//*[\(PageHTMLText.hasClass("pm_counter"))]",
            ]
            for selector in selectors {
                if let element = document.select(selector).first, let count = PageHTMLText.count(in: element.visibleText) { return count }
            }
            return nil
        }

        /// Placeholders VK shows for a community or person without a photo.
        static let placeholderImages = ["/images/community_", "/images/camera_", "/images/deactivated_", "/images/question_", "/images/x_null"]

        func hasAvatar() -> Bool? {
            let xpath = "//*[contains(@class, 'redesigned-group-avatar') or @id='page_avatar' or \(PageHTMLText.hasClass("page_avatar")) or contains(@class, 'AvatarRich')]//img"
                + " | //img[\(PageHTMLText.hasClass("pp_img"))]"
            guard let image = document.select(xpath).first else { return nil }
            guard let source = PageHTMLText.imageSource(of: image) else { return false }
            return !Self.placeholderImages.contains { source.contains($0) }
        }

        /// True when a cover image is drawn; nil otherwise, since pages without a cover differ
        /// between VK's designs and the absence is not evidence.
        func hasCover() -> Bool? {
            let xpath = "//*[contains(@class, 'redesigned-group-cover__img') or \(PageHTMLText.hasClass("_page_cover")) or \(PageHTMLText.hasClass("page_cover")) or contains(@class, 'groupCover')]"
            for element in document.select(xpath).prefix(20) {
                if PageHTMLText.imageSource(of: element) != nil || element.select(".//img[@src]").first != nil { return true }
            }
            return nil
        }

        func addressOnMap() -> Bool? {
            exists("//*[\(PageHTMLText.hasClass("group_info_row")) and \(PageHTMLText.hasClass("address"))] | //*[@id='group_addresses']") ? true : nil
        }

        // MARK: Community

        func communityFacts(into base: PageFacts, posts postElements: [HTMLElement], reference: Date, timeZone: TimeZone) -> PageFacts {
            var facts = base
            facts.name = name()
            facts.description = description() ?? status()
            facts.governmentMark = governmentMark()
            let containers = infoContainers()
            let complete = infoIsComplete(containers)
            let contacts = PageHTMLText.contacts(in: containers)
            facts.emails = contacts.emails.isEmpty && !complete ? nil : contacts.emails
            facts.phones = contacts.phones.isEmpty && !complete ? nil : contacts.phones
            facts.postalAddress = contacts.postalAddress
            let websites = PageHTMLText.websites(in: containers, document: document, isPlatformHost: PageHTMLText.isVKHost)
            facts.websites = websites.isEmpty && !complete ? nil : websites
            facts.subscribers = subscribers()
            facts.hasAvatar = hasAvatar()
            facts.hasCover = hasCover()
            facts.addressOnMap = addressOnMap()
            let postKeys = Set(postElements.map(PageHTMLText.key))
            facts.posWidgets = PageHTMLText.posWidgetCount(in: document) { element in
                postKeys.contains(PageHTMLText.key(element)) || PageHTMLText.isChrome(element)
            }
            let parser = RussianDateParser(reference: reference, timeZone: timeZone)
            let posts = postElements.compactMap { post(from: $0, parser: parser) }
            if !posts.isEmpty {
                facts.posts = posts.enumerated().sorted { ($0.element.date, -$0.offset) > ($1.element.date, -$1.offset) }.map(\.element)
            } else if postElements.isEmpty, wallIsShownEmpty() {
                facts.posts = []
            }
            // Comments are a page setting that single posts can turn off: one post open to comments
            // shows the page is; only when every post shown has them closed is the page closed.
            let known = posts.compactMap(\.commentsOpen)
            facts.commentsOpen = known.contains(true) ? true : known.isEmpty ? nil : false
            return facts
        }

        /// The wall is rendered and says it has no posts.
        func wallIsShownEmpty() -> Bool {
            if exists("//*[@id='page_no_wall' or @id='wall_empty'] | //*[\(PageHTMLText.hasClass("no_posts")) or \(PageHTMLText.hasClass("page_wall_no_posts"))]") { return true }
            guard let wall = document.select("//*[@id='page_wall_posts'] | //*[\(PageHTMLText.hasClass("wall_posts"))]").first else { return false }
            let text = PageHTMLText.folded(wall.visibleText)
            return text.contains("на стене пока нет ни одной записи") || text.contains("нет записей") || text.contains("no posts yet")
        }

        // MARK: Posts

        /// Whether an element belongs to the quoted (reposted) post rather than the post itself.
        static func isQuote(_ element: HTMLElement) -> Bool {
            guard let classes = element.attribute("class")?.lowercased(),
                  classes.contains("cop") || classes.contains("published") else { return false }
            return element.classNames.contains { $0.contains("copy_quote") || $0.hasPrefix("postcopyquote") || $0.contains("copy_history") || $0 == "published_by_wrap" || $0 == "published_sec_quote" }
        }

        /// How deep inside a post its parts are looked for; VK's posts nest about fifteen levels.
        static let postDepthLimit = 100
        /// How many candidates of one kind (dates, labels, buttons) a post is searched for.
        static let candidateLimit = 30

        /// Whether `candidate` sits in a quote between itself and `post`.
        static func isInQuote(_ candidate: HTMLElement, within post: HTMLElement) -> Bool {
            var current: HTMLElement? = candidate
            var steps = 0
            while let element = current, element.node != post.node, steps < Self.postDepthLimit {
                if isQuote(element) { return true }
                current = element.parent
                steps += 1
            }
            return false
        }

        func post(from element: HTMLElement, parser: RussianDateParser) -> PagePost? {
            /// Descendants of the post that are not part of a quoted post.
            func own(_ xpath: String) -> [HTMLElement] {
                element.select(xpath).prefix(Self.candidateLimit).filter { !Self.isInQuote($0, within: element) }
            }
            guard let date = date(in: element, own: own, parser: parser) else { return nil }
            let isRepost = !element.select(".//*[contains(@class, 'copy_quote') or contains(@class, 'PostCopyQuote') or contains(@class, 'copy_history') or \(PageHTMLText.hasClass("published_by_wrap"))]").isEmpty
            let pinnedLabel = own(".//*[contains(@class, 'PostHeader') or contains(@class, 'post_header') or contains(@class, 'wi_head') or contains(@class, 'wi_info') or contains(@class, 'fixed')]")
                .contains { PageHTMLText.folded($0.visibleText).contains("закреплен") || PageHTMLText.folded($0.visibleText).contains("pinned post") }
            let isPinned = element.classNames.contains { $0 == "post_fixed" || $0 == "wall_item_fixed" || $0 == "post--pinned" } || pinnedLabel
            var url: String?
            if let id = Self.postID(element) {
                url = "https://vk.com/wall" + id
            } else if let href = own(".//a[contains(@class, 'PostHeaderSubtitle__link') or \(PageHTMLText.hasClass("post_link")) or \(PageHTMLText.hasClass("wi_date"))][@href]").first?.attribute("href"),
                      let resolved = document.resolve(href) {
                url = resolved.displayString
            }
            // The desktop wall marks every pinned post (`post_fixed`, «запись закреплена») and every
            // repost (`copy_quote`), so an unmarked desktop post is neither. The mobile markers are
            // not documented: there only a marker found is a fact.
            let isDesktopPost = element.classNames.contains("post")
            return PagePost(date: date, isPinned: isPinned ? true : isDesktopPost ? false : nil,
                            isRepost: isRepost ? true : isDesktopPost ? false : nil,
                            commentsOpen: commentsOpen(own: own), url: url)
        }

        /// The post's own date: an exact `time` attribute when VK gives one, else the text.
        func date(in element: HTMLElement, own: (String) -> [HTMLElement], parser: RussianDateParser) -> Date? {
            for stamp in own(".//*[\(PageHTMLText.hasClass("rel_date"))][@time]") {
                if let seconds = stamp.attribute("time").flatMap(Double.init), (631_152_000...4_102_444_800).contains(seconds) {
                    return Date(timeIntervalSince1970: seconds)
                }
            }
            for stamp in own(".//time[@datetime]") {
                if let value = stamp.attribute("datetime"), let date = RFC3339.date(from: value.uppercased()) { return date }
            }
            let textual = ".//*[\(PageHTMLText.hasClass("PostHeaderSubtitle__item")) or \(PageHTMLText.hasClass("rel_date")) or \(PageHTMLText.hasClass("post_date"))]"
                + " | .//a[contains(@class, 'PostHeaderSubtitle__link') or \(PageHTMLText.hasClass("post_link")) or \(PageHTMLText.hasClass("wi_date"))]"
            for stamp in own(textual) {
                guard let text = PageHTMLText.line(stamp, limit: 100), text.count < 80 else { continue }
                if let date = parser.date(from: text) { return date }
            }
            return nil
        }

        /// Open when the post's actions offer «Комментировать» (or show replies); closed when the
        /// actions bar is there without it; unknown without an actions bar.
        func commentsOpen(own: (String) -> [HTMLElement]) -> Bool? {
            let bars = own(".//*[contains(@class, 'PostBottomAction') or \(PageHTMLText.hasClass("like_btns")) or \(PageHTMLText.hasClass("post_full_like")) or \(PageHTMLText.hasClass("wi_buttons")) or \(PageHTMLText.hasClass("like_wrap"))]")
            let comments = own(".//*[contains(@class, 'comment') or contains(@class, 'Comment') or contains(@class, 'replies') or contains(@class, 'reply_link') or contains(@class, 'i_replies')]")
            if !comments.isEmpty { return true }
            return bars.isEmpty ? nil : false
        }
    }
}
