import Foundation
import Testing
@testable import PageAuditCore

/// The byte-level fast paths must give exactly the answers of the `Character` and Foundation
/// code they stand in for; these tests compare the two on every simple scalar and on hostile text.
@Suite struct SimpleTextTests {
    static let simpleRanges: [ClosedRange<UInt32>] = [
        0...0x2FF, 0x400...0x482, 0x48A...0x52F, 0x2002...0x200B, 0x200E...0x20CF, 0x2100...0x2125,
        0x2127...0x2129, 0x212C...0x2328, 0x232B...0x2BFF,
    ]
    static var simpleScalars: [Unicode.Scalar] { simpleRanges.flatMap { $0 }.compactMap(Unicode.Scalar.init) }

    @Test func simpleScalarsAreWholeCharactersAndNFC() {
        for c in Self.simpleScalars {
            let alone = String(c)
            #expect(SimpleText.isSimple(c.value))
            #expect(("a" + alone).count == 2 && (alone + "a").count == 2, "\(c.value) joins a neighbour")
            if c != "\r" { #expect((alone + alone).count == 2, "\(c.value) joins itself") }
            #expect(("a" + alone + "a").precomposedStringWithCanonicalMapping == "a" + alone + "a", "\(c.value) changes in NFC")
            #expect(SimpleText.isWhitespace(c.value) == c.properties.isWhitespace, "\(c.value)")
            #expect(SimpleText.isWhitespace(c.value) == Character(c).isWhitespace, "\(c.value)")
            #expect(SimpleText.isNewline(c.value) == Character(c).isNewline, "\(c.value)")
        }
    }

    @Test func decoderAcceptsExactlyTheSimpleScalars() {
        for value in UInt32(0)...0x3000 {
            guard let c = Unicode.Scalar(value) else { continue }
            var text = String(c)
            let decoded = text.withUTF8 { SimpleText.scalar(in: $0, at: 0) }
            #expect(decoded?.value == (SimpleText.isSimple(value) ? value : nil), "\(value)")
            #expect(decoded.map { $0.length == text.utf8.count } ?? true)
        }
        // Truncated and overlong sequences are never simple.
        for bytes: [UInt8] in [[0xD0], [0xE2, 0x80], [0xC0, 0xA0], [0xD0, 0x41], [0xE2, 0x41, 0x80]] {
            #expect(bytes.withUnsafeBufferPointer { SimpleText.isSimple($0) } == false)
        }
    }

    /// The `Character` loop `collapsingWhitespace` had before its fast path.
    static func referenceCollapse(_ text: String) -> String {
        var result = ""
        var pendingSpace = false, pendingBreak = false
        for character in text {
            if character.isNewline { pendingBreak = true; continue }
            if character.isWhitespace { pendingSpace = true; continue }
            if pendingBreak, !result.isEmpty { result.append("\n") } else if pendingSpace, !result.isEmpty { result.append(" ") }
            pendingBreak = false; pendingSpace = false
            result.append(character)
        }
        return result
    }

    static let hostilePieces = [
        "a", "Я", "ё", "е\u{308}", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0}", "\u{A0}", "\u{2028}", "\u{85}",
        " \u{301}", "\u{301}", "\u{200D}", "👍🏽", "🇷🇺", "한", "\u{1100}\u{1161}", "«", "—", "№", "\u{2003}", "\u{3000}",
        "контакт", "о суде", "CONTACTS", "Ω", "\u{2126}", "\u{FEFF}", "x\u{20DD}",
    ]

