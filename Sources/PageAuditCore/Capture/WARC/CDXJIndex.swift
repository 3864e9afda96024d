import Foundation

/// One line of a CDXJ index, the form pywb and cdxj-indexer write:
///
///     ru,example,adm)/kontakty 20261120071504 {"url": "https://www.adm.example.ru/kontakty", "mime": "text/html", "status": "200", "digest": "sha256:…", "length": "2087", "offset": "5312", "filename": "run.warc.gz"}
///
/// `offset` and `length` locate the response record in the WARC file: in a `.warc.gz` they are
/// those of its gzip member, so a reader can inflate that member alone.
public struct CDXJEntry: Sendable, Equatable {
    public var urlKey: String
    public var timestamp: String
    public var url: String
    public var mime: String?
    public var status: String?
    public var digest: String?
    public var length: Int
    public var offset: Int
    public var filename: String

    public init(urlKey: String, timestamp: String, url: String, mime: String?, status: String?, digest: String?,
                length: Int, offset: Int, filename: String) {
        self.urlKey = urlKey
        self.timestamp = timestamp
        self.url = url
        self.mime = mime
        self.status = status
        self.digest = digest
        self.length = length
        self.offset = offset
        self.filename = filename
    }

    /// The line, with the JSON keys in cdxj-indexer's order and its spacing; every value a string.
    public var line: String {
        var pairs: [(String, String)] = [("url", url)]
        if let mime { pairs.append(("mime", mime)) }
        if let status { pairs.append(("status", status)) }
        if let digest { pairs.append(("digest", digest)) }
        pairs += [("length", String(length)), ("offset", String(offset)), ("filename", filename)]
        let json = pairs.map { "\(CDXJIndex.jsonString($0.0)): \(CDXJIndex.jsonString($0.1))" }.joined(separator: ", ")
        return "\(urlKey) \(timestamp) {\(json)}"
    }
}

public enum CDXJIndex {
    /// Lines sorted by their bytes, as `sort` with `LC_ALL=C` and pywb's indexer sort them, so a
    /// binary search by SURT key works.
    public static func sorted(_ entries: [CDXJEntry]) -> [String] {
        entries.map(\.line).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Parses an index. Lines that are empty or start with `!` (pywb's meta lines) are skipped;
    /// any other malformed line gives nil.
    public static func parse(_ text: String) -> [CDXJEntry]? {
        var entries: [CDXJEntry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("!") {
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, parts[1].count == 14, parts[1].allSatisfy(\.isNumber),
                  let object = try? JSONSerialization.jsonObject(with: Data(parts[2].utf8)) as? [String: Any],
                  let url = object["url"] as? String, let filename = object["filename"] as? String,
                  let length = (object["length"] as? String).flatMap({ Int($0) }),
                  let offset = (object["offset"] as? String).flatMap({ Int($0) }) else { return nil }
            entries.append(CDXJEntry(urlKey: String(parts[0]), timestamp: String(parts[1]), url: url,
                                     mime: object["mime"] as? String, status: object["status"] as? String,
                                     digest: object["digest"] as? String, length: length, offset: offset, filename: filename))
        }
        return entries
    }

    /// The SURT key of a URL as pywb's default canonicaliser makes it (the `surt` package):
    /// host lowercased, a leading `www.`/`www2.` dropped, labels reversed and joined by commas,
    /// a non-default port kept, `)`, then the path and query lowercased, the path's trailing slash
    /// dropped and the query parameters sorted. (Session-id stripping and percent-escape
    /// normalisation of that package are not done: our addresses are already normalised.)
    ///
    /// `https://www.Adm.example.ru/Kontakty/?b=2&a=1` → `ru,example,adm)/kontakty?a=1&b=2`.
    public static func surt(_ uri: String) -> String {
        // The authority is read from the text itself: Foundation may turn a punycode host into
        // percent-encoded Unicode, and the key must keep the ASCII form.
        guard let schemeEnd = uri.range(of: "://") else { return uri }
        let scheme = uri[..<schemeEnd.lowerBound].lowercased()
        let afterScheme = uri[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = String(authority).lowercased(), port: Int?
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            port = Int(host[host.index(after: colon)...])
            host = String(host[..<colon])
        }
        guard !host.isEmpty, let components = URLComponents(string: "http://h" + afterScheme[authorityEnd...]) else { return uri }
        if host.hasPrefix("www") {
            let rest = host.dropFirst(3).drop { $0.isASCII && $0.isNumber }
            if rest.hasPrefix("."), rest.count > 1 { host = String(rest.dropFirst()) }
        }
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) }
        var key = isIPv4 ? host.split(separator: ".").reversed().joined(separator: ",")
            : host.split(separator: ".", omittingEmptySubsequences: false).reversed().joined(separator: ",")
        if let port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            key += ":\(port)"
        }
        key += ")"
        var path = components.percentEncodedPath.lowercased()
        if path.isEmpty { path = "/" }
        if path.count > 1, path.hasSuffix("/") { path.removeLast() }
        key += path
        if let query = components.percentEncodedQuery?.lowercased(), !query.isEmpty {
            let pairs = query.split(separator: "&", omittingEmptySubsequences: false)
                .map { $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init) }
            // Python sorts the (name, value) tuples; a lone name sorts before the same name with a value.
            let sortedPairs = pairs.sorted { left, right in
                for (a, b) in zip(left, right) where a != b { return a.utf8.lexicographicallyPrecedes(b.utf8) }
                return left.count < right.count
            }
            let rebuilt = sortedPairs.map { $0.joined(separator: "=") }.joined(separator: "&")
            if !rebuilt.isEmpty { key += "?" + rebuilt }
        }
        return key
    }

    /// A JSON string literal as Python's `json.dumps` writes it: non-ASCII as `\uXXXX`.
    static func jsonString(_ text: String) -> String {
        var output = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x08: output += "\\b"
            case 0x0C: output += "\\f"
            case 0x20..<0x7F: output.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: output += String(format: "\\u%04x", unit)
            }
        }
        return output + "\""
    }
}
