/// Gathers what a website shows: reads the home page, then the contact-like pages it links to,
/// through whatever capture source the run uses (snapshot folder now, live HTTP later).
public struct SiteFactsGatherer: Sendable {
    /// How many contact or "about" pages to read besides the home page.
    public var contactPageLimit: Int

    public init(contactPageLimit: Int = 3) {
        self.contactPageLimit = contactPageLimit
    }

    public func gather(website: WebAddress?, from source: some CaptureSource) async -> SiteObservation {
        guard let website else { return .notDeclared }
        let home: (SitePageFacts, HTMLDocument)
        switch await read(website, role: .home, from: source) {
        case .failure(let failure): return .unreadable(failure)
        case .success(let page): home = page
        }
        var pages = [home.0]
        var unread: [UnreadPage] = []
        for address in ContactPageFinder(limit: contactPageLimit).candidates(in: home.1) {
            switch await read(address, role: .contacts, from: source) {
            case .success(let page): pages.append(page.0)
            case .failure(let failure): unread.append(UnreadPage(address: address, role: .contacts, failure: failure))
            }
        }
        return .read(SiteFacts(website: website, pages: pages, unread: unread))
    }

    /// At most this many `<meta http-equiv="refresh">` hops are followed from one page.
    static let refreshHops = 3

    /// Reads the page at `address`, following a meta refresh (old municipal sites often answer the
    /// home page with nothing else) as a browser would, at most `refreshHops` times and never to a
    /// page already visited, so a refresh loop ends on a page that is read as it is.
    private func read(_ address: WebAddress, role: SitePageFacts.Role, from source: some CaptureSource) async -> Result<(SitePageFacts, HTMLDocument), CaptureFailure> {
        var visited: Set<String> = [address.description]
        var result = await readOne(address, role: role, from: source)
        for _ in 0..<Self.refreshHops {
            guard case .success(let page) = result, let target = page.1.metaRefreshTarget, visited.insert(target.description).inserted else { break }
            let next = await readOne(target, role: role, from: source)
            guard case .success = next else { break }
            result = next
        }
        return result
    }

    private func readOne(_ address: WebAddress, role: SitePageFacts.Role, from source: some CaptureSource) async -> Result<(SitePageFacts, HTMLDocument), CaptureFailure> {
        let response: CapturedResponse
        switch await source.capture(address) {
        case .failure(let failure): return .failure(failure)
        case .success(let captured): response = captured
        }
        if let failure = CaptureFailure.from(response) { return .failure(failure) }
        do {
            let document = try HTMLDocument(bytes: response.body, address: response.address, contentType: response.contentType)
            return .success((SitePageReader().facts(of: document, response: response, role: role), document))
        } catch {
            return .failure(CaptureFailure(reason: .notHTML, address: response.address.displayString, status: response.status,
                                           capturedAt: response.capturedAt, detail: error.description))
        }
    }
}
