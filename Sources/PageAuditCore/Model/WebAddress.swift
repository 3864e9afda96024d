import Foundation

/// An http(s) address as the tool uses it: parsed leniently from what people and pages write
/// (no scheme, Cyrillic hosts, spaces, stray whitespace), held in its ASCII form for requests and
/// lookups, and shown with a Unicode host to people.
public struct WebAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The ASCII form: punycode host, percent-encoded path.
    public let url: URL

    private init(url: URL) { self.url = url }

    /// Parses an absolute address, adding `https://` when the text has no scheme (`adm.ru`).
    public init?(_ text: String) {
        let cleaned = WebAddress.clean(text)
        guard !cleaned.isEmpty else { return nil }
        let withScheme = cleaned.contains("://") ? cleaned
            : cleaned.hasPrefix("//") ? "https:" + cleaned : "https://" + cleaned
        guard let url = WebAddress.parse(withScheme) else { return nil }
        self.init(validated: url)
    }

    /// Resolves a link (`href`, `src`) against the page or `<base href>` it appeared on.
    /// Returns nil for anything that is not http(s): `mailto:`, `javascript:`, `data:`, `file:`.
    public init?(link: String, relativeTo base: WebAddress) {
        let cleaned = WebAddress.clean(link)
        guard !cleaned.isEmpty else { return nil }
        if let text = PlainLinkResolver.resolve(cleaned, against: base.description), let url = URL(string: text) {
            self.init(url: url)
            return
        }
        self.init(general: cleaned, relativeTo: base)
    }

    /// Resolution through Foundation, for links `PlainLinkResolver` does not take.
    init?(general cleaned: String, relativeTo base: WebAddress) {
        guard let relative = WebAddress.parse(cleaned, relativeTo: base.url) else { return nil }
        self.init(validated: relative.absoluteURL)
    }

    private init?(validated url: URL) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty,
              let asciiHost = IDNA.toASCII(host.utf8.contains(UInt8(ascii: "%")) ? host.removingPercentEncoding ?? host : host),
              WebAddress.isValidHost(asciiHost),
              var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return nil }
        components.scheme = scheme
        components.percentEncodedHost = asciiHost
        components.fragment = nil
        if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
        if let port = components.port, (scheme == "http" && port == 80) || (scheme == "https" && port == 443) {
            components.port = nil
        }
        guard let normalised = components.url else { return nil }
        self.url = normalised
    }

    /// Host in ASCII, lowercase (`xn--e1ajeds9e.xn--p1ai`).
    public var host: String { url.host ?? "" }

    /// Host as people write it (`кремль.рф`).
    public var displayHost: String { IDNA.toUnicode(host) }

    /// The host without a leading `www.`: two addresses on one site share it.
    public var siteHost: String { host.hasPrefix("www.") ? String(host.dropFirst(4)) : host }

    public var path: String { url.path }

    /// The address with a Unicode host and decoded path, for reports.
    public var displayString: String {
        var text = url.absoluteString
        if host != displayHost, let range = text.range(of: host) {
            text.replaceSubrange(range, with: displayHost)
        }
        return text.removingPercentEncoding ?? text
    }

    public var description: String { url.absoluteString }

    /// True when both addresses are on the same site: same host allowing `www.`, any scheme.
    /// A shared registrable domain is not enough: thousands of agencies live on one platform domain.
    public func isSameSite(as other: WebAddress) -> Bool { siteHost == other.siteHost }

    /// A key that ignores the scheme and `www.`, for matching a page to a stored capture.
    public var looseKey: String {
        var key = siteHost + (url.path.isEmpty ? "/" : url.path)
        if let query = url.query, !query.isEmpty { key += "?" + query }
        return key
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = WebAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an http(s) address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(url.absoluteString)
    }

    /// Letters, digits, `-`, `_` and dots, no empty labels: what DNS names and IPv4 addresses use.
    /// Anything else would make Foundation trap or the lookup meaningless.
    static func isValidHost(_ host: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in host.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): break
            case UInt8(ascii: "."): if previous == UInt8(ascii: ".") { return false }  // a leading dot or ".."
            default: return false
            }
            previous = byte
        }
        return host.utf8.count <= 253
    }

    /// Removes what browsers remove before parsing: surrounding whitespace and control characters,
    /// and tabs or newlines anywhere inside (WHATWG URL standard).
    static func clean(_ text: String) -> String {
        // Nearly every link starts and ends with a printable ASCII character and holds no tab or
        // line break: then there is nothing to remove.
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last),
           !text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return text
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        return String(trimmed.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }.map(Character.init))
    }

    private static func parse(_ text: String, relativeTo base: URL? = nil) -> URL? {
        if let url = URL(string: text, relativeTo: base) { return url }
        // Foundation refuses some characters pages use unencoded; encode them and try once more.
        let allowed = CharacterSet.urlFragmentAllowed.union(.init(charactersIn: "#%"))
        guard let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        return URL(string: encoded, relativeTo: base)
    }
}
