import Foundation

/// Reads a captured public HTML page of an Odnoklassniki group (`ok.ru/group/…`, `ok.ru/<name>`)
/// into `PageFacts`.
///
/// Like `VKPageHTMLReader`, it claims only what the markup shows: login and anti-bot pages are a
/// failure, deleted and blocked groups give their existence and nothing else, and a group gives
/// its name, description, contacts, websites, members and dated posts. Sources of the class names
/// and phrases are listed in `Tests/PageAuditCoreTests/Fixtures/handmade-ok-html/README.md`.
struct OKPageHTMLReader {
    /// OK's phrases for gone or shut groups (folded: lowercase, `ё` as `е`).
    static let states = PageHTMLText.StatePhrases(
        banned: [
            "группа заблокирована", "эта группа заблокирована", "группа была заблокирована", "страница заблокирована",
            "материал заблокирован на территории", "this group has been blocked", "group is blocked",
        ],
        deleted: [
            "группа удалена", "эта группа удалена", "группа была удалена", "страница удалена",
            "this group has been deleted", "group was deleted",
        ],
        closed: [
            "это закрытая группа", "закрытая группа. чтобы", "вступите в группу, чтобы", "this is a closed group",
        ])

    static let loginPhrases = [
        "войдите, чтобы продолжить", "чтобы продолжить, войдите", "войдите в ок", "войдите в одноклассники",
        "вход в ок", "вход в одноклассники", "для просмотра страницы войдите", "sign in to continue", "log in to ok",
    ]

    static let robotPhrases = [
        "подтвердите, что вы не робот", "я не робот", "введите код с картинки", "введите символы с картинки",
        "подозрительную активность", "подозрительная активность", "слишком много запросов",
        "confirm that you are not a robot", "suspicious activity", "too many requests",
    ]

