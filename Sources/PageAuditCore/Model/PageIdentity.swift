/// The canonical identity of a page on a network, so that `vk.com/club123`, `vk.com/public123`
/// and `https://m.vk.com/club123/` compare equal, and registry, site and page agree on names.
public struct PageIdentity: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var platform: Platform
    /// Host-qualified, lowercase path: `vk.com/club123`, `ok.ru/group/5`, `t.me/name`, `max.ru/name`.
    public var key: String

    public init(platform: Platform, key: String) {
        self.platform = platform
        self.key = key
    }

    /// The address people open: `https://` + key.
    public var address: WebAddress { WebAddress("https://" + key)! }

    public var description: String { key }

    public static func < (lhs: PageIdentity, rhs: PageIdentity) -> Bool { lhs.key < rhs.key }
}

/// What a link to a network points at. Only communities (and names that may be communities)
/// can be official pages; a personal profile never is, whatever the link says.
public enum LinkTargetKind: String, Sendable, Codable {
    /// A community by number (`club123`, `group/5`): certainly a community, existence unknown.
    case community
    /// A short name (`vk.com/adm_city`, `t.me/name`): a community or a person, known only once read.
    case namedPage
    /// A personal profile (`vk.com/id123`, `ok.ru/profile/5`).
    case personalProfile
    /// A post, photo or video of some page; identity names its owner when known.
    case content
    /// Sharing buttons, widgets, login and other service addresses: not a page at all.
    case service
    /// A host made to look like the platform's (`vк.com` with a Cyrillic «к», `vk.com.example.ru`):
    /// never an official page, and worth an officer's attention.
    case lookAlike
}
