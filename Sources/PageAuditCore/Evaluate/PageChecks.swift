import Foundation

/// The official-page checks. Each rule is judged on every existing VK or OK page of the agency,
/// and the agency gets the worst result: every official page must carry what the law asks.
/// A page we could not read makes the result `unverifiable` unless another page already fails.
struct PageChecks {
    let facts: AgencyFacts
    let asOf: Date

    func outcome(of check: Check) -> Outcome {
        if case .pageExists(let platforms) = check { return PageExistenceCheck(facts: facts).outcome(platforms: platforms) }
        let official = facts.pages.filter { $0.identity.platform.isListedByLaw }
        let readable = official.compactMap(\.facts).filter { $0.existence == .community }
        let unread = official.compactMap { observation -> (PageIdentity, CaptureFailure)? in
            if case .unreadable(let identity, let failure) = observation { return (identity, failure) }
            return nil
        }
        guard !readable.isEmpty || !unread.isEmpty else {
            return .unknown(LocalizedText(ru: "нет существующей страницы во «ВКонтакте» или «Одноклассниках» для проверки — см. PAGE-EXISTS",
                                          en: "no existing VK or OK page to check; see PAGE-EXISTS"))
        }
        var outcomes = readable.map { page in (page.identity, judge(check, on: page)) }
        outcomes += unread.map { identity, failure in
            (identity, Outcome.unknown(failure.message, evidence: [Evidence(failure: failure)]))
        }
        return Self.worst(outcomes)
    }

    /// notMet before unknown before met; the message names each page's own result.
    static func worst(_ outcomes: [(PageIdentity, Outcome)]) -> Outcome {
        let order: [Outcome.Verdict] = [.notMet, .unknown, .met]
        let verdict = order.first { verdict in outcomes.contains { $0.1.verdict == verdict } } ?? .unknown
        let chosen = outcomes.filter { $0.1.verdict == verdict }
        let prefix = outcomes.count > 1
        let message = chosen.map { identity, outcome in
            prefix ? LocalizedText(ru: "\(identity.key): ", en: "\(identity.key): ") + outcome.message : outcome.message
        }.reduce(LocalizedText(ru: "", en: "")) { $0.ru.isEmpty ? $1 : $0 + LocalizedText(ru: "; ", en: "; ") + $1 }
        let measured = chosen.compactMap { identity, outcome in outcome.measured.map { prefix ? "\(identity.key): \($0)" : $0 } }
        let expected = chosen.compactMap(\.1.expected).first
        let windows = outcomes.compactMap(\.1.windows).flatMap { $0 }
        return Outcome(verdict: verdict, message: message, measured: measured.isEmpty ? nil : measured.joined(separator: "; "),
                       expected: expected, evidence: chosen.flatMap(\.1.evidence), windows: windows.isEmpty ? nil : windows)
    }

    private func judge(_ check: Check, on page: PageFacts) -> Outcome {
        let evidence = [Evidence(url: page.address, capturedAt: page.capturedAt, digest: page.digest)]
        let rules = PageRuleJudgements(page: page, evidence: evidence, asOf: asOf, website: facts.agency.website)
        switch check {
        case .pageContacts(let require): return rules.contacts(require)
        case .pageLinksSite: return rules.linksSite()
        case .pageDescription(let minLength): return rules.description(minLength: minLength)
        case .pageGovMark: return rules.governmentMark()
        case .pagePosWidgets(let minWidgets): return rules.posWidgets(minimum: minWidgets)
        case .pagePostingCadence(let minPosts, let windowDays, let lookbackDays):
            return PostingCadence(minPosts: minPosts, windowDays: windowDays, lookbackDays: lookbackDays).judge(page, asOf: asOf, evidence: evidence)
        case .pageFreshness(let maxAgeDays): return rules.freshness(maxAgeDays: maxAgeDays)
        case .pageCommentsOpen: return rules.commentsOpen()
        case .pageAddressMap: return rules.addressOnMap()
        case .pageDesign(let require): return rules.design(require)
        default: return .unknown(LocalizedText(ru: "не проверка страницы", en: "not a page check"))
        }
    }
}
