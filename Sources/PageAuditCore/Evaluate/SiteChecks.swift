/// The website checks. A `notMet` needs every page we meant to read to have been read: an email
/// missing from the home page may be on a contacts page we could not open.
struct SiteChecks {
    let facts: AgencyFacts
    var observation: SiteObservation { facts.site }

    func outcome(of check: Check) -> Outcome {
        if case .siteExists = check { return siteExists() }
        let siteFacts: SiteFacts
        switch observation {
        case .notDeclared: return .unknown(Self.noWebsite)
        case .unreadable(let failure):
            return .unknown(LocalizedText(ru: "сайт не прочитан: ", en: "the website was not read: ") + failure.message, evidence: [Evidence(failure: failure)])
        case .read(let read): siteFacts = read
        }
        switch check {
        case .siteEmail: return contacts(siteFacts, require: [.email])
        case .siteContacts(let require): return contacts(siteFacts, require: require)
        case .siteLinksToPages(let platforms): return linksToPages(siteFacts, platforms: platforms)
        case .siteLinkedPagesValid(let platforms): return linkedPagesValid(siteFacts, platforms: platforms)
        case .sitePosWidget: return posWidget(siteFacts)
        default: return .unknown(LocalizedText(ru: "не проверка сайта", en: "not a website check"))
        }
    }

    static let noWebsite = LocalizedText(ru: "в реестре не указан адрес официального сайта", en: "the registry gives no website address")

    private func siteExists() -> Outcome {
        switch observation {
        case .notDeclared:
            return .unknown(Self.noWebsite)
        case .unreadable(let failure) where failure.showsPageIsGone:
            return .notMet(LocalizedText(ru: "сайт не отвечает: ", en: "the website does not answer: ") + failure.message,
                           measured: "HTTP \(failure.status ?? 0)", expected: "HTTP 200", evidence: [Evidence(failure: failure)])
        case .unreadable(let failure):
            return .unknown(failure.message, evidence: [Evidence(failure: failure)])
        case .read(let facts):
            return .met(LocalizedText(ru: "сайт \(facts.website.displayHost) открывается", en: "the website \(facts.website.displayHost) answers"),
                        measured: "HTTP \(facts.home.status)", evidence: [Evidence(page: facts.home, excerpt: facts.home.title)])
        }
    }

    /// Found items with their evidence, by kind of contact.
    private func found(_ item: Check.ContactItem, in facts: SiteFacts) -> [Evidence] {
        facts.pages.flatMap { page -> [Evidence] in
            switch item {
            case .email: page.emails.map { Evidence(page: page, excerpt: $0.address) }
            case .phone: page.phones.map { Evidence(page: page, excerpt: $0.normalized ?? $0.raw) }
            case .address: page.postalAddresses.map { Evidence(page: page, excerpt: $0.text) }
            case .name: []
            }
        }
    }

    private func contacts(_ facts: SiteFacts, require: [Check.ContactItem]) -> Outcome {
        var evidence: [Evidence] = []
        var missing: [Check.ContactItem] = []
        for item in require {
            let sightings = found(item, in: facts)
            if sightings.isEmpty { missing.append(item) }
            // Three sightings of each item make the point; a footer repeated on every page adds nothing.
            evidence += sightings.prefix(3)
        }
        let measured = require.map { "\($0.rawValue): \(missing.contains($0) ? "нет" : "да")" }.joined(separator: ", ")
        if missing.isEmpty {
            return .met(LocalizedText(ru: "на сайте указаны: \(Self.names(require, .ru))", en: "the website shows: \(Self.names(require, .en))"),
                        measured: measured, evidence: evidence)
        }
        let readPages = facts.pages.map { Evidence(page: $0) }
        if !facts.unread.isEmpty {
            return .unknown(LocalizedText(ru: "не найдено: \(Self.names(missing, .ru)); не прочитаны страницы: \(unreadList(facts))",
                                          en: "not found: \(Self.names(missing, .en)); pages not read: \(unreadList(facts))"),
                            evidence: readPages + facts.unread.map { Evidence(failure: $0.failure) })
        }
        return .notMet(LocalizedText(ru: "на прочитанных страницах сайта (\(facts.pages.count)) не найдено: \(Self.names(missing, .ru))",
                                     en: "not found on the \(facts.pages.count) page(s) read: \(Self.names(missing, .en))"),
                       measured: measured, expected: require.map { "\($0.rawValue): да" }.joined(separator: ", "), evidence: readPages + evidence)
    }

