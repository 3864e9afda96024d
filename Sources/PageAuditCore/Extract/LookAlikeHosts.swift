/// Recognises hosts dressed up as a platform's: Cyrillic letters that look Latin (`vк.com`), the
/// platform's name used as a subdomain of another site (`vk.com.example.ru`), or a near miss of the
/// domain (`vk.co`, `vkontakte.com`). Such a link is never an official page.
enum LookAlikeHosts {
    /// Cyrillic and Greek letters that render like Latin ones.
    static let confusables: [Character: Character] = [
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
        "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ο": "o", "κ": "k", "ν": "v", "τ": "t",
    ]

    static let platformHosts: [String: Platform] = [
        "vk.com": .vk, "vk.ru": .vk, "vkontakte.ru": .vk, "ok.ru": .ok, "odnoklassniki.ru": .ok,
        "t.me": .telegram, "telegram.me": .telegram, "max.ru": .max,
    ]

    /// Misspellings seen in phishing of Russian social networks.
    static let nearMisses: [String: Platform] = [
        "vk.co": .vk, "vk.cc.ru": .vk, "vkontakte.com": .vk, "vk-com.ru": .vk, "vkontakte.su": .vk,
        "ok.ry": .ok, "ok-ru.com": .ok, "odnoklassniki.com": .ok, "t-me.ru": .telegram,
    ]

    /// The platform a host imitates, or nil when it imitates none (or is the real one).
    static func imitated(by address: WebAddress) -> Platform? {
        let display = address.displayHost.lowercased()
        var host = display
        for prefix in ["www.", "m."] where host.hasPrefix(prefix) { host = String(host.dropFirst(prefix.count)) }
        if let platform = nearMisses[host] { return platform }
        // No confusable is ASCII, and nearly every host is.
        let skeleton = host.utf8.allSatisfy { $0 < 0x80 } ? host : String(host.map { confusables[$0] ?? $0 })
        if skeleton != host, let platform = platformHosts[skeleton] { return platform }
        for (real, platform) in platformSubdomainPrefixes where host.hasPrefix(real) || skeleton.hasPrefix(real) {
            return platform
        }
        return nil
    }

    /// `vk.com.` and the like: a platform's host used as the start of another one. No host can
    /// start with two of them, so their order does not matter.
    private static let platformSubdomainPrefixes = platformHosts.map { ($0.key + ".", $0.value) }
}
