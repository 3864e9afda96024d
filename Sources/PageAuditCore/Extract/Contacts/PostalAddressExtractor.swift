import Foundation

/// A postal address a page offers to the public (270-FZ, art. 13: the agency's postal address).
public struct FoundPostalAddress: Sendable, Hashable, Codable {
    /// Six digits; the part of an address a checker can compare with a registry.
    public var postcode: String
    /// The address as written, whitespace collapsed, for people to read in a report: from the
    /// postcode, or from the first part written before it ("Россия, 640024, …").
    public var text: String

    public init(postcode: String, text: String) {
        self.postcode = postcode
        self.text = text
    }
}

/// Finds Russian postal addresses by their postcode. Six-digit numbers are everywhere on these
/// pages (parts of ИНН and ОГРН, counters, phone numbers), so a postcode only counts when an
/// address is written next to it: `640024, г. Курган`, `180001, Россия, г. Псков`,
/// `Россия, 640024, г. Курган` or `г. Курган, ул. Гоголя, 56, 640024`.
public enum PostalAddressExtractor {
    /// Addresses in order of appearance; the same address written twice is reported once.
    public static func addresses(inText text: String) -> [FoundPostalAddress] {
        addresses(in: ContactScan.scalars(text))
    }

    /// The same for text already split by `ContactScan.scalars`, so a page's text is split once
    /// for all extractors.
    static func addresses(in s: [Unicode.Scalar]) -> [FoundPostalAddress] {
        var found: [FoundPostalAddress] = []
        var seen: Set<FoundPostalAddress> = []
        var floor = 0, i = 0
        while i < s.count {
            guard ContactScan.isDigit(s[i]) else { i += 1; continue }
            var r = i
            while r < s.count, ContactScan.isDigit(s[r]) { r += 1 }
            if r - i == 6, isPostcode(s, i..<r), let (address, end) = address(in: s, postcode: i..<r, floor: floor) {
                if seen.insert(address).inserted { found.append(address) }
                floor = end
                r = Swift.max(r, end)
            }
            i = r
        }
        return found
    }

    private static func address(in s: [Unicode.Scalar], postcode: Range<Int>,
                                floor: Int) -> (FoundPostalAddress, end: Int)? {
        let following = markerFollows(s, after: postcode.upperBound)
        let prefix = prefixStart(s, before: postcode.lowerBound, floor: floor)
        guard following || prefix != nil else { return nil }
        let end = addressEnd(s, from: postcode.upperBound, limit: postcode.lowerBound + 160)
        let text = ContactScan.collapsed(s[(prefix ?? postcode.lowerBound)..<end])
        return (FoundPostalAddress(postcode: ContactScan.string(s[postcode]), text: text), end)
    }

    /// First digit 1–6 (Russian postcodes), standing alone: not part of "8-3522-640024",
    /// "№ 123456" or a code such as "ОКПО640024А".
    private static func isPostcode(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        guard ("1"..."6").contains(s[r.lowerBound]) else { return false }
        if r.lowerBound > 0 {
            let before = s[r.lowerBound - 1]
            if ContactScan.isLetter(before) || "-+/.№#_=&\u{2013}\u{2212}".unicodeScalars.contains(before) { return false }
            var k = r.lowerBound
            while k > 0, r.lowerBound - k < 2, ContactScan.isSpace(s[k - 1]) { k -= 1 }
            if k > 0, s[k - 1] == "№" || s[k - 1] == "N" { return false }
        }
        return r.upperBound == s.count || !ContactScan.isLetter(s[r.upperBound])
    }

    // MARK: - Words around the postcode