    private func linksToPages(_ facts: SiteFacts, platforms: [Platform]) -> Outcome {
        let official = facts.platformLinks.filter { platforms.contains($0.platform) && $0.canBeOfficialPage }
        if !official.isEmpty {
            let pages = unique(official.compactMap(\.identity?.key))
            return .met(LocalizedText(ru: "сайт ссылается на страницы: \(pages.joined(separator: ", "))", en: "the website links to: \(pages.joined(separator: ", "))"),
                        measured: pages.joined(separator: ", "), evidence: official.prefix(5).map(Self.evidence(of:)))
        }
        let others = facts.platformLinks.filter { $0.canBeOfficialPage || $0.kind == .personalProfile }
        let otherText = others.isEmpty ? "" : "; другие ссылки: " + unique(others.map { "\($0.identity?.key ?? $0.href) (\($0.kind == .personalProfile ? "личный профиль" : $0.platform.displayName))" }).joined(separator: ", ")
        let otherTextEN = others.isEmpty ? "" : "; other links: " + unique(others.map { "\($0.identity?.key ?? $0.href) (\($0.kind == .personalProfile ? "personal profile" : $0.platform.displayName))" }).joined(separator: ", ")
        let wanted = platforms.map(\.displayName).joined(separator: ", ")
        if !facts.unread.isEmpty {
            return .unknown(LocalizedText(ru: "ссылок на страницы (\(wanted)) на прочитанных страницах нет; не прочитаны: \(unreadList(facts))",
                                          en: "no links to pages on \(wanted) on the pages read; not read: \(unreadList(facts))"),
                            evidence: facts.unread.map { Evidence(failure: $0.failure) })
        }
        return .notMet(LocalizedText(ru: "на сайте нет ссылок на официальные страницы в \(wanted)\(otherText)",
                                     en: "the website links to no official page on \(wanted)\(otherTextEN)"),
                       measured: others.isEmpty ? "нет ссылок" : unique(others.map { $0.identity?.key ?? $0.href }).joined(separator: ", "),
                       expected: wanted, evidence: facts.pages.map { Evidence(page: $0) } + others.prefix(5).map(Self.evidence(of:)))
    }

