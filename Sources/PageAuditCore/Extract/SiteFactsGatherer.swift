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

    private func read(_ address: WebAddress, role: SitePageFacts.Role, from source: some CaptureSource) async -> Result<(SitePageFacts, HTMLDocument), CaptureFailure> {
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