    func facts(of document: HTMLDocument, response: CapturedResponse, identity: PageIdentity, timeZone: TimeZone) -> Result<PageFacts, CaptureFailure> {
        let address = response.address.displayString
        func facts(_ existence: PageExistence) -> PageFacts {
            PageFacts(identity: identity, source: .okHTML, address: address, capturedAt: response.capturedAt,
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

        if posts.isEmpty, let (existence, _) = Self.states.match(ownText) {
            return .success(facts(existence))
        }
        guard page.isGroup(posts: posts) else {
            if let evidence = PageHTMLText.wallEvidence(in: document, ownText: ownText, robotPhrases: Self.robotPhrases, loginPhrases: Self.loginPhrases,
                                                        loginActions: ["anonymlogin", "st.cmd=anonymmain", "connect.ok.ru", "ok.ru/login"]) {
                return failure(.loginWall, evidence)
            }
            return failure(.unrecognisedPage, "no OK group, login or anti-bot markup")
        }
        return .success(page.groupFacts(into: facts(.community), posts: posts, reference: response.capturedAt, timeZone: timeZone))
    }

    struct Markup {
        let document: HTMLDocument

        /// Feed items: `<div class="feed js-video-scope h-mod">`, outermost only.
        func postElements() -> [HTMLElement] {
            let xpath = "//*[\(PageHTMLText.hasClass("feed"))] | //*[\(PageHTMLText.hasClass("feed-w"))][not(.//*[\(PageHTMLText.hasClass("feed"))])]"
            return Array(PageHTMLText.outermost(Array(document.select(xpath).prefix(PageHTMLText.postLimit * 2))).prefix(PageHTMLText.postLimit))
        }

        static func isOwnerText(_ element: HTMLElement) -> Bool {
            element.classNames.contains { $0.hasPrefix("group-info") || $0.hasPrefix("media-text") || $0 == "textwrap" || $0 == "group-name_info" }
        }

        func exists(_ xpath: String) -> Bool { !document.select(xpath).isEmpty }

        func isGroup(posts: [HTMLElement]) -> Bool {
            exists("//*[\(PageHTMLText.hasClass("group-name_h")) or \(PageHTMLText.hasClass("mctc_name_tx")) or \(PageHTMLText.hasClass("group-info_desc"))]")
                || exists("//*[@id='hook_Block_AltGroupHeader' or @id='hook_Block_AltGroupInfo' or @id='hook_Block_AltGroupMainMenu' or @data-module='GroupInfoPanel' or @id='hook_Block_LeftColumnTopCardAltGroup']")
                || (!posts.isEmpty && exists("//*[contains(@data-l, 'fL,group') or contains(@class, 'group-')]"))
        }

        func name() -> String? {
            let candidates = document.select("//*[\(PageHTMLText.hasClass("group-name_h")) or \(PageHTMLText.hasClass("mctc_name_tx"))]")
            if let name = candidates.lazy.compactMap({ PageHTMLText.line($0, limit: 300) }).first { return name }
            if let og = document.select("//meta[@property='og:title'][@content]").first?.attribute("content") {
                let trimmed = og.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { return String(trimmed.prefix(300)) }
            }
            return nil
        }

        func headerElements() -> [HTMLElement] {
            document.select("//*[@id='hook_Block_AltGroupHeader' or @id='hook_Block_AltGroupInfo' or @id='hook_Block_MainContentHeader'] | //*[\(PageHTMLText.hasClass("group-name")) or \(PageHTMLText.hasClass("mctc-top"))]")
        }

        /// An element of the header whose whole text (or title) is «Госорганизация». OK's group
        /// category («Государственная организация») is not the mark.
        func governmentMark() -> Bool? {
            for header in headerElements() {
                for element in ([header] + header.select(".//*")).prefix(3_000) {
                    let texts = [element.attribute("title"), element.attribute("aria-label"), element.children.isEmpty ? element.visibleText : nil]
                    if texts.contains(where: { $0.map(PageHTMLText.folded) == "госорганизация" }) { return true }
                }
            }
            return nil
        }

        func infoContainers() -> [HTMLElement] {
            let xpath = "//*[@data-module='GroupInfoPanel'] | //*[\(PageHTMLText.hasClass("group-info")) or \(PageHTMLText.hasClass("group-info_cnt")) or \(PageHTMLText.hasClass("group-info_desc")) or \(PageHTMLText.hasClass("group-info_lst"))]"
            return PageHTMLText.outermost(Array(document.select(xpath).prefix(200)))
        }

        /// OK cuts a long description and opens the rest with «Ещё»/«Показать полностью».
        func infoIsComplete(_ containers: [HTMLElement]) -> Bool {
            guard !containers.isEmpty else { return false }
            return !containers.contains { container in
                let text = PageHTMLText.folded(container.visibleText)
                return text.contains("показать полностью") || text.contains("подробнее о группе")
                    || !container.select(".//*[contains(@class, 'expand') or contains(@class, '__more')]").isEmpty
            }
        }

        func members() -> Int? {
            let selectors = [
                "//*[contains(@data-l, 'GroupMembers') or contains(@data-l, 'altGroupMembers') or contains(@href, '/members')]//*[\(PageHTMLText.hasClass("portlet_h_count"))]",
                "//*[contains(@data-l, 'GroupMembers') or contains(@data-l, 'altGroupMembers') or contains(@href, '/members')]",
                "//*[\(PageHTMLText.hasClass("group-members-count")) or \(PageHTMLText.hasClass("group-join_members"))]",
            ]
            for selector in selectors {
                for element in document.select(selector).prefix(10) {
                    if let count = PageHTMLText.count(in: element.visibleText) { return count }
                }
            }
            return nil
        }

        func hasAvatar() -> Bool? {
            let xpath = "//*[contains(@class, 'group-avatar') or contains(@class, 'entity-avatar') or \(PageHTMLText.hasClass("main-avatar"))]//img | //img[contains(@class, 'group-avatar') or contains(@class, 'entity-avatar')]"
            guard let image = document.select(xpath).first else { return nil }
            guard let source = PageHTMLText.imageSource(of: image) else { return false }
            return !(source.contains("/res/stub_") || source.contains("stub_group") || source.contains("/res/i/group_"))
        }

        func hasCover() -> Bool? {
            for element in document.select("//*[contains(@class, 'group-cover') or contains(@class, 'cover_img') or contains(@class, 'profile-cover')]").prefix(20) {
                if PageHTMLText.imageSource(of: element) != nil || element.select(".//img[@src]").first != nil { return true }
            }
            return nil
        }

        func groupFacts(into base: PageFacts, posts postElements: [HTMLElement], reference: Date, timeZone: TimeZone) -> PageFacts {
            var facts = base
            facts.name = name()
            facts.description = PageHTMLText.paragraph(document.select("//*[\(PageHTMLText.hasClass("group-info_desc"))]").first)
            facts.governmentMark = governmentMark()
            let containers = infoContainers()
            let complete = infoIsComplete(containers)
            let contacts = PageHTMLText.contacts(in: containers)
            facts.emails = contacts.emails.isEmpty && !complete ? nil : contacts.emails
            facts.phones = contacts.phones.isEmpty && !complete ? nil : contacts.phones
            facts.postalAddress = contacts.postalAddress
            let websites = PageHTMLText.websites(in: containers, document: document, isPlatformHost: PageHTMLText.isOKHost)
            facts.websites = websites.isEmpty && !complete ? nil : websites
            facts.subscribers = members()
            facts.hasAvatar = hasAvatar()
            facts.hasCover = hasCover()
            facts.addressOnMap = document.select("//*[\(PageHTMLText.hasClass("__address")) or contains(@class, 'group-info_address')]").isEmpty ? nil : true
            let postKeys = Set(postElements.map(PageHTMLText.key))
            facts.posWidgets = PageHTMLText.posWidgetCount(in: document) { postKeys.contains(PageHTMLText.key($0)) || PageHTMLText.isChrome($0) }
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

        func wallIsShownEmpty() -> Bool {
            guard let feed = document.select("//*[\(PageHTMLText.hasClass("feed-list"))]").first else { return false }
            let text = PageHTMLText.folded(feed.visibleText)
            return text.contains("в группе пока нет публикаций") || text.contains("нет публикаций") || text.contains("нет тем")
        }

        static func isReshare(_ element: HTMLElement) -> Bool {
            element.classNames.contains { $0.contains("reshare") || $0.contains("repost") }
        }

        func post(from element: HTMLElement, parser: RussianDateParser) -> PagePost? {
            func own(_ xpath: String) -> [HTMLElement] {
                element.select(xpath).prefix(30).filter { candidate in
                    var current: HTMLElement? = candidate
                    var steps = 0
                    while let node = current, node.node != element.node, steps < 100 {
                        if Self.isReshare(node) { return false }
                        current = node.parent
                        steps += 1
                    }
                    return true
                }
            }
            var date: Date?
            for stamp in own(".//time[@datetime]") {
                if let value = stamp.attribute("datetime"), let parsed = RFC3339.date(from: value.uppercased()) { date = parsed; break }
            }
            if date == nil {
                for stamp in own(".//*[\(PageHTMLText.hasClass("feed_date")) or contains(@class, 'feed-date')]") {
                    guard let text = PageHTMLText.line(stamp, limit: 100), text.count < 80 else { continue }
                    // OK shows only the time for today's posts: «18:05».
                    let isTimeOnly = text.count <= 5 && text.contains(":") && text.allSatisfy { $0.isASCIIDigit || $0 == ":" }
                    if let parsed = parser.date(from: isTimeOnly ? "сегодня в " + text : text) { date = parsed; break }
                }
            }
            guard let date else { return nil }
            let isRepost = !element.select(".//*[contains(@class, 'reshare') or contains(@class, 'repost')]").isEmpty
            let isPinned = element.classNames.contains { $0.contains("pinned") }
                || own(".//*[contains(@class, 'feed_h') or contains(@class, 'feed_top') or contains(@class, 'feed_pin') or contains(@class, 'pinned')]")
                    .contains { PageHTMLText.folded($0.visibleText).contains("закреплен") }
            let bars = own(".//*[contains(@class, 'feed_f') or contains(@class, 'widget-list') or contains(@class, 'feed-actions')]")
            let comments = own(".//*[contains(@class, 'comment') or contains(@data-type, 'COMMENT') or contains(@data-module, 'Comment')]")
            let commentsOpen: Bool? = !comments.isEmpty ? true : bars.isEmpty ? nil : false
            var url: String?
            if let href = own(".//a[\(PageHTMLText.hasClass("media-text_a"))][@href] | .//a[contains(@href, '/topic/')]").first?.attribute("href"),
               let resolved = document.resolve(href) {
                url = resolved.displayString
            }
            // OK's markers for pinned and reshared items are not documented: only a marker found is a fact.
            return PagePost(date: date, isPinned: isPinned ? true : nil, isRepost: isRepost ? true : nil, commentsOpen: commentsOpen, url: url)
        }
    }
}
