/// Reads one captured page of a website into facts. It never decides pass or fail.
struct SitePageReader {
    func facts(of document: HTMLDocument, response: CapturedResponse, role: SitePageFacts.Role) -> SitePageFacts {
        let text = document.root?.visibleText ?? ""
        let scalars = ContactScan.scalars(text)
        var emails = EmailExtractor.emails(in: scalars)
        var phones = PhoneExtractor.phones(in: scalars)
        for link in document.elements(named: "a") where link.hasAttribute("href") {
            guard let href = link.attribute("href").map(SimpleText.trimmingWhitespace) else { continue }
            let scheme = href.prefix(7).lowercased()
            if scheme.hasPrefix("mailto:"), let email = EmailExtractor.email(fromMailto: href), !emails.contains(where: { $0.address == email.address }) {
                emails.append(email)
            } else if scheme.hasPrefix("tel:"), let phone = PhoneExtractor.phone(fromTel: href),
                      !phones.contains(where: { ($0.normalized ?? $0.raw) == (phone.normalized ?? phone.raw) }) {
                phones.append(phone)
            }
        }
        let title = document.elements(named: "title").first?.visibleText
        return SitePageFacts(
            address: response.address, role: role, capturedAt: response.capturedAt, status: response.status,
            digest: response.digest, charset: document.charset.charset, title: title.flatMap { $0.isEmpty ? nil : String($0.prefix(300)) },
            platformLinks: PlatformLinkReader().links(in: document), emails: emails, phones: phones,
            postalAddresses: PostalAddressExtractor.addresses(in: scalars), posWidget: PosWidgetDetector().sightings(in: document))
    }
}
