/// Resolves the plain links most pages are made of (`/about/`, `news.html?id=5`,
/// `https://vk.com/club1`, `#top`) by hand, into the text `WebAddress` would make of them
/// through Foundation's `URL` and `URLComponents`, which cost several parses per link.
///
/// It answers only when the answer is certain: lowercase `http(s)` and host, no port, user or
/// dot segments, only characters that need no encoding. Anything else returns nil and takes the
/// general path; `PlainLinkResolverTests` compares both on fixture pages and hostile links.
enum PlainLinkResolver {
    /// The absolute address text for `link` (already cleaned of whitespace) on a page whose
    /// normalised address is `base`; nil when the link is not plain.
    static func resolve(_ link: String, against base: String) -> String? {
        var link = Array(link.utf8)
        if let hash = link.firstIndex(of: UInt8(ascii: "#")) {
            guard link[hash...].allSatisfy({ isPlain($0) || $0 == UInt8(ascii: "#") }) else { return nil }
            link.removeSubrange(hash...)
        }
        guard link.allSatisfy(isPlain), let base = Base(base) else { return nil }
        if link.isEmpty { return base.text }
        if let rest = link.dropping("https://") ?? link.dropping("http://") {
            let scheme = link.starts(with: Array("https:".utf8)) ? "https:" : "http:"
            return absolute(scheme: scheme, rest)
        }
        if let rest = link.dropping("//") { return absolute(scheme: base.scheme, rest) }
        guard !link.contains(UInt8(ascii: ":")) else { return nil }  // another scheme, or a port
        let path = link.prefix { $0 != UInt8(ascii: "?") }
        guard !hasDotSegment(path) else { return nil }
        switch link[0] {
        case UInt8(ascii: "/"): return base.origin + String(decoding: link, as: UTF8.self)
        case UInt8(ascii: "?"): return base.origin + base.path + String(decoding: link, as: UTF8.self)
        default: return base.origin + base.directory + String(decoding: link, as: UTF8.self)
        }
    }

    /// `//host/path?query` after the scheme: a lowercase host of letters, digits, dots and dashes.
    private static func absolute(scheme: String, _ rest: ArraySlice<UInt8>) -> String? {
        let hostEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        let host = rest[..<hostEnd], tail = rest[hostEnd...]
        guard !host.isEmpty, host.allSatisfy(isHostByte), !tail.contains(UInt8(ascii: ":")),
              !hasDotSegment(tail.prefix { $0 != UInt8(ascii: "?") }) else { return nil }
        let hostText = String(decoding: host, as: UTF8.self)
        guard WebAddress.isValidHost(hostText) else { return nil }
        let path = tail.first == UInt8(ascii: "/") ? "" : "/"
        return scheme + "//" + hostText + path + String(decoding: tail, as: UTF8.self)
    }

    /// The parts of the page's own address a relative link keeps.
    private struct Base {
        /// `https://host` or `http://host:8080`.
        var origin: String
        var scheme: String
        /// The path, and the path up to its last slash.
        var path: String, directory: String
        /// The whole address.
        var text: String

        init?(_ text: String) {
            let bytes = Array(text.utf8)
            guard let afterScheme = bytes.dropping("https://") ?? bytes.dropping("http://"),
                  let pathStart = afterScheme.firstIndex(of: UInt8(ascii: "/")),
                  !afterScheme[..<pathStart].contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
            else { return nil }
            let pathEnd = bytes[pathStart...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
            let path = bytes[pathStart..<pathEnd]
            guard !hasDotSegment(path), let lastSlash = path.lastIndex(of: UInt8(ascii: "/")) else { return nil }
            self.text = text
            self.scheme = bytes.starts(with: Array("https:".utf8)) ? "https:" : "http:"
            self.origin = String(decoding: bytes[..<pathStart], as: UTF8.self)
            self.path = String(decoding: path, as: UTF8.self)
            self.directory = String(decoding: bytes[pathStart...lastSlash], as: UTF8.self)
        }
    }

    /// Characters that stand for themselves in a path or query: no encoding, no parser quirks.
    /// `%` and `;` are left out (percent-encoded paths and path parameters take the general path).
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "?"),
             UInt8(ascii: "="), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// Whether a path has a `.` or `..` segment, which resolution would remove.
    private static func hasDotSegment(_ path: some Collection<UInt8>) -> Bool {
        path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .contains { $0.elementsEqual([UInt8(ascii: ".")]) || $0.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) }
    }
}

private extension Array where Element == UInt8 {
    /// The rest of the bytes after `prefix`, or nil when they do not start with it.
    func dropping(_ prefix: String) -> ArraySlice<UInt8>? {
        starts(with: prefix.utf8) ? self[prefix.utf8.count...] : nil
    }
}
