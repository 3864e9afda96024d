import Foundation

/// Helpers the VK and OK page readers share: text outside chosen subtrees, folded matching of the
/// platforms' fixed phrases, counters («12 345 подписчиков», «1,2K»), redirect unwrapping
/// (`vk.com/away.php?to=`, `ok.ru/dk?…&st.link=`), contacts and the ПОС widgets.
///
/// Everything here walks trees without recursion and bounds its loops, so a hostile capture can
/// neither overflow the stack nor keep a run busy for long.
enum PageHTMLText {
    /// How many ancestors a containment test looks at; deeper nesting only occurs in hostile pages.
    static let ancestorLimit = 400
    /// How many posts a reader looks at; a public page shows a few dozen at most.
    static let postLimit = 200

    // MARK: - Text

    /// Lowercase, `ё` as `е`, every kind of space as a plain space, whitespace runs collapsed:
    /// the form fixed platform phrases are compared in.
    static func folded(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{a0}" || scalar == "\u{202f}" || scalar == "\u{2009}" {
                pendingSpace = true
                continue
            }
            if pendingSpace, !result.isEmpty { result.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar == "ё" ? "е" : scalar)
        }
        return result
    }

    /// The first of `phrases` (already folded) that occurs in `folded`, if any.
    static func firstPhrase(_ phrases: [String], in folded: String) -> String? {
        phrases.first { folded.contains($0) }
    }

    /// The page's own words, folded: everything outside the posts and outside the fields the owner
    /// writes, plus the title. State and login texts are looked for here, so a post or a description
    /// saying «Это закрытое сообщество» cannot pass for the platform's own message.
    static func ownText(of document: HTMLDocument, body: HTMLElement, posts: [HTMLElement],
                        isOwnerText: @escaping (HTMLElement) -> Bool) -> String {
        let postKeys = Set(posts.map(key))
        return folded(visibleText(of: body) { postKeys.contains(key($0)) || isOwnerText($0) }
            + "\n" + (line(document.select("//title").first) ?? ""))
    }

    /// Why a page that shows no community is what the platform shows robots: `captcha: …` for a
    /// captcha or anti-bot text, `login: …` for a login wall or form; nil when it is neither.
    static func wallEvidence(in document: HTMLDocument, ownText: String, robotPhrases: [String],
                             loginPhrases: [String], loginActions: [String]) -> String? {
        if let evidence = captchaEvidence(in: document) ?? firstPhrase(robotPhrases, in: ownText) { return "captcha: \(evidence)" }
        if let evidence = firstPhrase(loginPhrases, in: ownText) ?? loginFormEvidence(in: document, actions: loginActions) { return "login: \(evidence)" }
        return nil
    }

    /// Visible text (as `HTMLElement.visibleText`) of `element` without the subtrees `skip` selects.
    static func visibleText(of element: HTMLElement, skipping skip: @escaping (HTMLElement) -> Bool) -> String {
        VisibleText.collapsed(element, skipping: skip)
    }

    /// Visible text of an element, one line, trimmed, at most `limit` characters; nil when empty.
    static func line(_ element: HTMLElement?, limit: Int = 2_000) -> String? {
        guard let element else { return nil }
        let text = element.visibleText.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : String(text.prefix(limit))
    }

    /// Multi-line visible text, trimmed; nil when empty.
    static func paragraph(_ element: HTMLElement?, limit: Int = 20_000) -> String? {
        guard let element else { return nil }
        let text = element.visibleText.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : String(text.prefix(limit))
    }

    /// XPath test for a whole class token (`post` matches `_post post page_block`, not `posts`).
    static func hasClass(_ token: String) -> String {
        "contains(concat(' ', normalize-space(@class), ' '), ' \(token) ')"
    }

    /// Whether `element` or one of its nearest ancestors satisfies `test`.
    static func isInside(_ element: HTMLElement, where test: (HTMLElement) -> Bool, includingSelf: Bool = true) -> Bool {
        if includingSelf, test(element) { return true }
        var steps = 0
        for ancestor in element.ancestors {
            if test(ancestor) { return true }
            steps += 1
            if steps >= ancestorLimit { break }
        }
        return false
    }

    /// An element's identity within its document, for sets of elements.
    static func key(_ element: HTMLElement) -> UnsafeMutableRawPointer { UnsafeMutableRawPointer(element.node) }

    /// The outermost of `elements`: those with none of the others among their ancestors.
    static func outermost(_ elements: [HTMLElement]) -> [HTMLElement] {
        let keys = Set(elements.map(key))
        return elements.filter { !isInside($0, where: { keys.contains(key($0)) }, includingSelf: false) }
    }

    // MARK: - Counters

    /// The first number in a counter text: «12 345 подписчиков» 12345, «1,2K участников» 1200,
    /// «3,4 тыс.» 3400, «1.2M» and «1,2 млн» 1200000, «12,345 followers» 12345. Nil when there is
    /// no number or it is too long to be a counter.
    static func count(in text: String) -> Int? {
        let s = Array(folded(String(text.prefix(200))).unicodeScalars)
        guard let start = s.firstIndex(where: isDigit) else { return nil }
        var i = start
        var integer = ""
        func digits(from index: Int) -> (String, Int) {
            var j = index, run = ""
            while j < s.count, isDigit(s[j]), run.count < 13 { run.unicodeScalars.append(s[j]); j += 1 }
            return (run, j)
        }
        (integer, i) = digits(from: i)
        // Thousands groups separated by a space: «12 345», «1 234 567».
        while i + 1 < s.count, s[i] == " ", isDigit(s[i + 1]) {
            let (group, next) = digits(from: i + 1)
            guard group.count == 3, next >= s.count || !isDigit(s[next]) else { break }
            integer += group
            i = next
        }
        var fraction = ""
        if i + 1 < s.count, s[i] == "," || s[i] == ".", isDigit(s[i + 1]) {
            (fraction, i) = digits(from: i + 1)
        }
        var j = i
        while j < s.count, s[j] == " " { j += 1 }
        let rest = String(String.UnicodeScalarView(s[j..<min(s.count, j + 4)]))
        let multiplier: Int
        if rest.hasPrefix("k") || rest.hasPrefix("к") || rest.hasPrefix("тыс") { multiplier = 1_000 }
        else if rest.hasPrefix("млрд") || rest.hasPrefix("b") { multiplier = 1_000_000_000 }
        else if rest.hasPrefix("m") || rest.hasPrefix("млн") || rest == "м" || rest.hasPrefix("м ") || rest.hasPrefix("м.") { multiplier = 1_000_000 }
        else { multiplier = 1 }
        guard integer.count + fraction.count <= 12, let whole = Int(integer) else { return nil }
        if multiplier == 1 {
            // «12,345» without a suffix is an English thousands separator, anything else a fraction.
            if fraction.count == 3, let thousands = Int(integer + fraction) { return thousands }
            return whole
        }
        let places = min(fraction.count, 6)
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let part = Int(fraction.prefix(places)) ?? 0
        return whole * multiplier + part * multiplier / scale
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    // MARK: - Links

    /// The target of a platform's redirect: `vk.com/away.php?to=…` and `ok.ru/dk?…&st.link=…`.
    /// VK encodes Cyrillic in `to` as windows-1251 percent escapes, so both encodings are tried.
    static func unwrapRedirect(_ address: WebAddress) -> WebAddress {
        let host = address.siteHost
        let parameter: String
        if isVKHost(host), address.path.lowercased() == "/away.php" || address.path.lowercased() == "/away" {
            parameter = "to"
        } else if isOKHost(host), address.path.lowercased() == "/dk" {
            parameter = "st.link"
        } else {
            return address
        }
        guard let items = URLComponents(url: address.url, resolvingAgainstBaseURL: false)?.percentEncodedQueryItems,
              let raw = items.first(where: { $0.name == parameter })?.value, !raw.isEmpty,
              let decoded = percentDecoded(raw), let target = WebAddress(decoded) else { return address }
        return target
    }

    /// Percent-decodes as UTF-8, falling back to windows-1251 (and `+` as a space for neither).
    static func percentDecoded(_ raw: String) -> String? {
        if let utf8 = raw.removingPercentEncoding { return utf8 }
        var bytes: [UInt8] = []
        var scalars = Array(raw.utf8)[...]
        while let byte = scalars.popFirst() {
            if byte == UInt8(ascii: "%"), scalars.count >= 2,
               let value = UInt8(String(decoding: scalars.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                scalars = scalars.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(data: Data(bytes), encoding: .windowsCP1251)
    }

    static func isVKHost(_ host: String) -> Bool {
        let host = host.lowercased()
        return ["vk.com", "vk.ru", "vkontakte.ru", "vk.me", "vk.cc", "vk.link", "userapi.com", "vk-cdn.net", "vkuser.net", "vkuseraudio.net"]
            .contains { host == $0 || host.hasSuffix("." + $0) }
    }

    static func isOKHost(_ host: String) -> Bool {
        let host = host.lowercased()
        return ["ok.ru", "odnoklassniki.ru", "mycdn.me", "okcdn.ru"].contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// External sites the links in `containers` lead to, in display form, redirects unwrapped,
    /// links to the platform itself (`isPlatformHost`) left out, each site once.
    static func websites(in containers: [HTMLElement], document: HTMLDocument, isPlatformHost: (String) -> Bool) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        for container in containers {
            for link in container.select(".//a[@href]").prefix(500) {
                guard let href = link.attribute("href"), let resolved = document.resolve(href) else { continue }
                let target = unwrapRedirect(resolved)
                guard !isPlatformHost(target.host), target.host != PosWidgetDetector.host else { continue }
                if seen.insert(target.looseKey.lowercased()).inserted { result.append(target.displayString) }
            }
        }
        return result
    }

    // MARK: - Contacts

    struct Contacts {
        var emails: [String] = []
        var phones: [String] = []
        var postalAddress: String?
    }

    /// Emails, phones (`+7…` when certain, else as written) and the first postal address in the
    /// text and the `mailto:`/`tel:` links of `containers`.
    static func contacts(in containers: [HTMLElement]) -> Contacts {
        var contacts = Contacts()
        var seenEmails = Set<String>(), seenPhones = Set<String>()
        func addEmail(_ address: String) {
            if seenEmails.insert(address).inserted { contacts.emails.append(address) }
        }
        func addPhone(_ phone: FoundPhone) {
            let value = phone.normalized ?? phone.raw
            if seenPhones.insert(value).inserted { contacts.phones.append(value) }
        }
        for container in containers {
            for link in container.select(".//a[@href]").prefix(500) {
                guard let href = link.attribute("href") else { continue }
                if let email = EmailExtractor.email(fromMailto: href) { addEmail(email.address) }
                if let phone = PhoneExtractor.phone(fromTel: href) { addPhone(phone) }
            }
            let text = container.visibleText
            EmailExtractor.emails(inText: text).forEach { addEmail($0.address) }
            PhoneExtractor.phones(inText: text).forEach(addPhone)
            if contacts.postalAddress == nil { contacts.postalAddress = PostalAddressExtractor.addresses(inText: text).first?.text }
        }
        return contacts
    }

    // MARK: - Platform states

    /// The fixed phrases that tell a page is gone or shut, with the existence each one means.
    struct StatePhrases {
        var banned: [String]
        var deleted: [String]
        var closed: [String]

        /// The first state whose phrase occurs in `folded`, banned before deleted before closed.
        func match(_ folded: String) -> (PageExistence, String)? {
            if let phrase = firstPhrase(banned, in: folded) { return (.banned, phrase) }
            if let phrase = firstPhrase(deleted, in: folded) { return (.deleted, phrase) }
            if let phrase = firstPhrase(closed, in: folded) { return (.closed, phrase) }
            return nil
        }
    }

    /// Captcha markup: an input or image named for it (`captcha_key`, `captcha.php?sid=`), or a
    /// form element whose id or class says so. Returns what matched, for the failure's detail.
    static func captchaEvidence(in document: HTMLDocument) -> String? {
        let xpath = "//input[contains(translate(@name, 'CAPTH', 'capth'), 'captcha')] | //img[contains(translate(@src, 'CAPTH', 'capth'), 'captcha')]"
            + " | //form[contains(translate(@id, 'CAPTH', 'capth'), 'captcha') or contains(translate(@class, 'CAPTH', 'capth'), 'captcha')]"
            + " | //*[(self::div or self::iframe or self::section) and (contains(translate(@id, 'CAPTH', 'capth'), 'captcha') or contains(translate(@class, 'CAPTH', 'capth'), 'captcha') or contains(translate(@src, 'CAPTH', 'capth'), 'captcha'))]"
        guard let element = document.select(xpath).first else { return nil }
        let evidence = element.attribute("name") ?? element.attribute("id") ?? element.attribute("class") ?? element.attribute("src") ?? element.name
        return String(evidence.prefix(80))
    }

    /// A form posting to one of the platform's login endpoints (`actions`, lowercase). A password
    /// field alone proves nothing: any site has one, and the platforms show a login form to
    /// guests beside readable pages too, so callers ask only when no page markup was found.
    static func loginFormEvidence(in document: HTMLDocument, actions: [String]) -> String? {
        for form in document.select("//form[@action]").prefix(50) {
            let action = (form.attribute("action") ?? "").lowercased()
            if let marker = actions.first(where: { action.contains($0) }) { return "form action=\(marker)" }
        }
        return nil
    }

    // MARK: - ПОС widgets

    /// How many of the two ПОС widgets («Сообщить о проблеме», «Высказать мнение») the page shows
    /// outside its posts: links, frames and scripts to `pos.gosuslugi.ru` (redirects unwrapped),
    /// and buttons or titles with the widgets' labels. Nil when nothing of the kind is seen, since
    /// a platform may draw its app widgets with scripts the capture does not contain.
    static func posWidgetCount(in document: HTMLDocument, outside excluded: (HTMLElement) -> Bool) -> Int? {
        var problem = false, opinion = false, generic = false
        let sources = document.select("//a[@href] | //iframe[@src] | //script[@src]")
        for element in sources.prefix(5_000) {
            guard let link = element.attribute("href") ?? element.attribute("src"),
                  let resolved = document.resolve(link) else { continue }
            let target = unwrapRedirect(resolved)
            guard target.host == PosWidgetDetector.host, !isInside(element, where: excluded) else { continue }
            let path = (target.path + "?" + (target.url.query ?? "")).lowercased()
            let label = folded(element.visibleText)
            if path.contains("/form") || path.contains("opaid") || label.contains("сообщить о проблеме") { problem = true }
            else if path.contains("org-activities") || path.contains("/og/") || path.contains("vote") || label.contains("высказать мнение") { opinion = true }
            else { generic = true }
        }
        let labels = "//*[text()[contains(., 'Сообщить о проблеме') or contains(., 'сообщить о проблеме') or contains(., 'Высказать мнение') or contains(., 'высказать мнение')]]"
        for element in document.select(labels).prefix(200) where !isInside(element, where: excluded) {
            guard !["script", "style", "title", "meta", "textarea"].contains(element.name) else { continue }
            let text = folded(element.visibleText)
            guard text.count <= 80 else { continue }
            if text.hasPrefix("сообщить о проблеме") { problem = true }
            if text.hasPrefix("высказать мнение") { opinion = true }
        }
        let kinds = (problem ? 1 : 0) + (opinion ? 1 : 0)
        if kinds > 0 { return kinds }
        return generic ? 1 : nil
    }

    /// Whether an element is site chrome a widget count must not look into: footers, the
    /// platform's banners for guests, side menus.
    static func isChrome(_ element: HTMLElement) -> Bool {
        if element.name == "footer" || element.name == "nav" { return true }
        let names = element.classNames + [(element.attribute("id") ?? "").lowercased()]
        return names.contains { $0.contains("footer") || $0.contains("bottom_banner") || $0.contains("side_bar") || $0.contains("leftmenu") || $0.contains("toolbar") }
    }

    // MARK: - Images

    /// An image's address: `src`, `data-src`, or the `url(…)` of an inline `background-image`.
    static func imageSource(of element: HTMLElement) -> String? {
        if let source = element.attribute("src") ?? element.attribute("data-src"), !source.trimmingCharacters(in: .whitespaces).isEmpty {
            return source
        }
        guard let style = element.attribute("style"), let open = style.range(of: "url(") else { return nil }
        let rest = style[open.upperBound...]
        guard let close = rest.firstIndex(of: ")") else { return nil }
        let value = rest[..<close].trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        return value.isEmpty ? nil : value
    }
}
