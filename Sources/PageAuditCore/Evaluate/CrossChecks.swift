/// The checks no single page can answer: do the site and the page vouch for each other, does the
/// registry agree with the site, and is a page claimed by one agency only.
struct CrossChecks {
    let facts: AgencyFacts

    func outcome(of check: Check) -> Outcome {
        switch check {
        case .crossMutualLinks(let platforms): return mutualLinks(platforms)
        case .crossRegistryMatchesSite: return registryMatchesSite()
        case .crossPageUnique: return pageUnique()
        default: return .unknown(LocalizedText(ru: "не перекрёстная проверка", en: "not a cross-check"))
        }
    }

    /// One identity for each page, whichever form (`club123` or a screen name) names it.
    var canonical: [PageIdentity: PageIdentity] {
        var map: [PageIdentity: PageIdentity] = [:]
        for page in facts.pages.compactMap(\.facts) {
            for alias in [page.identity] + (page.aliases ?? []) where map[alias] == nil { map[alias] = page.identity }
        }
        return map
    }

    func same(_ identity: PageIdentity) -> PageIdentity { canonical[identity] ?? identity }

    /// A page counts when the site links to it and it links back to the site; a fake or abandoned
    /// page usually lacks one of the two.
    private func mutualLinks(_ platforms: [Platform]) -> Outcome {
        guard let site = facts.site.facts, let website = facts.agency.website else {
            return .unknown(LocalizedText(ru: "сайт не прочитан", en: "the website was not read"))
        }
        let listed = Set(site.listedPages.map(same))
        var lines: [String] = [], linesEN: [String] = [], unknowns = 0
        for observation in facts.pages where platforms.contains(observation.identity.platform) {
            guard let page = observation.facts, page.existence == .community else { if observation.facts == nil { unknowns += 1 }; continue }
            let linkedFromSite = listed.contains(same(page.identity))
            let linksBack = page.websites.map { $0.compactMap(WebAddress.init).contains { $0.isSameSite(as: website) } }
            if linkedFromSite && linksBack == true {
                return .met(LocalizedText(ru: "сайт ссылается на \(page.identity.key), а страница — на сайт \(website.displayHost)",
                                          en: "the site links to \(page.identity.key) and the page links back to \(website.displayHost)"),
                            measured: page.identity.key, evidence: [Evidence(url: page.address, capturedAt: page.capturedAt, digest: page.digest)])
            }
            if linksBack == nil { unknowns += 1 }
            lines.append("\(page.identity.key): сайт → страница \(linkedFromSite ? "да" : "нет"), страница → сайт \(linksBack.map { $0 ? "да" : "нет" } ?? "?")")
            linesEN.append("\(page.identity.key): site → page \(linkedFromSite ? "yes" : "no"), page → site \(linksBack.map { $0 ? "yes" : "no" } ?? "?")")
        }
        if unknowns > 0 || (lines.isEmpty && facts.pages.isEmpty) {
            return .unknown(LocalizedText(ru: "взаимные ссылки не установлены: \(lines.isEmpty ? "страницы не прочитаны" : lines.joined(separator: "; "))",
                                          en: "mutual links not established: \(linesEN.isEmpty ? "pages not read" : linesEN.joined(separator: "; "))"))
        }
        if lines.isEmpty {
            return .notMet(LocalizedText(ru: "нет действующей страницы, с которой сайт связан взаимными ссылками", en: "no existing page is linked both ways with the website"),
                           measured: "нет", expected: "сайт ↔ страница")
        }
        return .notMet(LocalizedText(ru: "ни одна страница не связана с сайтом в обе стороны: \(lines.joined(separator: "; "))",
                                     en: "no page is linked with the website both ways: \(linesEN.joined(separator: "; "))"),
                       measured: lines.joined(separator: "; "), expected: "сайт ↔ страница")
    }

    /// The registry's pages and the site's pages should be the same set; on a mismatch both lists are shown.
    private func registryMatchesSite() -> Outcome {
        let declared = Set(facts.agency.declaredPages.filter { $0.kind == .community || $0.kind == .namedPage }.compactMap(\.identity).map(same))
        guard let site = facts.site.facts else {
            return .unknown(LocalizedText(ru: "сайт не прочитан", en: "the website was not read"))
        }
        let listed = Set(site.listedPages.map(same))
        let onlyRegistry = declared.subtracting(listed).map(\.key).sorted()
        let onlySite = listed.subtracting(declared).map(\.key).sorted()
        if onlyRegistry.isEmpty && onlySite.isEmpty {
            return .met(LocalizedText(ru: "реестр и сайт называют одни и те же страницы (\(declared.count))", en: "the registry and the website name the same pages (\(declared.count))"),
                        measured: declared.map(\.key).sorted().joined(separator: ", "))
        }
        let text = "только в реестре: \(onlyRegistry.isEmpty ? "—" : onlyRegistry.joined(separator: ", ")); только на сайте: \(onlySite.isEmpty ? "—" : onlySite.joined(separator: ", "))"
        let textEN = "registry only: \(onlyRegistry.isEmpty ? "—" : onlyRegistry.joined(separator: ", ")); website only: \(onlySite.isEmpty ? "—" : onlySite.joined(separator: ", "))"
        if !onlyRegistry.isEmpty && !site.unread.isEmpty {
            return .unknown(LocalizedText(ru: "не все страницы сайта прочитаны; \(text)", en: "not every page of the website was read; \(textEN)"))
        }
        return .notMet(LocalizedText(ru: "реестр и сайт расходятся: \(text)", en: "the registry and the website disagree: \(textEN)"),
                       measured: text, expected: "одинаковые списки")
    }

    private func pageUnique() -> Outcome {
        let shared = facts.sharedClaims.filter { $0.value.contains(facts.agency.id) }
            .map { identity, ids in "\(identity.key) (\(ids.filter { $0 != facts.agency.id }.joined(separator: ", ")))" }.sorted()
        if shared.isEmpty {
            return .met(LocalizedText(ru: "страницы организации не указаны в реестре у других организаций", en: "no other agency in the registry declares this agency's pages"))
        }
        return .notMet(LocalizedText(ru: "ту же страницу указывают и другие организации: \(shared.joined(separator: "; "))",
                                     en: "other agencies declare the same page: \(shared.joined(separator: "; "))"),
                       measured: shared.joined(separator: "; "), expected: "одна организация на страницу")
    }
}
