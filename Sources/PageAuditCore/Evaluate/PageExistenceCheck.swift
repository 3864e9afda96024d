/// PAGE-EXISTS: at least one existing, public community on the listed platforms.
struct PageExistenceCheck {
    let facts: AgencyFacts

    func outcome(platforms: [Platform]) -> Outcome {
        let candidates = facts.pages.filter { platforms.contains($0.identity.platform) }
        let names = platforms.map(\.displayName).joined(separator: ", ")
        if let page = candidates.compactMap(\.facts).first(where: { $0.existence == .community }) {
            return .met(LocalizedText(ru: "официальная страница существует: \(page.identity.key)", en: "the official page exists: \(page.identity.key)"),
                        measured: page.identity.key, evidence: [Evidence(url: page.address, capturedAt: page.capturedAt, digest: page.digest, excerpt: page.name)])
        }
        let read = candidates.compactMap(\.facts)
        let states = read.map { "\($0.identity.key) — \(Self.describe($0.existence).ru)" }
        let statesEN = read.map { "\($0.identity.key): \(Self.describe($0.existence).en)" }
        let evidence = read.map { Evidence(url: $0.address, capturedAt: $0.capturedAt, digest: $0.digest, excerpt: Self.describe($0.existence).ru) }
        if candidates.isEmpty {
            let otherPlatforms = facts.pages.map(\.identity.key)
            if facts.site.facts != nil, !otherPlatforms.isEmpty {
                // The registry and the site name pages, but none on a platform the law lists.
                return .notMet(LocalizedText(ru: "нет страницы в \(names); известны только: \(otherPlatforms.joined(separator: ", "))",
                                             en: "no page on \(names); known pages: \(otherPlatforms.joined(separator: ", "))"),
                               measured: otherPlatforms.joined(separator: ", "), expected: names)
            }
            return .unknown(LocalizedText(ru: "страница в \(names) неизвестна: в реестре не указана, сайт на неё не ссылается",
                                          en: "no page on \(names) is known: the registry declares none and the website links to none"))
        }
        if candidates.allSatisfy({ $0.facts != nil }) {
            return .notMet(LocalizedText(ru: "ни одна из страниц не является действующим открытым сообществом: \(states.joined(separator: "; "))",
                                         en: "none of the pages is an existing public community: \(statesEN.joined(separator: "; "))"),
                           measured: states.joined(separator: "; "), expected: LocalizedText.communityExpected.ru, evidence: evidence)
        }
        let unread = candidates.filter { $0.facts == nil }.map(\.identity.key).joined(separator: ", ")
        return .unknown(LocalizedText(ru: "страницы не прочитаны: \(unread)", en: "pages not read: \(unread)"), evidence: evidence)
    }

    static func describe(_ existence: PageExistence) -> LocalizedText {
        switch existence {
        case .community: LocalizedText(ru: "действующее сообщество", en: "an existing community")
        case .personalProfile: LocalizedText(ru: "личный профиль", en: "a personal profile")
        case .deleted: LocalizedText(ru: "удалена или не существует", en: "deleted or non-existent")
        case .banned: LocalizedText(ru: "заблокирована", en: "blocked by the platform")
        case .closed: LocalizedText(ru: "закрытое сообщество", en: "a closed community")
        }
    }
}
