/// Picks the pages of a site worth reading besides the home page: contacts, feedback, "about".
/// Contacts are often only there, and a site must not fail for keeping them one click away.
struct ContactPageFinder {
    var limit: Int

    /// Words in link text that mark such pages, strongest first.
    static let labelWords = ["контакт", "обратная связь", "о нас", "об администрации", "об организации", "об учреждении",
                             "сведения об", "о министерстве", "о ведомстве", "о суде", "приёмная", "приемная", "реквизиты", "contacts", "about"]
    static let pathWords = ["contact", "kontakt", "feedback", "obratnaya", "about", "o-nas", "onas", "svedeniya", "priemnaya"]

    static let labelPhrases = Phrases(labelWords), pathPhrases = Phrases(pathWords)
    /// A menu item is a few words; a longer label is a headline that happens to contain one of the
    /// words («Стартовала приёмная кампания…»), and reading it would cost a request and miss the contacts.
    static let maximumLabelWords = 5

    func candidates(in document: HTMLDocument) -> [WebAddress] {
        var scored: [(address: WebAddress, score: Int, order: Int)] = []
        var seen: Set<String> = [document.address.description]
        for (order, link) in document.elements(named: "a").filter({ $0.hasAttribute("href") }).enumerated() {
            guard let href = link.attribute("href"), let address = document.resolve(href),
                  address.isSameSite(as: document.address), seen.insert(address.description).inserted else { continue }
            let label = SimpleText.lowercased(link.visibleText)
            let path = SimpleText.lowercased(address.path)
            var score = 0
            if Self.isMenuLabel(label), let index = Self.labelPhrases.firstIndex(in: label) { score += 100 - index }
            if Self.pathPhrases.firstIndex(in: path) != nil { score += 50 }
            if score > 0, !Self.isDocument(path) { scored.append((address, score, order)) }
        }
        return scored.sorted { ($0.score, -$0.order) > ($1.score, -$1.order) }.prefix(limit).map(\.address)
    }

    static func isMenuLabel(_ label: String) -> Bool {
        label.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count <= maximumLabelWords
    }

    /// A file to download is not a page to read.
    static func isDocument(_ path: String) -> Bool {
        [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".rtf", ".zip", ".rar", ".jpg", ".png"].contains { path.hasSuffix($0) }
    }
}
