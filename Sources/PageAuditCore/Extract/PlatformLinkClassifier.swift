/// Recognises addresses on social networks and reduces them to a canonical page identity.
///
/// Hosts are matched exactly after IDN conversion, so look-alikes (`vк.com` with a Cyrillic `к`,
/// `vk.com.evil.ru`, `vk.co`) are never taken for VK.
public enum PlatformLinkClassifier {
    public struct Target: Sendable, Equatable, Codable {
        public var platform: Platform
        public var kind: LinkTargetKind
        public var identity: PageIdentity?
    }

    public static func classify(_ address: WebAddress) -> Target? {
        let host = address.host
        // Most links lead elsewhere: split the path only for a platform's host.
        lazy var segments = address.url.path.split(separator: "/").map { String($0).lowercased() }
        lazy var query = address.url.query ?? ""
        switch host {
        case "vk.com", "www.vk.com", "m.vk.com", "new.vk.com", "vk.ru", "www.vk.ru", "m.vk.ru",
             "vkontakte.ru", "www.vkontakte.ru", "m.vkontakte.ru":
            return vk(segments)
        case "ok.ru", "www.ok.ru", "m.ok.ru", "odnoklassniki.ru", "www.odnoklassniki.ru", "m.odnoklassniki.ru":
            return ok(segments, query: query)
        case "t.me", "www.t.me", "telegram.me", "www.telegram.me", "telegram.dog":
            return telegram(segments)
        case "max.ru", "www.max.ru", "web.max.ru":
            return named(.max, host: "max.ru", segments)
        case "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be":
            return named(.youtube, host: "youtube.com", segments, depth: segments.first == "c" || segments.first == "channel" || segments.first == "user" ? 2 : 1)
        case "rutube.ru", "www.rutube.ru":
            return named(.rutube, host: "rutube.ru", segments, depth: segments.first == "channel" ? 2 : 1)
        case "dzen.ru", "www.dzen.ru", "zen.yandex.ru":
            return named(.dzen, host: "dzen.ru", segments, depth: segments.first == "id" ? 2 : 1)
        default:
            return nil
        }
    }

    /// VK names that are sections of the site, not pages of anyone.
    static let vkServicePaths: Set<String> = [
        "share.php", "away.php", "login", "join", "feed", "search", "im", "settings", "dev", "apps",
        "js", "images", "css", "doc", "docs", "music", "audio", "video", "videos", "friends", "groups",
        "about", "support", "terms", "privacy", "blog", "legal", "help", "services", "widget_community.php",
        "widget_comments.php", "widget_like.php", "widget_post.php", "login.php", "reg", "restore", "mobile",
    ]

    private static func vk(_ segments: [String]) -> Target {
        guard let first = segments.first, !vkServicePaths.contains(first), !first.hasPrefix("widget_") else {
            return Target(platform: .vk, kind: .service, identity: nil)
        }
        func club(_ number: Substring) -> PageIdentity { PageIdentity(platform: .vk, key: "vk.com/club\(number)") }
        for prefix in ["club", "public", "event"] where first.hasPrefix(prefix) {
            let number = first.dropFirst(prefix.count)
            if !number.isEmpty, number.allSatisfy(\.isASCIIDigit) { return Target(platform: .vk, kind: .community, identity: club(number)) }
        }
        if first.hasPrefix("id"), first.count > 2, first.dropFirst(2).allSatisfy(\.isASCIIDigit) {
            return Target(platform: .vk, kind: .personalProfile, identity: PageIdentity(platform: .vk, key: "vk.com/\(first)"))
        }
        // wall-123_45, photo-123_45, video-123_45, topic-123_45, album-123_45: content of club123.
        for prefix in ["wall", "photo", "video", "topic", "album", "board", "market", "page", "clip", "podcast"] where first.hasPrefix(prefix) {
            let owner = first.dropFirst(prefix.count).prefix(while: { $0 != "_" })
            if owner.hasPrefix("-"), owner.count > 1, owner.dropFirst().allSatisfy(\.isASCIIDigit) {
                return Target(platform: .vk, kind: .content, identity: club(owner.dropFirst()))
            }
            if !owner.isEmpty, owner.allSatisfy(\.isASCIIDigit) {
                return Target(platform: .vk, kind: .content, identity: PageIdentity(platform: .vk, key: "vk.com/id\(owner)"))
            }
        }
        if first.hasPrefix("@") || first.hasPrefix("app") && first.dropFirst(3).allSatisfy(\.isASCIIDigit) {
            return Target(platform: .vk, kind: first.hasPrefix("@") ? .content : .service, identity: nil)
        }
        guard isScreenName(first) else { return Target(platform: .vk, kind: .service, identity: nil) }
        return Target(platform: .vk, kind: .namedPage, identity: PageIdentity(platform: .vk, key: "vk.com/\(first)"))
    }

