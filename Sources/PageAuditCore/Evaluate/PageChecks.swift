/// The official-page checks. Until the page adapters read VK, OK and Telegram, every page rule is
/// `unverifiable`, and says which pages are known, so the officer sees what will be checked.
struct PageChecks {
    let facts: AgencyFacts

    /// Pages known from the registry and from the website's links, each with where it came from.
    var knownPages: [(identity: PageIdentity, source: LocalizedText)] {
        var result: [(PageIdentity, LocalizedText)] = []
        var seen = Set<PageIdentity>()
        for page in facts.agency.declaredPages {
            if let identity = page.identity, seen.insert(identity).inserted {
                result.append((identity, LocalizedText(ru: "реестр", en: "registry")))
            }
        }
        for identity in facts.site.facts?.listedPages ?? [] where seen.insert(identity).inserted {
            result.append((identity, LocalizedText(ru: "сайт", en: "website")))
        }
        return result
    }

    func outcome(of check: Check) -> Outcome {
        let pages = knownPages
        guard !pages.isEmpty else {
            return .unknown(LocalizedText(
                ru: "официальная страница неизвестна: в реестре не указана, сайт на неё не ссылается",
                en: "no official page is known: the registry declares none and the website links to none"))
        }
        let list = LocalizedText(
            ru: pages.map { "\($0.identity.key) (\($0.source.ru))" }.joined(separator: ", "),
            en: pages.map { "\($0.identity.key) (\($0.source.en))" }.joined(separator: ", "))
        return .unknown(LocalizedText(ru: "страницы не сняты, проверка страниц пока не выполняется: ", en: "pages not captured; page checks are not run yet: ") + list,
                        evidence: pages.map { Evidence(url: $0.identity.address.displayString) })
    }
}
