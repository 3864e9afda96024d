import Foundation

/// An e-mail address a page offers to the public (270-FZ, art. 13: the agency's e-mail address).
public struct FoundEmail: Sendable, Hashable, Codable {
    /// Where the address came from: a finding from a `mailto:` link is stronger evidence than a
    /// string in text, and an obfuscated one may need a person to confirm it.
    public enum Source: String, Sendable, Codable {
        case mailto, text, obfuscated
    }

    /// Lowercased, so the same mailbox written twice counts once; IDN domains stay in Unicode.
    public var address: String
    public var source: Source
    /// The surrounding text (or the `mailto:` href), so a report can show where it was found.
    public var excerpt: String

    public init(address: String, source: Source, excerpt: String) {
        self.address = address
        self.source = source
        self.excerpt = excerpt
    }
}

/// Finds e-mail addresses in page text without regular expressions: a hand-written scan stays
/// linear on hostile input and can follow the obfuscations municipal sites use against spam bots
/// (`info [at] adm [dot] ru`, `info (собака) adm.ru`, `info@adm(точка)ru`).
public enum EmailExtractor {
    /// Plain and obfuscated addresses, first occurrence of each, in order of appearance.
    public static func emails(inText text: String) -> [FoundEmail] {
        emails(in: ContactScan.scalars(text))
    }

    /// The same for text already split by `ContactScan.scalars`, so a page's text is split once
    /// for all extractors.
    static func emails(in s: [Unicode.Scalar]) -> [FoundEmail] {
        var found: [FoundEmail] = []
        var seen: Set<String> = []
        var floor = 0, i = 0
        while i < s.count {
            guard let at = atSign(in: s, at: i) else { i += 1; continue }
            guard let match = candidate(in: s, around: at, floor: floor) else { i = at.end; continue }
            if seen.insert(match.address).inserted {
                found.append(FoundEmail(address: match.address, source: match.source,
                                        excerpt: ContactScan.excerpt(s, match.range)))
            }
            floor = match.range.upperBound
            i = match.range.upperBound
        }
        return found
    }

