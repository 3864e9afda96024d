import Foundation

/// Reads robots.txt bytes into a `RobotsTxt`, and puts patterns and request paths into the one
/// form they are compared in. Works on bytes throughout, so no input can fail to decode.
enum RobotsTxtParser {
    /// RFC 9309 2.5: at least 500 KiB must be parsed; nothing beyond is.
    static let parsingLimit = 500 * 1024

    private static let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09
    private static let colon = UInt8(ascii: ":"), hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*"), dollar = UInt8(ascii: "$"), percent = UInt8(ascii: "%")
    private static let question = UInt8(ascii: "?")

    private enum Record { case userAgent, allow, disallow, crawlDelay, sitemap }

    static func parse(_ data: Data) -> RobotsTxt {
        var bytes = [UInt8](data.prefix(parsingLimit))
        if data.count > parsingLimit {
            let next = data[data.index(data.startIndex, offsetBy: parsingLimit)]
            if next != lf && next != cr {
                // The limit cuts a line: drop its first half rather than read a shortened rule.
                let lastBreak = bytes.lastIndex { $0 == lf || $0 == cr }
                bytes.removeSubrange((lastBreak.map { $0 + 1 } ?? 0)...)
            }
        }
        // A UTF-8 byte-order mark, whole or (as Google's parser allows) cut short.
        for bom in [[0xEF, 0xBB, 0xBF], [0xEF, 0xBB], [0xEF]] as [[UInt8]] where bytes.starts(with: bom) {
            bytes.removeFirst(bom.count)
            break
        }

        var robots = RobotsTxt()
        var current: Int?            // the group rules are added to
        var inAgentRun = false       // true after a user-agent line, until an allow/disallow line
        var seenSitemaps = Set<String>()

        func handle(_ line: ArraySlice<UInt8>) {
            guard let (key, value) = splitRecord(line), let record = record(named: key) else { return }
            switch record {
            case .userAgent:
                if current == nil || !inAgentRun {
                    robots.groups.append(RobotsTxt.Group())
                    current = robots.groups.count - 1
                    inAgentRun = true
                }
                guard let index = current else { return }
                if value.first == star && (value.count == 1 || isWhitespace(value[value.startIndex + 1])) {
                    if robots.globalGroups.last != index { robots.globalGroups.append(index) }
                } else if let token = productToken(value), robots.groupsByAgent[token]?.last != index {
                    robots.groupsByAgent[token, default: []].append(index)
                }
            case .allow, .disallow:
                guard let index = current else { return }  // a rule before any user-agent line
                inAgentRun = false  // even an empty or unusable rule ends the run of user-agent lines
                if let pattern = RobotsPattern(value) {
                    robots.groups[index].rules.append(RobotsTxt.Rule(allows: record == .allow, pattern: pattern))
                }
            case .crawlDelay:
                guard let index = current, let delay = crawlDelay(value) else { return }
                robots.groups[index].crawlDelay = max(robots.groups[index].crawlDelay ?? 0, delay)
            case .sitemap:
                let location = String(decoding: value, as: UTF8.self)
                if !location.isEmpty, seenSitemaps.insert(location).inserted { robots.sitemaps.append(location) }
            }
        }

        var lineStart = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == lf || byte == cr {
                handle(bytes[lineStart..<index])
                index += (byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf) ? 2 : 1
                lineStart = index
            } else {
                index += 1
            }
        }
        if lineStart < bytes.count { handle(bytes[lineStart...]) }
        return robots
    }

    /// Splits `name: value`, dropping a `#` comment and the spaces and tabs around both parts.
    /// Like Google's parser, it also accepts a missing colon when the line is exactly two words
    /// (`Disallow /private`): what the author meant is plain.
    private static func splitRecord(_ line: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        var content = line
        if let comment = content.firstIndex(of: hash) { content = content[..<comment] }
        content = trimmed(content)
        guard !content.isEmpty else { return nil }
        if let separator = content.firstIndex(of: colon) {
            return (trimmed(content[..<separator]), trimmed(content[(separator + 1)...]))
        }
        guard let gap = content.firstIndex(where: isWhitespace) else { return nil }
        let value = trimmed(content[gap...])
        return value.contains(where: isWhitespace) ? nil : (content[..<gap], value)
    }

    private static let recordNames: [(name: [UInt8], record: Record)] = [
        (Array("user-agent".utf8), .userAgent), (Array("allow".utf8), .allow), (Array("disallow".utf8), .disallow),
        (Array("crawl-delay".utf8), .crawlDelay), (Array("sitemap".utf8), .sitemap),
    ]

    /// The record a name stands for, compared case-insensitively in ASCII.
    private static func record(named key: ArraySlice<UInt8>) -> Record? {
        recordNames.first { $0.name.count == key.count && zip($0.name, key).allSatisfy { $0 == asciiLowercased($1) } }?.record
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// The leading product token (`-`, `_`, ASCII letters; RFC 9309 2.2.1), lowercased:
    /// `Googlebot/2.1` and `Foo Bar` give `googlebot` and `foo`. Nil when there is none.
    static func productToken(_ value: ArraySlice<UInt8>) -> String? {
        let token = value.prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0x2D || $0 == 0x5F }
        return token.isEmpty ? nil : String(decoding: token, as: UTF8.self).lowercased()
    }

    /// A non-negative decimal number of seconds (`10`, `0.5`, also `0,5`). Anything else
    /// (`-1`, `inf`, `0x10`, `10s`) is ignored.
    private static func crawlDelay(_ value: ArraySlice<UInt8>) -> Double? {
        guard !value.isEmpty, value.count <= 32 else { return nil }
        let text = String(decoding: value, as: UTF8.self).replacingOccurrences(of: ",", with: ".")
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), text.filter({ $0 == "." }).count <= 1,
              text.contains(where: \.isNumber), let delay = Double(text), delay.isFinite
        else { return nil }
        return delay
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
              let last = bytes.lastIndex(where: { !isWhitespace($0) }) else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }

    // MARK: - The compared form

    /// The path and query of a request, in the form patterns are compared with: a fragment
    /// dropped, a leading `/` supplied, a `scheme://authority` prefix removed, then `normalise`d.
    static func requestPath(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)[...]
        if bytes.first != slash, let authority = authorityStart(bytes) {
            bytes = bytes[(bytes[authority...].firstIndex { $0 == slash || $0 == question || $0 == hash } ?? bytes.endIndex)...]
        }
        if let fragment = bytes.firstIndex(of: hash) { bytes = bytes[..<fragment] }
        return normalise(bytes.first == slash ? Array(bytes) : [slash] + bytes)
    }

    /// Where the authority starts when `bytes` begins with `scheme://`.
    private static func authorityStart(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let schemeEnd = bytes.firstIndex(of: colon), schemeEnd > bytes.startIndex,
              bytes[bytes.startIndex..<schemeEnd].allSatisfy({ isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }),
              bytes[(schemeEnd + 1)...].starts(with: [slash, slash]) else { return nil }
        return schemeEnd + 3
    }

    static func isRobotsTxt(_ path: [UInt8]) -> Bool {
        path.prefix { $0 != question }.elementsEqual("/robots.txt".utf8)
    }

    /// Puts a pattern piece or a request path into one percent-encoded form, so that both sides
    /// of a comparison agree (RFC 9309 2.2.2, 2.2.3):
    /// - `%xx` of an unreserved character (`A-Z a-z 0-9 - . _ ~`) is decoded; any other `%xx` is
    ///   kept, with upper-case hex digits; a `%` not followed by two hex digits becomes `%25`;
    /// - octets outside ASCII, controls, space and characters neither reserved nor unreserved in
    ///   RFC 3986 (`"`, `<`, `|`, …) are encoded;
    /// - a literal `*` or `$` is encoded (`%2A`, `%24`), so a pattern written `%2A` matches a URI
    ///   with `*`, as 2.2.3 says. In a pattern the special `*` and final `$` never reach here;
    /// - other reserved characters (`/ ? = & : @ …`) are compared as written, neither encoded nor
    ///   decoded: whether `:` or `/` in a query is data or a delimiter cannot be known, so `/a%2Fb`
    ///   and `/a/b` stay different addresses.
    static func normalise<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] where Bytes.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == percent {
                if index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    let decoded = high << 4 | low
                    if isUnreserved(decoded) { out.append(decoded) } else { appendEncoded(decoded, to: &out) }
                    index += 3
                    continue
                }
                appendEncoded(percent, to: &out)
            } else if isUnreserved(byte) || (isReserved(byte) && byte != star && byte != dollar) {
                out.append(byte)
            } else {
                appendEncoded(byte, to: &out)
            }
            index += 1
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendEncoded(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(percent)
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }

    /// RFC 3986 gen-delims and sub-delims.
    private static func isReserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            true
        default:
            false
        }
    }
}