    static func randomTexts(count: Int, length: Int) -> [String] {
        var generator = SplitMix64(seed: 1)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...length, using: &generator)).map { _ in hostilePieces.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func collapsingMatchesCharacterLoop() {
        let fixed = ["", " ", "\n \n", " a  b \r\n c ", "\u{0}\u{0} x", " \u{301}x", "x \u{301}", "a\r\n\u{301}b",
                     String(repeating: "слово ", count: 50_000), String(repeating: " ", count: 10_000)]
        for text in fixed + Self.randomTexts(count: 3_000, length: 12) {
            #expect(text.collapsingWhitespace == Self.referenceCollapse(text), "\(text.debugDescription)")
        }
    }

    @Test func searchMatchesFoundationContains() {
        let needles = ["контакт", "о суде", "приёмная", "приемная", "contacts", "е", "\u{301}", "a b", "ё"]
        for text in ["о судё", "о суде\u{308}", "прие\u{308}мная", "контакт\u{301}ы", "xcontacts", "ПРИЁМНАЯ", ""]
            + Self.randomTexts(count: 3_000, length: 8) {
            for needle in needles {
                #expect((SimpleText.firstIndex(in: text, ofAny: [needle]) != nil) == text.contains(needle),
                        "\(text.debugDescription) \(needle.debugDescription)")
            }
            #expect(SimpleText.firstIndex(in: text, ofAny: needles) == needles.firstIndex { text.contains($0) })
        }
    }

    @Test func contactScanShortcutsMatchUnicodeProperties() {
        for value in UInt32(0)...0x3000 {
            guard let c = Unicode.Scalar(value) else { continue }
            #expect(ContactScan.isLetter(c) == c.properties.isAlphabetic, "\(value)")
            #expect(ContactScan.isUppercase(c) == c.properties.isUppercase, "\(value)")
            #expect(ContactScan.isSpace(c) == c.properties.isWhitespace, "\(value)")
        }
    }

    @Test func scalarStringsMatchUnicodeScalarView() {
        for text in ["", "8", "123456789012345", "1234567890123456", "тел", "👍🏽x", "\u{0}", "e\u{301}"] + Self.randomTexts(count: 500, length: 8) {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text.unicodeScalars)
            let built = ContactScan.string(Array(text.unicodeScalars))
            #expect(Array(built.utf8) == Array(String(view).utf8), "\(text.debugDescription)")
            #expect(SimpleText.scalars(text).map { $0 == Array(text.unicodeScalars) } ?? !SimpleText.isSimple(text))
        }
    }

    @Test func scalarsAreNFCForAnyText() {
        for text in Self.randomTexts(count: 2_000, length: 10) {
            #expect(ContactScan.scalars(text) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }

    @Test func visibleTextByBytesMatchesCharacterWalk() throws {
        let page = WebAddress("https://adm.example.ru/")!
        let pieces = Self.hostilePieces.filter { $0 != "\u{0}" }
        var generator = SplitMix64(seed: 1)
        for _ in 0..<300 {
            let tags = ["<p>", "</p>", "<span>", "</span>", "<b>", "<br>", "<td>", "<script>x</script>", "<div>", "</div>", "&nbsp;", "<!-- c -->"]
            let html = (0..<40).map { _ in
                Bool.random(using: &generator) ? tags.randomElement(using: &generator)! : pieces.randomElement(using: &generator)!
            }.joined()
            let document = try HTMLDocument(bytes: Data(("<html><body>" + html + "</body></html>").utf8), address: page, contentType: nil)
            let root = try #require(document.root)
            let exact = VisibleText.characterText(of: root, skipping: nil)
            #expect(VisibleText.of(root) == exact, "\(html.debugDescription)")
            #expect(root.visibleText == Self.referenceCollapse(exact), "\(html.debugDescription)")
            if let bytes = VisibleText.simpleBytes(of: root, skipping: nil) {
                #expect(String(decoding: bytes, as: UTF8.self) == exact)
            }
        }
    }

    @Test func lowercasingMatchesStandardLibrary() {
        for value in UInt32(0)...0x2FFF {
            guard let c = Unicode.Scalar(value) else { continue }
            let text = "A" + String(c) + "Я"
            #expect(SimpleText.lowercased(text) == text.lowercased(), "\(value)")
            #expect(Array(SimpleText.lowercased(text).utf8) == Array(text.lowercased().utf8), "\(value)")
        }
        for text in ["", "КОНТАКТЫ", "Приёмная ЁЖ", "ΩK\u{212A}", "İstanbul", "ǅ", "e\u{301}", "\u{0}A"] + Self.randomTexts(count: 1_000, length: 10) {
            #expect(Array(SimpleText.lowercased(text).utf8) == Array(text.lowercased().utf8), "\(text.debugDescription)")
        }
    }

    @Test func trimmingMatchesFoundation() {
        for text in ["", " ", "a", " a ", "\ta\n", "\u{A0}a", "a\u{2028}", "a b", "\u{0}a", "a\u{7F}", "/x", "\u{301}a", "x\u{301}"]
            + Self.randomTexts(count: 1_000, length: 6) {
            #expect(SimpleText.trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }
}

/// A seeded generator, so a failing random case fails again on the next run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