    /// The first valid address of a `mailto:` link (`mailto:Info@Adm.ru?subject=x` gives
    /// `info@adm.ru`); nil for other schemes and for links whose address is not valid.
    public static func email(fromMailto href: String) -> FoundEmail? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.lowercased().hasPrefix("mailto:") else { return nil }
        var body = Substring(trimmed.dropFirst("mailto:".count))
        if body.hasPrefix("//") { body = body.dropFirst(2) }
        if let query = body.firstIndex(of: "?") { body = body[..<query] }
        let decoded = String(body).removingPercentEncoding ?? String(body)
        for part in decoded.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let parts = part.trimmingCharacters(in: .whitespacesAndNewlines)
                .split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let local = Array(parts[0].unicodeScalars), domain = Array(parts[1].unicodeScalars)
            guard local.allSatisfy(isLocalChar), domain.allSatisfy({ isDomainChar($0) || $0 == "." }),
                  let address = validated(local: local[...],
                                          labels: domain.split(separator: ".", omittingEmptySubsequences: false))
            else { continue }
            return FoundEmail(address: address, source: .mailto, excerpt: ContactScan.collapsed(trimmed.unicodeScalars))
        }
        return nil
    }

    // MARK: - The "@" and its disguises

    private enum AtKind { case literal, bracketed, bareWord, bareAt }
    private struct AtSign { var start: Int, end: Int, kind: AtKind }

    // Words as scalar arrays, decoded once: they are tried at every space of a page.
    private static let bracketedAtWords = words("at", "собака", "@")
    private static let bracketedDotWords = words("dot", "точка", "тчк", ".")
    private static let bareDotWords = words("dot", "точка")
    private static let bareAtWords = words("собака")
    private static let bareEnglishAt = words("at")
    private static func words(_ words: String...) -> [[Unicode.Scalar]] { words.map { Array($0.unicodeScalars) } }
    // Arrays, not string literals: these are tested at nearly every character of a page.
    private static let openers: [Unicode.Scalar] = ["[", "(", "{", "<"]
    private static let closers: [Unicode.Scalar] = ["]", ")", "}", ">"]
    private static let localEdge: [Unicode.Scalar] = [".", "-", "+", "%"]
    private static let localExtra: [Unicode.Scalar] = [".", "_", "%", "+"]

    private static func atSign(in s: [Unicode.Scalar], at i: Int) -> AtSign? {
        // Letters and digits, nearly every character of a page, are none of the cases below.
        let value = s[i].value
        if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) || (0x430...0x44F).contains(value) { return nil }
        if s[i] == "@" || s[i] == "\u{FF20}" { return AtSign(start: i, end: i + 1, kind: .literal) }
        if let end = bracketedWord(in: s, at: i, words: bracketedAtWords) {
            return AtSign(start: i, end: end, kind: .bracketed)
        }
        // A bare "at" is an ordinary English word ("look at this"), so it is only trusted when
        // the dots are disguised too; a bare "собака" next to a domain is rare enough to trust.
        if ContactScan.isSpace(s[i]) {
            if let end = bareWord(in: s, at: i, words: bareAtWords) { return AtSign(start: i, end: end, kind: .bareWord) }
            if let end = bareWord(in: s, at: i, words: bareEnglishAt) { return AtSign(start: i, end: end, kind: .bareAt) }
        }
        return nil
    }

    /// `[at]`, `( at )`, `{собака}`, `(точка)` at `i` (optional spaces before the bracket are
    /// the caller's business); returns the index after the closing bracket.
    private static func bracketedWord(in s: [Unicode.Scalar], at i: Int, words: [[Unicode.Scalar]]) -> Int? {
        guard openers.contains(s[i]) else { return nil }
        var k = ContactScan.skipSpaces(s, from: i + 1, max: 2)
        guard let word = words.first(where: { ContactScan.hasWord($0, in: s, at: k) }) else { return nil }
        k = ContactScan.skipSpaces(s, from: k + word.count, max: 2)
        guard k < s.count, closers.contains(s[k]) else { return nil }
        return k + 1
    }

    /// A whole word surrounded by spaces, starting with the space at `i`; returns the index after it.
    private static func bareWord(in s: [Unicode.Scalar], at i: Int, words: [[Unicode.Scalar]]) -> Int? {
        let k = i + 1
        for word in words where ContactScan.hasWord(word, in: s, at: k) {
            let end = k + word.count
            if end < s.count, ContactScan.isSpace(s[end]) { return end }
        }
        return nil
    }

    // MARK: - Local part and domain around the "@"

    private struct Match { var address: String, source: FoundEmail.Source, range: Range<Int> }

    private static func candidate(in s: [Unicode.Scalar], around at: AtSign, floor: Int) -> Match? {
        var localEnd = at.start
        if at.kind != .literal {
            while localEnd > floor, at.start - localEnd < 3, ContactScan.isSpace(s[localEnd - 1]) { localEnd -= 1 }
        }
        var localStart = localEnd
        while localStart > floor, isLocalChar(s[localStart - 1]) { localStart -= 1 }
        localStart = lastScriptRun(s, localStart..<localEnd)
        while localStart < localEnd, localEdge.contains(s[localStart]) { localStart += 1 }

        var k = at.kind == .literal ? at.end : ContactScan.skipSpaces(s, from: at.end, max: 3)
        var labels: [Range<Int>] = []
        var literalDot = false, disguisedDot = false
        while true {
            let labelStart = k
            while k < s.count, isDomainChar(s[k]) { k += 1 }
            guard k > labelStart else { break }
            labels.append(labelStart..<k)
            if k + 1 < s.count, s[k] == ".", isDomainChar(s[k + 1]) { k += 1; literalDot = true; continue }
            let gap = ContactScan.skipSpaces(s, from: k, max: 2)
            var next: Int?
            if gap < s.count { next = bracketedWord(in: s, at: gap, words: bracketedDotWords) }
            // Bare "точка" after a real dot would glue the next sentence onto the domain.
            if next == nil, !literalDot, gap > k { next = bareWord(in: s, at: gap - 1, words: bareDotWords) }
            guard let afterDot = next else { break }
            let following = ContactScan.skipSpaces(s, from: afterDot, max: 2)
            guard following < s.count, isDomainChar(s[following]) else { break }
            k = following
            disguisedDot = true
        }
        guard localStart < localEnd, labels.count >= 2, at.kind != .bareAt || disguisedDot else { return nil }
        labels = trimmedToOneScript(s, labels)
        guard let last = labels.last else { return nil }
        var lastEnd = last.upperBound
        while lastEnd > last.lowerBound, s[lastEnd - 1] == "-" { lastEnd -= 1 }
        labels[labels.count - 1] = last.lowerBound..<lastEnd

        guard let address = validated(local: s[localStart..<localEnd], labels: labels.map { s[$0] }) else { return nil }
        let source: FoundEmail.Source = at.kind == .literal && !disguisedDot ? .text : .obfuscated
        return Match(address: address, source: source, range: localStart..<lastEnd)
    }

    /// Text extracted from HTML often loses the space between blocks ("E-mail:почтаinfo@…"):
    /// keep only the run of the script that touches the "@".
    private static func lastScriptRun(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        guard let last = range.reversed().first(where: { ContactScan.isLatin(s[$0]) || ContactScan.isCyrillic(s[$0]) })
        else { return range.lowerBound }
        let latin = ContactScan.isLatin(s[last])
        var start = last
        while start > range.lowerBound, !(latin ? ContactScan.isCyrillic(s[start - 1]) : ContactScan.isLatin(s[start - 1])) {
            start -= 1
        }
        return start
    }

    /// The same for the domain ("adm.ruТелефон", "админ.рф.Tel"): the domain ends where the
    /// script of its first letter stops.
    private static func trimmedToOneScript(_ s: [Unicode.Scalar], _ labels: [Range<Int>]) -> [Range<Int>] {
        let letter = { (i: Int) in ContactScan.isLatin(s[i]) || ContactScan.isCyrillic(s[i]) }
        guard let first = labels.lazy.flatMap({ $0 }).first(where: letter) else { return labels }
        let latin = ContactScan.isLatin(s[first])
        var kept: [Range<Int>] = []
        for label in labels {
            if let other = label.first(where: { latin ? ContactScan.isCyrillic(s[$0]) : ContactScan.isLatin(s[$0]) }) {
                if other > label.lowerBound { kept.append(label.lowerBound..<other) }
                break
            }
            kept.append(label)
        }
        return kept
    }

    // MARK: - Validation

    /// File names such as `logo@2x.png` and package names such as `jquery@3.3.1.min.js` look
    /// like addresses; no real top-level domain has these names.
    private static let fileExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff",
        "css", "js", "mjs", "map", "json", "pdf", "doc", "docx", "xls", "xlsx", "php", "html", "htm",
    ]
    /// Page-counter labels that appear in alt texts and comments on most 2010s government sites.
    private static let notMailboxes: Set<String> = ["rating@mail.ru", "рейтинг@mail.ru"]

    private static func validated(local: ArraySlice<Unicode.Scalar>, labels: [ArraySlice<Unicode.Scalar>]) -> String? {
        guard (1...64).contains(local.count), local.first != ".", local.last != ".",
              !zip(local, local.dropFirst()).contains(where: { $0 == "." && $1 == "." }),
              labels.count >= 2, let tld = labels.last else { return nil }
        for label in labels {
            guard (1...63).contains(label.count), label.first != "-", label.last != "-" else { return nil }
        }
        let tldText = ContactScan.string(tld).lowercased()
        let punycode = tldText.hasPrefix("xn--") && tldText.count > 4
        guard punycode || (tld.count >= 2 && tld.allSatisfy(ContactScan.isLetter)),
              !fileExtensions.contains(tldText) else { return nil }
        let address = ContactScan.string(local).lowercased() + "@"
            + labels.map { ContactScan.string($0).lowercased() }.joined(separator: ".")
        guard address.unicodeScalars.count <= 254, !notMailboxes.contains(address) else { return nil }
        return address
    }

    private static func isLocalChar(_ c: Unicode.Scalar) -> Bool {
        isDomainChar(c) || localExtra.contains(c)
    }

    private static func isDomainChar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (ContactScan.isLatin(c) || ContactScan.isDigit(c) || c == "-") : ContactScan.isLetter(c)
    }
}

