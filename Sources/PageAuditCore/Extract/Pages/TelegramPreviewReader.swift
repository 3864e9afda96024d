import Foundation

/// Reads t.me/s/<channel>: the public web preview of a Telegram channel.
///
/// What the markup shows, and what the reader makes of it (class names are Telegram's):
///
/// | markup | existence |
/// |---|---|
/// | `tgme_channel_info` (the channel header), or any `tgme_widget_message` (a post; saved fragments have posts and no header) | `.community` |
/// | no preview, a `tgme_page` whose `tgme_page_description` says the channel "can't be displayed" (Telegram blocked it) | `.banned` |
/// | no preview, a `tgme_page` with a `tgme_page_title` and a `tgme_page_extra` of "N subscribers" / "N members": t.me/s/ fell back to the landing page of an existing channel or group | `.community`, without posts |
/// | no preview, a `tgme_page` with a `tgme_page_title` and a `tgme_page_extra` of "@name": a person's account (t.me/s/ redirects to t.me/<name> for users) | `.personalProfile` (a bot, a name ending in "bot", is unrecognised) |
/// | no preview, a `tgme_page` with no title, no photo, no counter, only the generic "If you have Telegram, you can contact @name right away." naming this very username (`tgme_username_link`, `tg://resolve?domain=name`): the page t.me shows for a username nobody holds | `.deleted` |
/// | anything else: a `tgme_page` of another name, a login or captcha page, telegram.org, an empty page | `.failure(.unrecognisedPage)` |
///
/// The "you can contact" stub is also what other tools take as "username free". Third-party
/// notes say t.me has briefly served it for live names too, so a `.deleted` from one capture is worth
/// confirming with a second one before an agency is told its channel is gone.
///
/// What previews never show stays nil: whether posts are pinned (the preview does not mark them;
/// a "pinned" service message says a post was pinned, not which of the shown ones is), whether the
/// channel has a discussion group open to comments, the «Госорганизация» mark (Telegram has none;
/// its "verified" badge is a different thing and is not mapped), ПОС widgets, a cover and a map address.
struct TelegramPreviewReader {
    func facts(of document: HTMLDocument, response: CapturedResponse, identity: PageIdentity, timeZone: TimeZone) -> Result<PageFacts, CaptureFailure> {
        if let failure = CaptureFailure.from(response) { return .failure(failure) }
        let header = document.select("//*[\(Self.hasClass("tgme_channel_info"))]").first
        let messages = document.select("//*[\(Self.hasClass("tgme_widget_message"))]")
        if header != nil || !messages.isEmpty {
            return .success(preview(document, header: header, messages: messages, response: response, identity: identity, timeZone: timeZone))
        }
        return landingPage(document, response: response, identity: identity)
    }

    // MARK: - The preview

    private func preview(_ document: HTMLDocument, header: HTMLElement?, messages: [HTMLElement], response: CapturedResponse,
                         identity: PageIdentity, timeZone: TimeZone) -> PageFacts {
        var facts = emptyFacts(response: response, identity: identity, existence: .community)
        let title = header?.select(".//*[\(Self.hasClass("tgme_channel_info_header_title"))]").first
        facts.name = title.flatMap { Self.nonEmpty($0.visibleText) }
        // With the header's title found, the layout is the one we know: a missing description
        // block means the channel has none. Without it (a saved fragment, a changed layout) we
        // cannot tell, so description and contacts stay nil.
        if let header, title != nil {
            let description = header.select(".//*[\(Self.hasClass("tgme_channel_info_description"))]").first
            fillDescription(&facts, from: description, in: document)
            let photo = header.select(".//*[\(Self.hasClass("tgme_page_photo_image"))]").first
            facts.hasAvatar = photo.map(Self.showsPhoto)
            facts.subscribers = Self.subscribers(in: header)
        }
        facts.posts = posts(messages, in: document, capturedAt: response.capturedAt, timeZone: timeZone)
        return facts
    }

