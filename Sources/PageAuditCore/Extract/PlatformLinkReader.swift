/// Finds the links a page makes to social networks, with where they sit and what a reader sees.
///
/// Only `<a href>` and `<area href>` count: share buttons and SDK scripts mention `vk.com` too,
/// but a script is not a link a citizen can follow to the agency's page.
struct PlatformLinkReader {
    func links(in document: HTMLDocument) -> [PlatformLink] {
        var links: [PlatformLink] = []
        var seen = Set<String>()
        for element in document.elements(named: "a", "area") where element.hasAttribute("href") {
            guard let href = element.attribute("href"), let address = document.resolve(href) else { continue }
            let target: PlatformLinkClassifier.Target
            if let real = PlatformLinkClassifier.classify(address) {
                target = real
            } else if let imitated = LookAlikeHosts.imitated(by: address) {
                target = PlatformLinkClassifier.Target(platform: imitated, kind: .lookAlike, identity: nil)
            } else {
                continue
            }
            let region = Self.region(of: element)
            let label = Self.label(of: element)
            // The same link in the same region twice (icon and text) is one link.
            guard seen.insert("\(address)|\(region)").inserted else { continue }
            links.append(PlatformLink(
                platform: target.platform, kind: target.kind, identity: target.identity, href: address.displayString,
                label: label, icon: label == nil ? Self.icon(in: element) : nil, region: region, foundOn: document.address.displayString))
        }
        return links
    }

    /// The nearest enclosing `header`, `nav` or `footer`, by element or by the class and id
    /// names templates use for them (`b-footer`, `header-top`, `main-menu`).
    static func region(of element: HTMLElement) -> PageRegion {
        for ancestor in element.ancestors {
            switch ancestor.name {
            case "footer": return .footer
            case "nav": return .nav
            case "header": return .header
            case "body", "main", "article": return .body
            default: break
            }
            let names = ancestor.classNames + [(ancestor.attribute("id") ?? "").lowercased()]
            let role = (ancestor.attribute("role") ?? "").lowercased()
            if role == "contentinfo" || names.contains(where: { $0.contains("footer") || $0.contains("podval") }) { return .footer }
            if role == "navigation" || names.contains(where: { $0.hasPrefix("nav") || $0.contains("-nav") || $0.contains("menu") }) { return .nav }
            if role == "banner" || names.contains(where: { $0.contains("header") || $0.contains("shapka") }) { return .header }
        }
        return .body
    }

    /// The file name of an icon image, or an icon-font class (`fa-vk`, `icon-ok`), for links with no text.
    static func icon(in element: HTMLElement) -> String? {
        if let source = element.select(".//img[@src]").first?.attribute("src") {
            return source.split(separator: "/").last.map { String($0.prefix(100)) }
        }
        let classes = ([element] + element.select(".//*[@class]")).flatMap(\.classNames)
        return classes.first { $0.hasPrefix("fa-") || $0.hasPrefix("icon-") || $0.hasPrefix("ico-") || $0.contains("vk") || $0.contains("ok") }
            ?? classes.first
    }

    /// What a reader sees: the link text, else `title`, `aria-label`, or an icon image's `alt`/`title`.
    static func label(of element: HTMLElement) -> String? {
        let candidates = [
            element.visibleText.replacingOccurrences(of: "\n", with: " "),
            element.attribute("title"), element.attribute("aria-label"),
        ] + element.select(".//img").flatMap { [$0.attribute("alt"), $0.attribute("title")] }
          + element.select(".//*[@title or @aria-label]").flatMap { [$0.attribute("title"), $0.attribute("aria-label")] }
        let label = candidates.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
        return label.map { String($0.prefix(200)) }
    }
}
