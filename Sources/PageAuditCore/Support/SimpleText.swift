import Foundation

/// Fast paths for the text nearly every page is made of: ASCII, Latin, Cyrillic and common
/// punctuation. In such "simple" text every Unicode scalar is a `Character` of its own (bar
/// CR LF) and already in NFC, so grapheme-aware and canonical-equivalence operations (Foundation's
/// `contains`, `Character.isWhitespace`, `precomposedStringWithCanonicalMapping`) give the same
/// answers as plain work on UTF-8 bytes, at a fraction of the cost.
///
/// Callers check simplicity first and keep their exact, slow path for everything else
/// (combining marks, Hangul, emoji sequences), so no result depends on the shortcut.
enum SimpleText {
    /// Whether a scalar is neither joined to its neighbours in a grapheme cluster nor changed by
    /// NFC, whatever surrounds it. `SimpleTextTests` checks every scalar of these ranges against
    /// the standard library and Foundation.
    static func isSimple(_ value: UInt32) -> Bool {
        switch value {
        case 0...0x2FF, 0x400...0x482, 0x48A...0x52F,
             0x2002...0x200B, 0x200E...0x20CF, 0x2100...0x2125, 0x2127...0x2129, 0x212C...0x2328, 0x232B...0x2BFF:
            return true
        default:
            return false
        }
    }