    private func linkedPagesValid(_ facts: SiteFacts, platforms: [Platform]) -> Outcome {
        let lookAlikes = facts.platformLinks.filter { $0.kind == .lookAlike }
        if !lookAlikes.isEmpty {
            let hosts = unique(lookAlikes.map(\.href)).joined(separator: ", ")
            return .notMet(LocalizedText(ru: "сайт ссылается на адрес, похожий на адрес соцсети, но не являющийся им: \(hosts)",
                                         en: "the website links to an address made to look like a social network's: \(hosts)"),
                           measured: hosts, expected: LocalizedText.communityExpected.ru, evidence: lookAlikes.map(Self.evidence(of:)))
        }
        let links = facts.platformLinks.filter { platforms.contains($0.platform) && ($0.canBeOfficialPage || $0.kind == .personalProfile) }
        guard !links.isEmpty else {
            return .met(LocalizedText(
                ru: "проверять нечего: сайт не ссылается на страницы в \(platforms.map(\.displayName).joined(separator: ", ")) — см. SITE-LINKS-TO-PAGES",
                en: "nothing to validate: the website links to no page on \(platforms.map(\.displayName).joined(separator: ", ")); see SITE-LINKS-TO-PAGES"))
        }
        let profiles = links.filter { $0.kind == .personalProfile }
        if !profiles.isEmpty {
            let names = unique(profiles.compactMap(\.identity?.key)).joined(separator: ", ")
            return .notMet(LocalizedText(ru: "сайт ссылается на личный профиль, а не на страницу организации: \(names)",
                                         en: "the website links to a personal profile, not an organisation's page: \(names)"),
                           measured: names, expected: LocalizedText.communityExpected.ru, evidence: profiles.map(Self.evidence(of:)))
        }
        // Each linked page must have been read and found to be an existing, public community.
        let read = Dictionary(self.facts.pages.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        var invalid: [(String, LocalizedText)] = [], unknown: [String] = [], evidence: [Evidence] = []
        for identity in Set(links.compactMap(\.identity)).sorted() {
            switch read[identity] {
            case .read(let page)?:
                evidence.append(Evidence(url: page.address, capturedAt: page.capturedAt, digest: page.digest, excerpt: PageExistenceCheck.describe(page.existence).ru))
                if page.existence != .community { invalid.append((identity.key, PageExistenceCheck.describe(page.existence))) }
            case .unreadable(_, let failure)?:
                unknown.append(identity.key)
                evidence.append(Evidence(failure: failure))
            case nil:
                unknown.append(identity.key)
            }
        }
        if !invalid.isEmpty {
            return .notMet(LocalizedText(ru: "сайт ссылается на недействующие страницы: \(invalid.map { "\($0.0) — \($0.1.ru)" }.joined(separator: "; "))",
                                         en: "the website links to pages that are not valid: \(invalid.map { "\($0.0): \($0.1.en)" }.joined(separator: "; "))"),
                           measured: invalid.map(\.0).joined(separator: ", "), expected: LocalizedText.communityExpected.ru, evidence: evidence)
        }
        if !unknown.isEmpty {
            return .unknown(LocalizedText(ru: "страницы не прочитаны: \(unknown.joined(separator: ", "))", en: "pages not read: \(unknown.joined(separator: ", "))"),
                            evidence: evidence + links.prefix(3).map(Self.evidence(of:)))
        }
        let pages = unique(links.compactMap(\.identity?.key)).joined(separator: ", ")
        return .met(LocalizedText(ru: "все страницы, на которые ссылается сайт, — действующие сообщества: \(pages)",
                                  en: "every page the website links to is an existing community: \(pages)"), measured: pages, evidence: evidence)
    }

    /// The widget belongs on the home page; other pages do not change the verdict.
    private func posWidget(_ facts: SiteFacts) -> Outcome {
        if let sighting = facts.pages.lazy.flatMap({ page in page.posWidget.map { (page, $0) } }).first {
            return .met(LocalizedText(ru: "виджет ПОС «Решаем вместе» встроен", en: "the ПОС widget «Решаем вместе» is embedded"),
                        measured: sighting.1.form.rawValue, evidence: [Evidence(page: sighting.0, excerpt: sighting.1.excerpt)])
        }
        return .notMet(LocalizedText(ru: "виджет ПОС «Решаем вместе» (pos.gosuslugi.ru) на главной странице не найден",
                                     en: "no ПОС widget «Решаем вместе» (pos.gosuslugi.ru) on the home page"),
                       measured: "нет", expected: "pos.gosuslugi.ru", evidence: [Evidence(page: facts.home)])
    }

    static func evidence(of link: PlatformLink) -> Evidence {
        let label = link.label.map { " «\($0)»" } ?? ""
        return Evidence(url: link.foundOn, excerpt: "\(link.href)\(label) [\(link.region.rawValue)]")
    }

    private func unreadList(_ facts: SiteFacts) -> String { facts.unread.map(\.address.displayString).joined(separator: ", ") }

    private func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    static func names(_ items: [Check.ContactItem], _ language: Language) -> String {
        items.map { item in
            switch item {
            case .email: language == .ru ? "адрес электронной почты" : "email address"
            case .phone: language == .ru ? "телефон" : "phone number"
            case .address: language == .ru ? "почтовый адрес" : "postal address"
            case .name: language == .ru ? "наименование" : "name"
            }
        }.joined(separator: ", ")
    }
}

extension LocalizedText {
    static func + (lhs: LocalizedText, rhs: LocalizedText) -> LocalizedText {
        LocalizedText(ru: lhs.ru + rhs.ru, en: lhs.en + rhs.en)
    }

    static let communityExpected = LocalizedText(ru: "сообщество (группа или публичная страница)", en: "a community (group or public page)")
}
