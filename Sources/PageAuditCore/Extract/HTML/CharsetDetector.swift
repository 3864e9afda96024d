import Foundation

/// Decides which character encoding to hand libxml2, because municipal sites still serve
/// windows-1251 and KOI8-R, often with a wrong or missing HTTP charset.
///
/// Order, as browsers do it (WHATWG "encoding sniffing"): a byte-order mark, then the HTTP
/// `Content-Type` charset, then `<meta charset>` / `http-equiv` in the first bytes. Where nothing
/// is declared, or the declaration is UTF-8 and the bytes are not, the page is taken as
/// windows-1251, the legacy encoding of Russian sites.
public struct CharsetDetector: Sendable {
    public struct Decision: Sendable, Equatable, Codable {
        /// An encoding name libxml2 (iconv) accepts, lowercase: `utf-8`, `windows-1251`, `koi8-r`.
        public var charset: String
        /// Where it came from: `bom`, `http`, `meta`, `utf8-valid`, `fallback`, or `http-contradicted`.
        public var source: String
    }

    /// How far into the document to look for `<meta charset>`; browsers use 1024 bytes, but
    /// CMS templates often put a long comment or scripts first.
    public var prescanLimit = 8192

    public init() {}

    public func decide(for bytes: Data, contentType: String?) -> Decision {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Decision(charset: "utf-8", source: "bom") }
        if bytes.starts(with: [0xFF, 0xFE]) { return Decision(charset: "utf-16le", source: "bom") }
        if bytes.starts(with: [0xFE, 0xFF]) { return Decision(charset: "utf-16be", source: "bom") }
        let http = contentType.flatMap(Self.charsetParameter(in:)).flatMap(Self.canonicalName)
        let meta = metaCharset(in: bytes).flatMap(Self.canonicalName)
        let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
        if let http {
            if http == "utf-8" && !isUTF8 {
                // The server claims UTF-8 but the bytes say otherwise: trust the page's own declaration.
                return Decision(charset: meta.flatMap { $0 == "utf-8" ? nil : $0 } ?? "windows-1251", source: "http-contradicted")
            }
            return Decision(charset: http, source: "http")
        }
        if let meta {
            if meta == "utf-8" && !isUTF8 { return Decision(charset: "windows-1251", source: "http-contradicted") }
            return Decision(charset: meta, source: "meta")
        }
        return isUTF8 ? Decision(charset: "utf-8", source: "utf8-valid") : Decision(charset: "windows-1251", source: "fallback")
    }

    /// Maps the many spellings in the wild (`cp1251`, `win-1251`, `KOI8R`) to names iconv accepts;
    /// nil for names we do not recognise, so that a later, better signal can decide.
    static func canonicalName(_ raw: String) -> String? {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\"'"))).lowercased()
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "utf-8"
        case "windows-1251", "cp1251", "win-1251", "win1251", "x-cp1251", "1251": return "windows-1251"
        case "koi8-r", "koi8r", "koi8", "cskoi8r": return "koi8-r"
        case "koi8-u", "koi8u": return "koi8-u"
        case "iso-8859-5", "iso8859-5", "cyrillic": return "iso-8859-5"
        case "ibm866", "cp866", "866": return "ibm866"
        // Browsers treat latin-1 labels as windows-1252; a Russian page labelled so is almost always
        // mislabelled, but the label is still the best signal we have.
        case "iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252": return "windows-1252"
        case "utf-16", "utf-16le": return "utf-16le"
        case "utf-16be": return "utf-16be"
        default: return nil
        }
    }

    static func charsetParameter(in contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                return String(pair[1])
            }
        }
        return nil
    }

    /// Finds `charset=` inside the first `<meta …>` tags that declare one. Works on bytes read as
    /// Latin-1, which keeps ASCII intact whatever the real encoding is: non-ASCII bytes become
    /// `?`, ASCII letters are lowercased, and the search is a plain byte search.
    func metaCharset(in bytes: Data) -> String? {
        var head = [UInt8](bytes.prefix(prescanLimit))
        for i in head.indices {
            let byte = head[i]
            head[i] = byte >= 0x80 ? 0x3F : (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
        }
        let meta = Array("<meta".utf8), charset = Array("charset".utf8)
        var searchStart = 0
        while let found = Self.find(meta, in: head, from: searchStart) {
            let tagStart = found + meta.count
            let tagEnd = head[tagStart...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            let tag = Array(head[tagStart..<tagEnd])
            if let found = Self.find(charset, in: tag, from: 0) {
                var k = found + charset.count
                while k < tag.count, tag[k] == UInt8(ascii: " ") { k += 1 }
                if k < tag.count, tag[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < tag.count, tag[k] == UInt8(ascii: " ") || tag[k] == UInt8(ascii: "\"") || tag[k] == UInt8(ascii: "'") { k += 1 }
                    let valueEnd = tag[k...].firstIndex { Self.endsValue.contains($0) } ?? tag.endIndex
                    if valueEnd > k { return String(decoding: tag[k..<valueEnd], as: UTF8.self) }
                }
            }
            searchStart = tagEnd
        }
        return nil
    }

    private static let endsValue = Array(" \"';/>".utf8)

    /// The first index of `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
