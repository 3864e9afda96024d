import Foundation

/// One page's verdict for each simple page rule. An unknown fact (nil) is `unknown`, never `notMet`.
struct PageRuleJudgements {
    let page: PageFacts
    let evidence: [Evidence]
    let asOf: Date
    let website: WebAddress?

    private static let unknownFact = LocalizedText(ru: "источник этого не показывает", en: "the source does not show this")

    private func unknown(_ what: LocalizedText) -> Outcome {
        .unknown(what + LocalizedText(ru: ": ", en: ": ") + Self.unknownFact, evidence: evidence)
    }

    func contacts(_ require: [Check.ContactItem]) -> Outcome {
        var missing: [Check.ContactItem] = [], unknownItems: [Check.ContactItem] = [], shown: [String] = []
        for item in require {
            let values: [String]?
            switch item {
            case .name: values = page.name.map { [$0] }
            case .email: values = page.emails
            case .phone: values = page.phones
            case .address: values = page.postalAddress.map { [$0] }
            }
            guard let values else { unknownItems.append(item); continue }
            if values.isEmpty { missing.append(item) } else { shown += values.prefix(2) }
        }
        let measured = require.map { item in
            "\(item.rawValue): \(missing.contains(item) ? "нет" : unknownItems.contains(item) ? "?" : "да")"
        }.joined(separator: ", ")
        if !missing.isEmpty {
            return .notMet(LocalizedText(ru: "на странице не указаны: \(SiteChecks.names(missing, .ru))", en: "the page does not show: \(SiteChecks.names(missing, .en))"),
                           measured: measured, expected: require.map { "\($0.rawValue): да" }.joined(separator: ", "), evidence: evidence)
        }
        if !unknownItems.isEmpty { return unknown(LocalizedText(ru: SiteChecks.names(unknownItems, .ru), en: SiteChecks.names(unknownItems, .en))) }
        return .met(LocalizedText(ru: "на странице указаны: \(SiteChecks.names(require, .ru))", en: "the page shows: \(SiteChecks.names(require, .en))"),
                    measured: measured, evidence: evidence.map { var e = $0; e.excerpt = shown.joined(separator: ", "); return e })
    }

    func linksSite() -> Outcome {
        guard let website else {
            return .unknown(LocalizedText(ru: "в реестре не указан сайт, с которым сравнивать", en: "the registry gives no website to compare with"))
        }
        guard let links = page.websites else { return unknown(LocalizedText(ru: "ссылки на сайты", en: "links to websites")) }
        let addresses = links.compactMap { WebAddress($0) }
        if let match = addresses.first(where: { $0.isSameSite(as: website) }) {
            return .met(LocalizedText(ru: "страница ссылается на сайт \(match.displayHost)", en: "the page links to the website \(match.displayHost)"),
                        measured: match.displayString, evidence: evidence)
        }
        let found = addresses.isEmpty ? "нет ссылок" : addresses.map(\.displayString).joined(separator: ", ")
        return .notMet(LocalizedText(ru: "страница не ссылается на сайт \(website.displayHost) (ссылки: \(found))",
                                     en: "the page does not link to the website \(website.displayHost) (links: \(found))"),
                       measured: found, expected: website.displayHost, evidence: evidence)
    }

    func description(minLength: Int) -> Outcome {
        guard let text = page.description?.trimmingCharacters(in: .whitespacesAndNewlines) else {
            return unknown(LocalizedText(ru: "описание", en: "description"))
        }
        if text.count < minLength {
            return .notMet(LocalizedText(ru: "описание короче \(minLength) знаков (\(text.count))", en: "the description is shorter than \(minLength) characters (\(text.count))"),
                           measured: String(text.count), expected: "≥ \(minLength)", evidence: evidence)
        }
        return .met(LocalizedText(ru: "описание заполнено (\(text.count) знаков)", en: "the description is filled in (\(text.count) characters)"),
                    measured: String(text.count), evidence: evidence.map { var e = $0; e.excerpt = String(text.prefix(160)); return e })
    }

    func governmentMark() -> Outcome {
        switch page.governmentMark {
        case nil: return unknown(LocalizedText(ru: "отметка «Госорганизация»", en: "the «Госорганизация» mark"))
        case true?: return .met(LocalizedText(ru: "есть отметка «Госорганизация»", en: "the page has the «Госорганизация» mark"), evidence: evidence)
        case false?: return .notMet(LocalizedText(ru: "нет отметки «Госорганизация»", en: "the page lacks the «Госорганизация» mark"), measured: "нет", expected: "да", evidence: evidence)
        }
    }

