/// Detects the feedback-platform widget «Решаем вместе» (ПОС, decree 1802). Its official embed
/// code is a script from `pos.gosuslugi.ru` plus an inline `Widget("https://pos.gosuslugi.ru/form", …)`
/// call; some sites use an iframe or a banner link instead.
struct PosWidgetDetector {
    static let host = "pos.gosuslugi.ru"

    func sightings(in document: HTMLDocument) -> [PosWidgetSighting] {
        var found: [PosWidgetSighting] = []
        for script in document.select("//script[@src]") where script.attribute("src")?.lowercased().contains(Self.host) == true {
            found.append(PosWidgetSighting(form: .script, excerpt: script.attribute("src")!))
        }
        for frame in document.select("//iframe[@src]") where frame.attribute("src")?.lowercased().contains(Self.host) == true {
            found.append(PosWidgetSighting(form: .iframe, excerpt: frame.attribute("src")!))
        }
        for script in document.select("//script[not(@src)]") {
            let code = script.rawText
            if let range = code.range(of: Self.host, options: .caseInsensitive) {
                let start = code.index(range.lowerBound, offsetBy: -40, limitedBy: code.startIndex) ?? code.startIndex
                let end = code.index(range.upperBound, offsetBy: 60, limitedBy: code.endIndex) ?? code.endIndex
                found.append(PosWidgetSighting(form: .inlineScript, excerpt: String(code[start..<end]).collapsingWhitespace))
            }
        }
        for link in document.select("//a[@href]") {
            guard let href = link.attribute("href"), let address = document.resolve(href), address.host == Self.host else { continue }
            found.append(PosWidgetSighting(form: .link, excerpt: address.displayString))
        }
        return found
    }
}