    /// Abbreviations that keep their dot ("г.", "ул.", "д.14"), so a dot after them does not end
    /// the address.
    private static let abbreviations: Set<String> = [
        "г", "гор", "с", "пос", "п", "пгт", "д", "дер", "ул", "пр", "просп", "пр-т", "пр-кт", "пл", "наб",
        "пер", "обл", "ст", "ст-ца", "х", "мкр", "р-н", "б-р", "ш", "пр-д", "туп", "рп", "респ", "корп",
        "стр", "им", "оф", "каб", "эт", "кв", "пом", "лит", "вл", "зд", "тер", "а/я", "тел",
    ]
    /// Words that say "this is an address" (settlement, street, region, country). "ст." is left
    /// out: on these pages it is far more often "статья" than "станица".
    private static let markers: Set<String> = {
        let dotted = ["г", "гор", "с", "пос", "п", "пгт", "д", "дер", "ул", "пр", "просп", "пр-т", "пр-кт",
                      "пл", "наб", "пер", "обл", "ст-ца", "х", "мкр", "б-р", "ш", "пр-д", "рп", "респ", "р-н"]
        return Set(dotted + dotted.map { $0 + "." } + [
            "город", "село", "поселок", "посёлок", "деревня", "станица", "хутор", "улица", "проспект",
            "площадь", "набережная", "переулок", "шоссе", "бульвар", "проезд", "тупик", "микрорайон",
            "область", "край", "республика", "район", "россия", "рф", "российская",
            "москва", "санкт-петербург", "севастополь",
        ])
    }()
    /// Second words of "Курганская область", "Хабаровский край", "Ханты-Мансийский автономный округ".
    private static let regionWords: Set<String> = [
        "область", "обл.", "обл", "край", "республика", "респ.", "район", "р-н", "р-н.", "автономный", "автономная", "округ",
    ]
    /// Parts of a building's address that precede a number ("д. 5", "корп. 2", "оф. 10").
    private static let buildingParts: Set<String> = {
        let dotted = ["д", "корп", "к", "стр", "оф", "каб", "кв", "пом", "эт", "лит", "вл", "зд"]
        return Set(dotted + dotted.map { $0 + "." } + [
            "дом", "корпус", "строение", "офис", "кабинет", "квартира", "помещение", "этаж",
            "литер", "литера", "владение", "здание", "подъезд",
        ])
    }()
    /// Lowercase words that may follow a comma inside an address ("р" of "р.п.", a workers' settlement).
    private static let houseWords = markers.union(buildingParts).union(["а/я", "тер", "тер.", "территория", "р", "р."])
    /// Official region names written with a dash: "Ханты-Мансийский автономный округ — Югра",
    /// "Кемеровская область — Кузбасс". A dash before them does not end the address.
    private static let regionNamesAfterDash: Set<String> = ["югра", "кузбасс", "чувашия", "алания"]
    /// What usually follows an address in a page footer: the phone, fax or e-mail line.
    private static let stopWords: Set<String> = [
        "тел", "тел.", "телефон", "телефоны", "факс", "т/ф", "тел/факс", "телефон/факс", "e-mail", "email",
        "эл", "почта", "phone", "tel", "fax", "режим", "график", "сайт", "www", "http", "https", "инн", "огрн", "кпп",
    ]

    private enum Kind { case word, number, punct, space }

    private struct Token {
        var kind: Kind
        var range: Range<Int>
        var lower: String
        var capitalized = false
        var lineBreak = false
    }

    /// Words, numbers ("56а", "14/2"), punctuation and spaces up to `upper`; a word that runs
    /// past `upper` is dropped rather than cut.
    private static func tokens(_ s: [Unicode.Scalar], _ range: Range<Int>, maxWords: Int = .max) -> [Token] {
        var result: [Token] = []
        var k = range.lowerBound, words = 0
        while words < maxWords, let tok = token(in: s, at: k, upper: range.upperBound) {
            result.append(tok)
            if tok.kind != .space { words += 1 }
            k = tok.range.upperBound
        }
        return result
    }

    private static func token(in s: [Unicode.Scalar], at start: Int, upper limit: Int) -> Token? {
        let upper = Swift.min(limit, s.count)
        guard start < upper else { return nil }
        func isWordChar(_ c: Unicode.Scalar) -> Bool { ContactScan.isLetter(c) || ContactScan.isDigit(c) }
        var k = start
        let c = s[k]
        if ContactScan.isSpace(c) {
            var lineBreak = false
            while k < upper, ContactScan.isSpace(s[k]) {
                lineBreak = lineBreak || ContactScan.isLineBreak(s[k])
                k += 1
            }
            return Token(kind: .space, range: start..<k, lower: " ", lineBreak: lineBreak)
        }
        guard isWordChar(c) else { return Token(kind: .punct, range: start..<(k + 1), lower: ContactScan.string([c])) }
        // "Санкт-Петербург", "р-н", "а/я", "14/2": inner hyphens and slashes stay in the word.
        while k < upper, isWordChar(s[k]) || ("-/".unicodeScalars.contains(s[k]) && k + 1 < upper && isWordChar(s[k + 1])) {
            k += 1
        }
        if k == upper, k < s.count, isWordChar(s[k]) { return nil }
        var lower = ContactScan.string(s[start..<k].map(ContactScan.lowered))
        let isWord = !ContactScan.isDigit(c)
        if isWord, k < upper, s[k] == ".", abbreviations.contains(lower) || k - start == 1 {
            k += 1
            lower += "."
        }
        return Token(kind: isWord ? .word : .number, range: start..<k, lower: lower, capitalized: ContactScan.isUppercase(c))
    }

    /// `640024, г. Курган`, `180001, Россия, …`, `640024 Курганская область`, `191060, Санкт-Петербург`.
    private static func markerFollows(_ s: [Unicode.Scalar], after k: Int) -> Bool {
        let words = tokens(s, k..<(k + 60), maxWords: 4).filter { $0.kind != .space }
        var w = words.first?.lower == "," ? 1 : 0
        guard w < words.count, words[w].kind == .word else { return false }
        if markers.contains(words[w].lower) { return true }
        guard words[w].capitalized else { return false }
        w += 1
        if w < words.count, words[w].lower == "," { w += 1 }
        return w < words.count && isAddressWord(words[w])
    }