    /// `Unicode.Scalar.Properties.isWhitespace` for simple scalars, without the property lookup.
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x2002...0x200A, 0x2028, 0x2029, 0x202F, 0x205F: return true
        default: return false
        }
    }

    /// `Character.isNewline` for a character that starts with this simple scalar.
    static func isNewline(_ value: UInt32) -> Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Decodes the scalar at `i`; nil when the bytes are not valid UTF-8 or the scalar is not
    /// simple. Only the lead bytes simple scalars can have are accepted, so overlong forms and
    /// surrogates fail here too.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int)? {
        let lead = bytes[i]
        if lead < 0x80 { return (UInt32(lead), 1) }
        switch lead {
        case 0xC2...0xD4:
            guard i + 1 < bytes.count, bytes[i + 1] & 0xC0 == 0x80 else { return nil }
            let value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            return isSimple(value) ? (value, 2) : nil
        case 0xE2:
            guard i + 2 < bytes.count, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 else { return nil }
            let value = 0x2000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            return isSimple(value) ? (value, 3) : nil
        default:
            return nil
        }
    }

    /// Whether all of `bytes` is simple text.
    static func isSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 { i += 1; continue }
            guard let (_, length) = scalar(in: bytes, at: i) else { return false }
            i += length
        }
        return true
    }

    /// The scalars of a simple text, decoded by hand; nil when the text is not simple.
    static func scalars(_ text: String) -> [Unicode.Scalar]? {
        var text = text
        return text.withUTF8 { bytes in
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                guard let (value, length) = scalar(in: bytes, at: i), let decoded = Unicode.Scalar(value) else { return nil }
                scalars.append(decoded)
                i += length
            }
            return scalars
        }
    }

    /// Whether the string is simple text.
    static func isSimple(_ text: some StringProtocol) -> Bool {
        var text = String(text)
        return text.withUTF8 { isSimple($0) }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The index of the first of `needles` that `text` contains, as Foundation's `contains(_:)`
    /// answers (see `Phrases`).
    static func firstIndex(in text: String, ofAny needles: [String]) -> Int? {
        Phrases(needles).firstIndex(in: text)
    }

    /// Whether the first and the last scalar of `bytes` are whitespace: nil when the bytes are not
    /// simple text, `.some(nil)` when they are empty.
    static func edges(of bytes: UnsafeBufferPointer<UInt8>) -> (first: Bool, last: Bool)?? {
        guard !bytes.isEmpty else { return .some(nil) }
        var i = 0, first: UInt32?, last: UInt32 = 0
        while i < bytes.count {
            guard let (value, length) = scalar(in: bytes, at: i) else { return nil }
            if first == nil { first = value }
            last = value
            i += length
        }
        return (isWhitespace(first ?? 0), isWhitespace(last))
    }

    /// `String.collapsingWhitespace` on simple UTF-8: runs of whitespace become one space, or one
    /// "\n" when they hold a line break; none is kept at the start or end. Nil when the bytes are
    /// not simple text.
    static func collapsingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var simple = true
        let result = String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0, i = 0
            var pendingSpace = false, pendingBreak = false
            while i < bytes.count {
                let value: UInt32, length: Int
                if bytes[i] < 0x80 {
                    value = UInt32(bytes[i]); length = 1
                } else if let decoded = scalar(in: bytes, at: i) {
                    (value, length) = decoded
                } else {
                    simple = false
                    return 0
                }
                if isNewline(value) {
                    pendingBreak = true
                } else if isWhitespace(value) {
                    pendingSpace = true
                } else {
                    if count > 0, pendingBreak || pendingSpace { output[count] = pendingBreak ? 0x0A : 0x20; count += 1 }
                    pendingBreak = false; pendingSpace = false
                    for k in i..<(i + length) { output[count] = bytes[k]; count += 1 }
                }
                i += length
            }
            return count
        }
        return simple ? result : nil
    }

    /// The byte offset of the first occurrence of `needle` (lowercase ASCII) in `haystack`,
    /// ASCII letters compared without case.
    static func firstASCIICaseInsensitive(_ needle: String, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        let needle = Array(needle.utf8)
        guard let first = needle.first else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        for i in 0...(haystack.count - needle.count) where lower(haystack[i]) == first {
            var k = 1
            while k < needle.count, lower(haystack[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return i }
        }
        return nil
    }

    /// `String.lowercased()` for ASCII and the Russian alphabet, by bytes; other text goes to
    /// the standard library. Swift lowercases scalar by scalar, and every scalar handled here
    /// keeps its UTF-8 length, so the bytes can be mapped in place.
    static func lowercased(_ text: String) -> String {
        var text = text
        let fast: String? = text.withUTF8 { bytes in
            var output = [UInt8](bytes)
            var i = 0
            while i < output.count {
                let byte = output[i]
                if byte < 0x80 {
                    if byte >= 0x41 && byte <= 0x5A { output[i] = byte | 0x20 }
                    i += 1
                    continue
                }
                guard let (value, length) = scalar(in: bytes, at: i) else { return nil }
                switch value {
                case 0x400...0x40F: output[i] = 0xD1; output[i + 1] = UInt8(0x90 + value - 0x400)
                case 0x410...0x41F: output[i + 1] = UInt8(0xB0 + value - 0x410)
                case 0x420...0x42F: output[i] = 0xD1; output[i + 1] = UInt8(0x80 + value - 0x420)
                case 0x80...0xBF, 0xD7, 0xDF...0xFF, 0x430...0x45F, 0x2000...0x206F, 0x20A0...0x20CF, 0x2116, 0x2122: break
                default: return nil
                }
                i += length
            }
            return String(decoding: output, as: UTF8.self)
        }
        return fast ?? text.lowercased()
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation when the text starts
    /// and ends with a printable ASCII character, as attribute values nearly always do.
    static func trimmingWhitespace(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Words looked for in many texts (link labels, hosts), encoded and checked once.
struct Phrases: Sendable {
    let words: [String]
    private let bytes: [[UInt8]]
    private let allSimple: Bool

    init(_ words: [String]) {
        self.words = words
        bytes = words.map { Array($0.utf8) }
        allSimple = bytes.allSatisfy { $0.withUnsafeBufferPointer(SimpleText.isSimple) }
    }

    /// The index of the first word that `text` contains, with the answer of Foundation's
    /// `contains(_:)` (canonical equivalence, whole characters only): by bytes when the words and
    /// the text are simple, through Foundation otherwise.
    func firstIndex(in text: String) -> Int? {
        var text = text
        let fast: Int?? = text.withUTF8 { haystack in
            guard allSimple, SimpleText.isSimple(haystack) else { return nil }
            return .some(bytes.firstIndex { word in word.withUnsafeBufferPointer { SimpleText.contains(haystack, $0) } })
        }
        if let fast { return fast }
        return words.firstIndex { text.contains($0) }
    }
}

/// A string compared byte for byte. `String` equality is canonical equivalence ("é" written as one
/// scalar or two is equal), but URL parsing and percent-encoding see the bytes, so a cache of
/// anything computed from the bytes must tell the two apart.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