// MARK: - Scanning helpers shared by the contact extractors

/// Low-level pieces the contact extractors share. They scan arrays of Unicode scalars by hand
/// instead of using regular expressions, so every extractor stays linear in the page size.
enum ContactScan {
    /// NFC first, so a decomposed "й" or "ё" compares equal to the composed one. Simple text is
    /// NFC already, and normalising through Foundation costs more than all the scanning after it.
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        SimpleText.scalars(text) ?? Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    // ASCII and the Russian alphabet answer without a Unicode property lookup, which would
    // otherwise dominate the scans.
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0x400...0x481: return true
        case 0...0x7F: return false
        default: return c.properties.isAlphabetic
        }
    }
    static func isUppercase(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x400...0x42F: return true
        case 0...0x7F, 0x430...0x45F: return false
        default: return c.properties.isUppercase
        }
    }
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20: return true
        case 0...0x7F, 0x400...0x4FF: return false
        default: return c.properties.isWhitespace
        }
    }
    static func isLineBreak(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
    static func isLatin(_ c: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(c.value) || (0x61...0x7A).contains(c.value)
    }
    static func isCyrillic(_ c: Unicode.Scalar) -> Bool { (0x400...0x52F).contains(c.value) && isLetter(c) }

    /// Lowercase for the two alphabets the markers are written in; enough for keyword matching.
    static func lowered(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let v = c.value
        let mapped: UInt32
        switch v {
        case 0x41...0x5A, 0x410...0x42F: mapped = v + 0x20
        case 0x400...0x40F: mapped = v + 0x50
        default: mapped = v
        }
        return Unicode.Scalar(mapped) ?? c
    }

    /// Whether the lowercase `word` is written at `k`, in any case (no word-boundary check).
    static func hasWord(_ word: [Unicode.Scalar], in s: [Unicode.Scalar], at k: Int) -> Bool {
        var i = k
        for w in word {
            guard i < s.count, lowered(s[i]) == w else { return false }
            i += 1
        }
        return true
    }

    static func skipSpaces(_ s: [Unicode.Scalar], from k: Int, max: Int) -> Int {
        var i = k
        while i < s.count, i - k < max, isSpace(s[i]) { i += 1 }
        return i
    }

    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        // Encoded straight into the string's storage: appending to a UnicodeScalarView one
        // scalar at a time costs more than the scans that call this.
        // The exact length keeps short strings (digit groups, labels) in the string itself.
        String(unsafeUninitializedCapacity: scalars.reduce(0) { $0 + UTF8.width($1) }) { buffer in
            var count = 0
            for scalar in scalars {
                for byte in UTF8.encode(scalar)! { buffer[count] = byte; count += 1 }
            }
            return count
        }
    }

    /// Runs of whitespace (including no-break spaces from `&nbsp;`) become one space.
    static func collapsed<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        var pendingSpace = false
        for c in scalars {
            if isSpace(c) { pendingSpace = !view.isEmpty; continue }
            if pendingSpace { view.append(" "); pendingSpace = false }
            view.append(c)
        }
        return String(view)
    }

    /// About `width` characters around `range`, cut at word boundaries, so a report can quote
    /// the context of a finding without a whole paragraph.
    static func excerpt(_ s: [Unicode.Scalar], _ range: Range<Int>, width: Int = 80) -> String {
        let context = Swift.max(0, (width - range.count) / 2)
        var lower = Swift.max(0, range.lowerBound - context)
        var upper = Swift.min(s.count, range.upperBound + context)
        if lower > 0, !isSpace(s[lower - 1]),
           let space = s[lower..<range.lowerBound].firstIndex(where: isSpace) { lower = space + 1 }
        if upper < s.count, !isSpace(s[upper]),
           let space = s[range.upperBound..<upper].lastIndex(where: isSpace) { upper = space }
        return collapsed(s[lower..<upper])
    }
}