    private static func ok(_ segments: [String], query: String) -> Target {
        func group(_ number: String) -> Target {
            Target(platform: .ok, kind: .community, identity: PageIdentity(platform: .ok, key: "ok.ru/group/\(number)"))
        }
        guard let first = segments.first else { return Target(platform: .ok, kind: .service, identity: nil) }
        if first == "group", segments.count > 1, segments[1].allSatisfy(\.isASCIIDigit) { return group(segments[1]) }
        if first.hasPrefix("group"), first.count > 5, first.dropFirst(5).allSatisfy(\.isASCIIDigit) { return group(String(first.dropFirst(5))) }
        if first == "profile", segments.count > 1 {
            return Target(platform: .ok, kind: .personalProfile, identity: PageIdentity(platform: .ok, key: "ok.ru/profile/\(segments[1])"))
        }
        if first == "dk" {
            // Old-style addresses: /dk?st.cmd=altGroupMain&st.groupId=123
            let groupID = query.split(separator: "&").first { $0.lowercased().hasPrefix("st.groupid=") }?.split(separator: "=").last
            if let groupID, groupID.allSatisfy(\.isASCIIDigit) { return group(String(groupID)) }
            return Target(platform: .ok, kind: .service, identity: nil)
        }
        let service: Set<String> = ["share", "video", "music", "games", "app", "apps", "feed", "search", "messages", "settings", "help", "live", "market"]
        guard !service.contains(first), isScreenName(first) else { return Target(platform: .ok, kind: .service, identity: nil) }
        let identity = PageIdentity(platform: .ok, key: "ok.ru/\(first)")
        return Target(platform: .ok, kind: segments.count > 1 ? .content : .namedPage, identity: identity)
    }

    private static func telegram(_ segments: [String]) -> Target {
        var path = segments
        if path.first == "s" { path.removeFirst() }  // t.me/s/name is the public preview of t.me/name
        guard let first = path.first else { return Target(platform: .telegram, kind: .service, identity: nil) }
        if first == "joinchat" || first.hasPrefix("+") {
            return Target(platform: .telegram, kind: .namedPage, identity: PageIdentity(platform: .telegram, key: "t.me/" + path.prefix(2).joined(separator: "/")))
        }
        guard first != "share", first != "iv", isScreenName(first) else { return Target(platform: .telegram, kind: .service, identity: nil) }
        let identity = PageIdentity(platform: .telegram, key: "t.me/\(first)")
        if first.hasSuffix("bot") { return Target(platform: .telegram, kind: .service, identity: identity) }
        return Target(platform: .telegram, kind: path.count > 1 ? .content : .namedPage, identity: identity)
    }

    private static func named(_ platform: Platform, host: String, _ segments: [String], depth: Int = 1) -> Target {
        guard segments.count >= depth else { return Target(platform: platform, kind: .service, identity: nil) }
        let key = ([host] + segments.prefix(depth)).joined(separator: "/")
        return Target(platform: platform, kind: segments.count > depth ? .content : .namedPage, identity: PageIdentity(platform: platform, key: key))
    }

    /// Screen names on these networks are ASCII letters, digits, `_` and `.`.
    private static func isScreenName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