    /// Posts newest first, or nil when one of them has no date we can trust: dropping it could
    /// hide the newest post or undercount a week, and an unknown must never read as "no posts".
    private func posts(_ messages: [HTMLElement], in document: HTMLDocument, capturedAt: Date, timeZone: TimeZone) -> [PagePost]? {
        // Service messages ("Channel created", "… pinned «…»", "Channel photo updated") are not posts.
        let real = messages.filter { !$0.classNames.contains("service_message") }
        if real.isEmpty {
            // An empty history section shows the channel has no posts; no section at all shows nothing.
            return document.select("//*[\(Self.hasClass("tgme_channel_history"))]").isEmpty ? nil : []
        }
        let parser = RussianDateParser(reference: capturedAt, timeZone: timeZone)
        var dated: [(index: Int, post: PagePost)] = []
        for (index, message) in real.enumerated() {
            // A post dated more than a day after the capture is a broken or hostile page, not news.
            guard let date = Self.date(of: message, parser: parser), date <= capturedAt.addingTimeInterval(86_400) else { return nil }
            let forwarded = !message.select(".//*[\(Self.hasClass("tgme_widget_message_forwarded_from"))]").isEmpty
            dated.append((index, PagePost(date: date, isPinned: nil, isRepost: forwarded,
                                          commentsOpen: Self.showsComments(message, in: document) ? true : nil,
                                          url: Self.postAddress(message.attribute("data-post")))))
        }
        // The preview lists posts oldest first; ties keep the later one in the page first.
        return dated.sorted { $0.post.date != $1.post.date ? $0.post.date > $1.post.date : $0.index > $1.index }.map(\.post)
    }

    /// The `<time datetime>` of the post's date link (RFC 3339); else the time element's text,
    /// read as a Russian or English date against the capture time in the agency's zone.
    static func date(of message: HTMLElement, parser: RussianDateParser) -> Date? {
        let time = message.select(".//*[\(hasClass("tgme_widget_message_date"))]//time").first
            ?? message.select(".//time[@datetime]").first
        guard let time else { return nil }
        if let attribute = time.attribute("datetime"), let date = RFC3339.date(from: attribute) { return date }
        return parser.date(from: time.visibleText)
    }