    private static func isAddressWord(_ token: Token) -> Bool {
        token.kind == .word && (markers.contains(token.lower) || regionWords.contains(token.lower))
    }

    /// Where the address starts when part of it is written before the postcode. Comma-separated
    /// parts are taken back from the postcode while they read as an address ("Россия",
    /// "Курганская область", "ул. Гоголя"); a house number or a short capitalised name
    /// ("56", "Смольный") only counts when a part with a marker comes before it. `floor` (the end
    /// of the previous address) keeps two addresses from overlapping.
    private static func prefixStart(_ s: [Unicode.Scalar], before postcode: Int, floor: Int) -> Int? {
        var k = postcode
        while k > floor, postcode - k < 3, ContactScan.isSpace(s[k - 1]) { k -= 1 }
        guard k > floor, s[k - 1] == "," else { return nil }
        let comma = k - 1
        var from = Swift.max(floor, comma - 160)
        while from > floor, from < comma, !ContactScan.isSpace(s[from - 1]) { from += 1 }
        let toks = tokens(s, from..<comma)
        var segments: [[Token]] = [[]]
        for (t, tok) in toks.enumerated() {
            switch tok.kind {
            case .space: if tok.lineBreak { segments = [[]] }
            case .punct where ";:|!?()«»\"".contains(tok.lower): segments = [[]]
            case .punct where tok.lower == "." && (t + 1 == toks.count || toks[t + 1].kind == .space):
                segments = [[]]
            case .punct where tok.lower == ",": segments.append([])
            default: segments[segments.count - 1].append(tok)
            }
        }
        var start: Int?
        var sawMarker = false
        for segment in segments.reversed() {
            guard let first = segment.first else { break }
            if let m = segment.firstIndex(where: isAddressWord) {
                var from = m
                // "Курганская область": the region's name comes before the marker.
                if m > 0, regionWords.contains(segment[m].lower), segment[m - 1].kind == .word,
                   segment[m - 1].capitalized { from = m - 1 }
                start = segment[from].range.lowerBound
                sawMarker = true
                if from > 0 { break }
                continue
            }
            let words = segment.filter { $0.kind == .word }.count
            guard !sawMarker, first.kind == .number || (first.capitalized && words <= 3) else { break }
            start = first.range.lowerBound
        }
        return sawMarker ? start : nil
    }

    /// Where the address ends: a line break (unless the line ends with a comma), a full stop,
    /// a semicolon, a dash between spaces, the word "тел"/"факс"/"e-mail", a comma followed by
    /// ordinary lowercase text, or a word after the house number ("д.14 Мы в соцсетях").
    private static func addressEnd(_ s: [Unicode.Scalar], from start: Int, limit: Int) -> Int {
        var end = start, k = start
        var previous: Token?
        var content: [Token] = []
        while let tok = token(in: s, at: k, upper: limit) {
            k = tok.range.upperBound
            defer { previous = tok }
            switch tok.kind {
            case .space:
                if tok.lineBreak, content.last?.lower != "," { return end }
                continue
            case .punct:
                switch tok.lower {
                case ";", "|", "!", "?", ":":
                    return end
                case ".":
                    if let next = token(in: s, at: k, upper: limit), next.kind != .space {} else { return end }
                case ",":
                    let next = tokens(s, k..<limit, maxWords: 1).last
                    if let next, next.kind == .word, !next.capitalized, !houseWords.contains(next.lower) {
                        return end
                    }
                case "-", "\u{2013}", "\u{2014}":
                    let next = tokens(s, k..<limit, maxWords: 1).last
                    if previous?.kind == .space, !(next.map { $0.kind == .word && regionNamesAfterDash.contains($0.lower) } ?? false) { return end }
                default: break
                }
                if tok.lower != "," { end = tok.range.upperBound }
            case .word:
                if stopWords.contains(tok.lower) { return end }
                if afterHouseNumber(content), previous?.kind == .space, tok.range.count > 1,
                   !houseWords.contains(tok.lower) { return end }
                end = tok.range.upperBound
            case .number:
                end = tok.range.upperBound
            }
            content.append(tok)
        }
        return end
    }

    /// Whether the last content token is a house number: a number after a comma, "д." or
    /// "корп." (but not after "ул.", as in "ул. 8 Марта").
    private static func afterHouseNumber(_ content: [Token]) -> Bool {
        guard content.count >= 2, content[content.count - 1].kind == .number else { return false }
        let label = content[content.count - 2].lower
        return label == "," || buildingParts.contains(label)
    }
}