    func posWidgets(minimum: Int) -> Outcome {
        guard let count = page.posWidgets else { return unknown(LocalizedText(ru: "виджеты ПОС", en: "ПОС widgets")) }
        if count < minimum {
            return .notMet(LocalizedText(ru: "виджетов ПОС: \(count) из \(minimum)", en: "ПОС widgets: \(count) of \(minimum)"),
                           measured: String(count), expected: String(minimum), evidence: evidence)
        }
        return .met(LocalizedText(ru: "виджетов ПОС: \(count)", en: "ПОС widgets: \(count)"), measured: String(count), evidence: evidence)
    }

    /// The newest post by date. A pinned post sits on top of the feed for months; judging by the
    /// first post shown, as naive scrapers do, would call an abandoned page fresh.
    func freshness(maxAgeDays: Int) -> Outcome {
        guard let posts = page.posts else { return unknown(LocalizedText(ru: "записи", en: "posts")) }
        guard let latest = posts.filter({ $0.date <= asOf }).map(\.date).max() else {
            return .notMet(LocalizedText(ru: "на странице нет записей", en: "the page has no posts"),
                           measured: "0", expected: "≤ \(maxAgeDays)", evidence: evidence)
        }
        let age = Int(asOf.timeIntervalSince(latest) / 86_400)
        let when = RFC3339.string(from: latest)
        if age > maxAgeDays {
            return .notMet(LocalizedText(ru: "последняя запись \(age) дн. назад (\(when))", en: "the latest post is \(age) days old (\(when))"),
                           measured: "\(age)", expected: "≤ \(maxAgeDays)", evidence: evidence)
        }
        return .met(LocalizedText(ru: "последняя запись \(age) дн. назад (\(when))", en: "the latest post is \(age) days old (\(when))"),
                    measured: "\(age)", evidence: evidence)
    }

    /// Closed on the page, or on any of the latest posts, is not met: citizens must be able to reply.
    func commentsOpen() -> Outcome {
        let recent = (page.posts ?? []).filter { $0.isPinned != true }.prefix(10)
        let closed = recent.filter { $0.commentsOpen == false }
        if page.commentsOpen == false {
            return .notMet(LocalizedText(ru: "комментарии на странице закрыты", en: "comments are closed on the page"), measured: "закрыты", expected: "открыты", evidence: evidence)
        }
        if !closed.isEmpty {
            let posts = closed.map { $0.url ?? RFC3339.string(from: $0.date) }.joined(separator: ", ")
            return .notMet(LocalizedText(ru: "комментарии закрыты у записей: \(posts)", en: "comments are closed on posts: \(posts)"),
                           measured: "закрыты у \(closed.count) из \(recent.count)", expected: "открыты", evidence: evidence)
        }
        let known = recent.compactMap(\.commentsOpen)
        if page.commentsOpen == true || (!known.isEmpty && known.count == recent.count) {
            return .met(LocalizedText(ru: "комментарии открыты", en: "comments are open"), measured: "открыты", evidence: evidence)
        }
        return unknown(LocalizedText(ru: "настройка комментариев", en: "the comments setting"))
    }

    func addressOnMap() -> Outcome {
        switch page.addressOnMap {
        case nil: return unknown(LocalizedText(ru: "адрес в настройках страницы", en: "the address in the page settings"))
        case true?: return .met(LocalizedText(ru: "адрес указан и показан на карте", en: "the address is set and shown on the map"), evidence: evidence)
        case false?: return .notMet(LocalizedText(ru: "адрес в настройках страницы не указан", en: "no address is set in the page settings"), measured: "нет", expected: "да", evidence: evidence)
        }
    }

    func design(_ require: [Check.DesignElement]) -> Outcome {
        let values = require.map { ($0, $0 == .avatar ? page.hasAvatar : page.hasCover) }
        let missing = values.filter { $0.1 == false }.map(\.0.rawValue)
        let measured = values.map { "\($0.0.rawValue): \($0.1.map { $0 ? "да" : "нет" } ?? "?")" }.joined(separator: ", ")
        if !missing.isEmpty {
            return .notMet(LocalizedText(ru: "нет оформления: \(missing.map { $0 == "avatar" ? "аватар" : "обложка" }.joined(separator: ", "))",
                                         en: "missing design elements: \(missing.joined(separator: ", "))"), measured: measured, evidence: evidence)
        }
        if values.contains(where: { $0.1 == nil }) { return unknown(LocalizedText(ru: "оформление", en: "design elements")) }
        return .met(LocalizedText(ru: "аватар и обложка на месте", en: "avatar and cover are present"), measured: measured, evidence: evidence)
    }
}
