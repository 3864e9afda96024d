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
    /// Latin-1, which keeps ASCII intact whatever the real encoding is.
    func metaCharset(in bytes: Data) -> String? {
        let head = String(decoding: bytes.prefix(prescanLimit).map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let metaRange = head.range(of: "<meta", range: searchStart..<head.endIndex) {
            let tagEnd = head.range(of: ">", range: metaRange.upperBound..<head.endIndex)?.lowerBound ?? head.endIndex
            let tag = head[metaRange.upperBound..<tagEnd]
            if let charsetRange = tag.range(of: "charset") {
                var rest = tag[charsetRange.upperBound...].drop(while: { $0 == " " })
                if rest.first == "=" {
                    rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\"" || $0 == "'" })
                    let value = rest.prefix(while: { !" \"';/>".contains($0) })
                    if !value.isEmpty { return String(value) }
                }
            }
            searchStart = tagEnd
        }
        return nil
    }
}
