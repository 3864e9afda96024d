import Foundation

/// Reads an official page through whatever the capture source holds for it: for VK the API
/// answers first (the reliable source), then the community's public HTML; for OK the group page;
/// for Telegram the public preview `t.me/s/<name>`.
public struct PageFactsGatherer: Sendable {
    public init() {}

    public func gather(_ identity: PageIdentity, timeZone: TimeZone, from source: some CaptureSource) async -> PageObservation {
        let path = String(identity.key.drop { $0 != "/" }.dropFirst())
        switch identity.platform {
        case .vk:
            return await vk(identity, path: path, timeZone: timeZone, from: source)
        case .ok:
            return await html(identity, at: ["https://ok.ru/\(path)", "https://m.ok.ru/\(path)"], timeZone: timeZone, from: source) {
                OKPageHTMLReader().facts(of: $0, response: $1, identity: identity, timeZone: timeZone)
            }
        case .telegram where !path.hasPrefix("+") && !path.hasPrefix("joinchat"):
            return await html(identity, at: ["https://t.me/s/\(path)"], timeZone: timeZone, from: source) {
                TelegramPreviewReader().facts(of: $0, response: $1, identity: identity, timeZone: timeZone)
            }
        default:
            return .unreadable(identity, CaptureFailure(reason: .unsupportedPlatform, address: identity.address.displayString))
        }
    }

    private func vk(_ identity: PageIdentity, path: String, timeZone: TimeZone, from source: some CaptureSource) async -> PageObservation {
        let number = path.hasPrefix("club") ? String(path.dropFirst(4)) : nil
        var apiFailure: CaptureFailure?
        if case .success(let groups) = await source.capture(VKAPIAnswerKey.groupsAddress(for: number ?? path)) {
            let match = VKAPIReader.group(in: groups.body, matching: identity)
            var wall: CapturedResponse?
            let wallAddresses = [match.map { VKAPIAnswerKey.wallAddress(groupID: $0.id) }, match?.screenName.map(VKAPIAnswerKey.wallAddress(domain:)),
                                 number == nil ? VKAPIAnswerKey.wallAddress(domain: path) : nil].compactMap { $0 }
            for address in wallAddresses where wall == nil {
                if case .success(let answer) = await source.capture(address) { wall = answer }
            }
            switch VKAPIReader().facts(groups: groups, wall: wall, identity: identity) {
            case .success(var facts):
                if let match {
                    facts.aliases = [PageIdentity(platform: .vk, key: "vk.com/club\(match.id)")]
                        + (match.screenName.map { [PageIdentity(platform: .vk, key: "vk.com/\($0.lowercased())")] } ?? [])
                }
                return .read(facts)
            case .failure(let failure):
                // A token or rate-limit error says nothing about the page: the HTML may still tell.
                apiFailure = failure
            }
        }
        let forms = number.map { ["club\($0)", "public\($0)"] } ?? [path]
        let addresses = forms.flatMap { ["https://vk.com/\($0)", "https://m.vk.com/\($0)"] }
        var observation = await html(identity, at: addresses, timeZone: timeZone, from: source) {
            VKPageHTMLReader().facts(of: $0, response: $1, identity: identity, timeZone: timeZone)
        }
        if case .read(var facts) = observation, facts.aliases == nil {
            facts.aliases = Self.aliasesFromPostLinks(facts)
            observation = .read(facts)
        }
        if let apiFailure, case .unreadable(_, let failure) = observation, failure.reason == .notCaptured {
            return .unreadable(identity, apiFailure)
        }
        return observation
    }

    /// The first of the addresses the source holds, read by `reader`. A 404 or 410 is itself a
    /// reading: the page does not exist.
    private func html(_ identity: PageIdentity, at addresses: [String], timeZone: TimeZone, from source: some CaptureSource,
                      reader: (HTMLDocument, CapturedResponse) -> Result<PageFacts, CaptureFailure>) async -> PageObservation {
        for text in addresses {
            guard let address = WebAddress(text) else { continue }
            let response: CapturedResponse
            switch await source.capture(address) {
            case .failure(let failure) where failure.reason == .notCaptured: continue
            case .failure(let failure): return .unreadable(identity, failure)
            case .success(let captured): response = captured
            }
            if let failure = CaptureFailure.from(response) {
                guard failure.showsPageIsGone else { return .unreadable(identity, failure) }
                return .read(PageFacts(identity: identity, source: Self.source(of: identity.platform), address: response.address.displayString,
                                       capturedAt: response.capturedAt, digest: response.digest, existence: .deleted))
            }
            do {
                let document = try HTMLDocument(bytes: response.body, address: response.address, contentType: response.contentType)
                switch reader(document, response) {
                case .success(let facts): return .read(facts)
                case .failure(let failure): return .unreadable(identity, failure)
                }
            } catch {
                return .unreadable(identity, CaptureFailure(reason: .unrecognisedPage, address: response.address.displayString, detail: error.description))
            }
        }
        return .unreadable(identity, CaptureFailure(reason: .notCaptured, address: addresses.first ?? identity.address.displayString))
    }

    /// A community's own posts are `wall-<number>_<post>`: the number names it as `clubN`, so a page
    /// read from HTML under its screen name still matches a registry that gives the number.
    static func aliasesFromPostLinks(_ facts: PageFacts) -> [PageIdentity]? {
        var numbers: [String: Int] = [:]
        for url in (facts.posts ?? []).compactMap(\.url) {
            guard let range = url.range(of: "wall-") else { continue }
            let number = url[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if !number.isEmpty { numbers[String(number), default: 0] += 1 }
        }
        // Reposts link other walls; the page's own number is the one most of its posts carry.
        guard let own = numbers.max(by: { $0.value < $1.value })?.key, numbers[own]! * 2 > numbers.values.reduce(0, +) else { return nil }
        let club = PageIdentity(platform: .vk, key: "vk.com/club\(own)")
        return club == facts.identity ? [club] : [club, facts.identity]
    }

    private static func source(of platform: Platform) -> PageFacts.Source {
        switch platform {
        case .vk: .vkHTML
        case .ok: .okHTML
        case .telegram: .telegramPreview
        default: .maxHTML
        }
    }
}
