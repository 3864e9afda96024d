import Foundation

/// A site's robots.txt (RFC 9309), read once and then asked, for each address the crawler wants,
/// whether our product token may fetch it.
///
/// What it follows, by RFC 9309 section:
/// - 2.1, 2.2: a group is one or more `user-agent` lines in a row and the rules after them. Blank
///   lines, comments and other records (`sitemap`, `crawl-delay`, unknown ones) do not end a run of
///   `user-agent` lines; only an `allow` or `disallow` line does. Rules before the first
///   `user-agent` line belong to no group and are ignored. Names of records are case-insensitive.
/// - 2.2.1: the product token is matched case-insensitively and exactly; every group naming it is
///   merged into one. Only when no group names it do the `*` groups apply (also merged). A group
///   that names the token but has no rules allows everything: it does not fall back to `*`.
/// - 2.2.2: the rule whose pattern has the most octets wins; `allow` wins a tie; no matching rule,
///   or an empty `disallow:`, allows. `/robots.txt` is always allowed. Matching is case-sensitive.
///   Both the rule and the address are compared in one percent-encoded form (see
///   `RobotsTxtParser.normalise`).
/// - 2.2.3: `*` matches any run of octets, `$` as a pattern's last character anchors it at the end,
///   `#` starts a comment. The matcher never backtracks: a pattern costs time linear in the length
///   of the path plus the pattern, however many `*` it has.
/// - 2.3.1: `policy(forStatus:)` gives the answer for responses that carry no usable file.
/// - 2.5: only the first 500 KiB are parsed.
public struct RobotsTxt: Sendable, Equatable {
    /// One `allow` or `disallow` line with a usable pattern.
    struct Rule: Sendable, Equatable {
        let allows: Bool
        let pattern: RobotsPattern
    }

    /// The rules of one group, and the largest valid `crawl-delay` it gave.
    struct Group: Sendable, Equatable {
        var rules: [Rule] = []
        var crawlDelay: Double?
    }

    var groups: [Group] = []
    /// For each lowercased product token named in a `user-agent` line, the groups that name it.
    var groupsByAgent: [String: [Int]] = [:]
    /// The groups whose `user-agent` lines include `*`.
    var globalGroups: [Int] = []
    /// `Sitemap:` values in file order, without duplicates. They are not checked: a sitemap may
    /// be on another host, or not be an address at all; the caller decides what to fetch.
    public internal(set) var sitemaps: [String] = []

    init() {}

    /// Parses a robots.txt body: any bytes (invalid UTF-8, NUL, a byte-order mark), lines ended by
    /// CR, LF or CRLF, with or without a final line break. Only the first 500 KiB are read
    /// (RFC 9309 2.5); a line cut by that limit is dropped rather than read half.
    public init(parsing data: Data) {
        self = RobotsTxtParser.parse(data)
    }

    /// No rules: everything may be fetched. RFC 9309 2.3.1.3, for a robots.txt that is
    /// "unavailable" (4xx).
    public static let allowAll = RobotsTxt()

    /// `User-agent: *` / `Disallow: /`: nothing but `/robots.txt` may be fetched. RFC 9309
    /// 2.3.1.4, for a robots.txt that is "unreachable" (5xx, network error).
    public static let disallowAll: RobotsTxt = {
        var robots = RobotsTxt()
        robots.groups = [Group(rules: [Rule(allows: false, pattern: RobotsPattern(Array("/".utf8))!)])]
        robots.globalGroups = [0]
        return robots
    }()

    /// The policy implied by the HTTP status of a robots.txt fetch, or nil when the body must be
    /// parsed (2xx). Status 0 means the fetch failed (the snapshot manifest's convention).
    ///
    /// - 2xx: nil, parse the body.
    /// - 429: `disallowAll`. It is a 4xx code, for which RFC 9309 2.3.1.3 only says a crawler *MAY*
    ///   fetch anything; a server asking us to slow down is not telling us it has no rules.
    /// - other 4xx: `allowAll` (2.3.1.3), including 401 and 403.
    /// - 3xx: `allowAll`. The fetcher follows redirects; a 3xx that reaches here means it gave up
    ///   after five hops, which 2.3.1.2 lets a crawler treat as unavailable.
    /// - 5xx, 0 and anything else: `disallowAll` (2.3.1.4).
    public static func policy(forStatus status: Int) -> RobotsTxt? {
        switch status {
        case 200..<300: nil
        case 429: disallowAll
        case 300..<500: allowAll
        default: disallowAll
        }
    }

    /// Whether `userAgent` may fetch `pathAndQuery` (`/a/b?x=1`).
    ///
    /// `userAgent` is our product token (`pageaudit`); a full User-Agent value
    /// (`pageaudit/1.0 (+https://…)`) is cut to its leading token. A fragment is ignored, a
    /// missing leading `/` is supplied, and a whole `https://host/path` address is reduced to its
    /// path and query, so a caller passing the wrong form is still answered for the right path.
    public func isAllowed(_ pathAndQuery: String, userAgent: String) -> Bool {
        let path = RobotsTxtParser.requestPath(pathAndQuery)
        if RobotsTxtParser.isRobotsTxt(path) { return true }
        var best: (length: Int, allows: Bool)?
        for index in groupIndices(for: userAgent) {
            for rule in groups[index].rules {
                let length = rule.pattern.length
                if let best, length < best.length || (length == best.length && (best.allows || !rule.allows)) {
                    continue  // it could not change the answer
                }
                if rule.pattern.matches(path) { best = (length, rule.allows) }
            }
        }
        return best?.allows ?? true
    }

    /// The non-standard `Crawl-delay` (seconds) of the groups that apply to `userAgent`, or nil.
    /// When the merged groups give several values, the largest is returned. The value is not
    /// capped here: the crawler decides how long it is willing to wait.
    public func crawlDelay(userAgent: String) -> Double? {
        groupIndices(for: userAgent).compactMap { groups[$0].crawlDelay }.max()
    }

    /// The groups that apply to `userAgent`: those naming its product token, else the `*` ones.
    func groupIndices(for userAgent: String) -> [Int] {
        if let token = RobotsTxtParser.productToken(Array(userAgent.utf8)[...]), let named = groupsByAgent[token] {
            return named
        }
        return globalGroups
    }
}