    /// A comments or discussion link under the post. Previews usually show none, so its absence
    /// says nothing: the result is "open" or unknown, never "closed".
    static func showsComments(_ message: HTMLElement, in document: HTMLDocument) -> Bool {
        if !message.select(".//*[\(hasClass("tgme_widget_message_comments"))]").isEmpty { return true }
        return message.select(".//a[@href]").contains { link in
            guard let address = link.attribute("href").flatMap(document.resolve), isTelegramHost(address.host) else { return false }
            let items = URLComponents(url: address.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            return items.contains { $0.name == "comment" || $0.name == "thread" }
        }
    }

    /// `https://t.me/<channel>/<number>` from `data-post="channel/123"`; nil for anything else.
    static func postAddress(_ dataPost: String?) -> String? {
        guard let parts = dataPost?.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false),
              parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, !parts[1].isEmpty, parts[1].count <= 12,
              parts[0].unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }),
              parts[1].allSatisfy(\.isASCIIDigit)
        else { return nil }
        return "https://t.me/\(parts[0])/\(parts[1])"
    }

    // MARK: - Without a preview

    private func landingPage(_ document: HTMLDocument, response: CapturedResponse, identity: PageIdentity) -> Result<PageFacts, CaptureFailure> {
        guard let page = document.select("//*[\(Self.hasClass("tgme_page"))]").first else {
            return .failure(unrecognised(response, "no tgme_channel_info, tgme_widget_message or tgme_page"))
        }
        let title = page.select(".//*[\(Self.hasClass("tgme_page_title"))]").first.flatMap { Self.nonEmpty($0.visibleText) }
        let extra = page.select(".//*[\(Self.hasClass("tgme_page_extra"))]").first.flatMap { Self.nonEmpty($0.visibleText) }
        let description = page.select(".//*[\(Self.hasClass("tgme_page_description"))]").first
        let descriptionText = description.map(\.visibleText) ?? ""
        let photo = page.select(".//*[\(Self.hasClass("tgme_page_photo_image"))]").first

        let blocked = descriptionText.lowercased().replacingOccurrences(of: "’", with: "'")
        if blocked.contains("can't be displayed") || blocked.contains("не может быть показан") {
            var facts = emptyFacts(response: response, identity: identity, existence: .banned)
            facts.name = title
            return .success(facts)
        }
        if let title {
            let lowered = extra?.lowercased() ?? ""
            if Self.audienceWords.contains(where: lowered.contains) {
                // An existing channel or group; its posts are not shown, so they stay unknown.
                var facts = emptyFacts(response: response, identity: identity, existence: .community)
                facts.name = title
                fillDescription(&facts, from: description, in: document)
                facts.hasAvatar = photo.map(Self.showsPhoto)
                facts.subscribers = extra.flatMap(Self.leadingCount)
                return .success(facts)
            }
            if let extra, extra.hasPrefix("@") {
                if extra.lowercased().hasSuffix("bot") {
                    return .failure(unrecognised(response, "t.me shows a bot (\(extra.prefix(40))), not a channel"))
                }
                var facts = emptyFacts(response: response, identity: identity, existence: .personalProfile)
                facts.name = title
                return .success(facts)
            }
            return .failure(unrecognised(response, "tgme_page without a subscriber count"))
        }
        // The stub t.me shows for a username nobody holds: nothing but the generic invitation.
        let named = description?.select(".//a[@href]").compactMap { Self.resolvedUsername($0.attribute("href")) } ?? []
        if extra == nil, photo == nil, let username = Self.username(of: identity), named.contains(username),
           descriptionText.lowercased().contains("you can contact") || descriptionText.lowercased().contains("можете связаться") {
            return .success(emptyFacts(response: response, identity: identity, existence: .deleted))
        }
        return .failure(unrecognised(response, "tgme_page without tgme_page_title that does not name \(identity.key)"))
    }

    // MARK: - Description and contacts

    /// Description as visible text (never markup), and the e-mails, phones and websites in it.
    private func fillDescription(_ facts: inout PageFacts, from description: HTMLElement?, in document: HTMLDocument) {
        let text = description?.visibleText.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var emails: [String] = [], phones: [String] = [], websites: [String] = []
        func add(_ value: String, to list: inout [String]) { if !list.contains(value) { list.append(value) } }
        for link in description?.select(".//a[@href]") ?? [] {
            guard let href = link.attribute("href") else { continue }
            if let email = EmailExtractor.email(fromMailto: href) { add(email.address, to: &emails); continue }
            if let phone = PhoneExtractor.phone(fromTel: href) { add(phone.normalized ?? phone.raw, to: &phones); continue }
            // Links to Telegram itself (bots, other channels, hashtag searches) are not websites.
            if let address = document.resolve(href), !Self.isTelegramHost(address.host) { add(address.displayString, to: &websites) }
        }
        for email in EmailExtractor.emails(inText: text) { add(email.address, to: &emails) }
        for phone in PhoneExtractor.phones(inText: text) { add(phone.normalized ?? phone.raw, to: &phones) }
        facts.description = text
        facts.emails = emails
        facts.phones = phones
        facts.websites = websites
    }

    // MARK: - Counts

    static let audienceWords = ["subscriber", "member", "подписчик", "участник"]

    /// The subscriber counter of the header (`<span class="counter_value">109K</span>
    /// <span class="counter_type">subscribers</span>`).
    static func subscribers(in header: HTMLElement) -> Int? {
        for counter in header.select(".//*[\(hasClass("tgme_channel_info_counter"))]") {
            let type = counter.select(".//*[\(hasClass("counter_type"))]").first?.visibleText.lowercased() ?? ""
            guard audienceWords.contains(where: type.contains),
                  let value = counter.select(".//*[\(hasClass("counter_value"))]").first?.visibleText else { continue }
            return count(value)
        }
        return nil
    }

    /// The count before the first audience word: `10 612 280 subscribers`, `1 234 members, 56 online`.
    static func leadingCount(_ text: String) -> Int? {
        let lowered = text.lowercased()
        guard let word = audienceWords.compactMap({ lowered.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        return count(String(lowered[..<word.lowerBound]))
    }

    /// Reads the counts Telegram prints: `8`, `1 234` (any space), `1,234`, `109K`, `19.6K`,
    /// `1.2M`, `1,2 тыс.`, `3 млн`. Rounded forms are read as printed (`109K` is 109 000).
    static func count(_ text: String) -> Int? {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !body.isEmpty, body.count <= 40 else { return nil }
        var multiplier: Decimal = 1
        for (suffix, value) in [("тыс.", 1_000), ("тыс", 1_000), ("млн.", 1_000_000), ("млн", 1_000_000),
                                ("k", 1_000), ("к", 1_000), ("m", 1_000_000), ("м", 1_000_000), ("b", 1_000_000_000)]
        where body.hasSuffix(suffix) {
            multiplier = Decimal(value)
            body = String(body.dropLast(suffix.count))
            break
        }
        let digits = body.unicodeScalars.filter { !$0.properties.isWhitespace }
        guard let first = digits.first, ("0"..."9").contains(first),
              digits.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "," }) else { return nil }
        let number = String(digits)
        let separators = number.filter { $0 == "." || $0 == "," }
        let value: Decimal?
        if multiplier != 1 {
            // `19.6K`, `1,2 тыс.`: one decimal separator.
            guard separators.count <= 1 else { return nil }
            value = Decimal(string: number.replacingOccurrences(of: ",", with: "."), locale: Locale(identifier: "en_US_POSIX"))
        } else if separators.isEmpty {
            value = Decimal(string: number)
        } else {
            // Without a suffix a separator can only group thousands: `1,234`, `10.612.280`.
            let groups = number.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
            guard Set(separators).count == 1, let head = groups.first, (1...3).contains(head.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            value = Decimal(string: groups.joined())
        }
        guard let value else { return nil }
        var product = value * multiplier, rounded = Decimal()
        NSDecimalRound(&rounded, &product, 0, .plain)
        guard rounded >= 0, rounded < Decimal(Int.max / 2) else { return nil }
        return NSDecimalNumber(decimal: rounded).intValue
    }

    // MARK: - Helpers

    private func emptyFacts(response: CapturedResponse, identity: PageIdentity, existence: PageExistence) -> PageFacts {
        PageFacts(identity: identity, source: .telegramPreview, address: response.address.displayString,
                  capturedAt: response.capturedAt, digest: response.digest, existence: existence)
    }

    private func unrecognised(_ response: CapturedResponse, _ detail: String) -> CaptureFailure {
        CaptureFailure(reason: .unrecognisedPage, address: response.address.displayString, status: response.status,
                       capturedAt: response.capturedAt, detail: detail)
    }

    /// XPath test for one class name among an element's classes (`tgme_channel_info` does not
    /// match `tgme_channel_info_header`).
    static func hasClass(_ name: String) -> String {
        "contains(concat(' ', normalize-space(@class), ' '), ' \(name) ')"
    }

    /// The avatar slot shows a photo when it is, or holds, an `<img>` with a source; Telegram
    /// draws the channel's initials (`data-content`) in the same slot when there is no photo.
    static func showsPhoto(_ slot: HTMLElement) -> Bool {
        let images = slot.name == "img" ? [slot] : slot.select(".//img")
        return images.contains { !($0.attribute("src") ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
    }

    static func isTelegramHost(_ host: String) -> Bool {
        let host = host.lowercased()
        return ["t.me", "telegram.me", "telegram.dog", "telegram.org", "telesco.pe"].contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// The channel name of a `t.me/<name>` identity, lowercased.
    static func username(of identity: PageIdentity) -> String? {
        guard identity.key.hasPrefix("t.me/") else { return nil }
        let name = identity.key.dropFirst("t.me/".count)
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("+") else { return nil }
        return name.lowercased()
    }

    /// The username a link names: `tg://resolve?domain=name` or `https://t.me/name`.
    static func resolvedUsername(_ href: String?) -> String? {
        guard let href, let components = URLComponents(string: href.trimmingCharacters(in: .whitespaces)) else { return nil }
        let scheme = components.scheme?.lowercased()
        if scheme == "tg" {
            return components.queryItems?.first { $0.name == "domain" }?.value?.lowercased()
        }
        if scheme == "https" || scheme == "http", let host = components.host, isTelegramHost(host) {
            return components.path.split(separator: "/").first.map { $0.lowercased() }
        }
        return nil
    }

    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