/// An `allow`/`disallow` pattern: literal pieces separated by `*`, maybe anchored by a final `$`.
struct RobotsPattern: Sendable, Equatable {
    /// The normalised literal pieces between the `*`s; the first is empty when the pattern starts
    /// with `*`.
    let pieces: [[UInt8]]
    let anchoredAtEnd: Bool
    /// Octets in the normalised pattern, `*` and `$` included: the "most octets" of RFC 9309 2.2.2.
    let length: Int

    /// Nil for an empty value and for one that starts with neither `/` nor `*`: it can match no
    /// path (RFC 9309's path-pattern starts with `/`; `*` is accepted as every crawler does).
    init?(_ value: ArraySlice<UInt8>) {
        guard let first = value.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "*") else { return nil }
        var body = value
        anchoredAtEnd = body.last == UInt8(ascii: "$")
        if anchoredAtEnd { body = body.dropLast() }
        pieces = body.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map { RobotsTxtParser.normalise($0) }
        length = pieces.reduce(pieces.count - 1 + (anchoredAtEnd ? 1 : 0)) { $0 + $1.count }
    }

    init?(_ value: [UInt8]) { self.init(value[...]) }

    /// Whether the pattern matches `path` from its first octet (RFC 9309 2.2.2). Greedy and
    /// non-backtracking: with only `*` as a wildcard, taking each piece at its earliest occurrence
    /// after the previous one is enough, and a final anchored piece must end the path.
    func matches(_ path: [UInt8]) -> Bool {
        guard path.starts(with: pieces[0]) else { return false }
        if pieces.count == 1 { return !anchoredAtEnd || path.count == pieces[0].count }
        var position = pieces[0].count
        for piece in pieces[1..<(pieces.count - 1)] {
            guard let found = Self.firstIndex(of: piece, in: path, from: position) else { return false }
            position = found + piece.count
        }
        let last = pieces[pieces.count - 1]
        if anchoredAtEnd { return path.count - last.count >= position && path[(path.count - last.count)...].elementsEqual(last) }
        return Self.firstIndex(of: last, in: path, from: position) != nil
    }

    /// Knuth–Morris–Pratt search: linear in `haystack.count - start + needle.count`.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        if needle.isEmpty { return start }
        guard haystack.count - start >= needle.count else { return nil }
        var failure = [Int](repeating: 0, count: needle.count)
        var matched = 0
        for index in 1..<needle.count {
            while matched > 0 && needle[index] != needle[matched] { matched = failure[matched - 1] }
            if needle[index] == needle[matched] { matched += 1 }
            failure[index] = matched
        }
        matched = 0
        for index in start..<haystack.count {
            while matched > 0 && haystack[index] != needle[matched] { matched = failure[matched - 1] }
            if haystack[index] == needle[matched] { matched += 1 }
            if matched == needle.count { return index - needle.count + 1 }
        }
        return nil
    }
}
