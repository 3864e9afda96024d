import Foundation

/// Detects the feedback-platform widget «Решаем вместе» (ПОС, decree 1802). Its official embed
/// code is a script from `pos.gosuslugi.ru` plus an inline `Widget("https://pos.gosuslugi.ru/form", …)`
/// call; some sites use an iframe or a banner link instead.
struct PosWidgetDetector {
    static let host = "pos.gosuslugi.ru"
    static let hostPhrase = Phrases([host])

    func sightings(in document: HTMLDocument) -> [PosWidgetSighting] {
        var found: [PosWidgetSighting] = []
        let scripts = document.elements(named: "script")
        for script in scripts where script.hasAttribute("src") && Self.mentionsHost(script.attribute("src")) {
            found.append(PosWidgetSighting(form: .script, excerpt: script.attribute("src")!))
        }
        for frame in document.elements(named: "iframe") where frame.hasAttribute("src") && Self.mentionsHost(frame.attribute("src")) {
            found.append(PosWidgetSighting(form: .iframe, excerpt: frame.attribute("src")!))
        }
        for script in scripts where !script.hasAttribute("src") {
            let code = script.rawText
            if let range = Self.firstHost(in: code) {
                let start = code.index(range.lowerBound, offsetBy: -40, limitedBy: code.startIndex) ?? code.startIndex
                let end = code.index(range.upperBound, offsetBy: 60, limitedBy: code.endIndex) ?? code.endIndex
                found.append(PosWidgetSighting(form: .inlineScript, excerpt: String(code[start..<end]).collapsingWhitespace))
            }
        }
        for link in document.elements(named: "a") where link.hasAttribute("href") {
            guard let href = link.attribute("href"), let address = document.resolve(href), address.host == Self.host else { continue }
            found.append(PosWidgetSighting(form: .link, excerpt: address.displayString))
        }
        return found
    }

    /// Whether an address mentions the host in any case.
    static func mentionsHost(_ source: String?) -> Bool {
        source.map { Self.hostPhrase.firstIndex(in: $0.lowercased()) != nil } ?? false
    }

    /// Where `code` first mentions the host, in any case, as Foundation's case-insensitive search
    /// finds it. Scripts are long and nearly always ASCII; in ASCII text that search is a byte
    /// search with ASCII case folding. Outside ASCII only the long s "ſ" folds to a letter of the
    /// host, so a script with neither a byte match nor an "ſ" cannot match; others ask Foundation.
    static func firstHost(in code: String) -> Range<String.Index>? {
        var code = code
        let (offset, ascii, longS) = code.withUTF8 { bytes -> (Int?, Bool, Bool) in
            var ascii = true, longS = false
            for (i, byte) in bytes.enumerated() where byte >= 0x80 {
                ascii = false
                if byte == 0xC5, i + 1 < bytes.count, bytes[i + 1] == 0xBF { longS = true; break }
            }
            return (SimpleText.firstASCIICaseInsensitive(Self.host, in: bytes), ascii, longS)
        }
        if ascii {
            guard let offset else { return nil }
            let start = code.utf8.index(code.utf8.startIndex, offsetBy: offset)
            return start..<code.utf8.index(start, offsetBy: Self.host.utf8.count)
        }
        guard offset != nil || longS else { return nil }
        return code.range(of: Self.host, options: .caseInsensitive)
    }
}
