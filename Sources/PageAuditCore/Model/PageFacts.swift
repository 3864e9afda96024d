import Foundation

/// A post on an official page, as far as the source shows it.
public struct PagePost: Sendable, Codable, Equatable {
    public var date: Date
    /// Pinned posts stay on top for months: they are not evidence of recent activity.
    public var isPinned: Bool?
    public var isRepost: Bool?
    public var commentsOpen: Bool?
    public var url: String?

    public init(date: Date, isPinned: Bool? = nil, isRepost: Bool? = nil, commentsOpen: Bool? = nil, url: String? = nil) {
        self.date = date
        self.isPinned = isPinned
        self.isRepost = isRepost
        self.commentsOpen = commentsOpen
        self.url = url
    }
}

/// What an official page turned out to be when read.
public enum PageExistence: String, Sendable, Codable {
    /// An existing community (group, public page, channel) anyone can read.
    case community
    /// The address belongs to a person, not an organisation.
    case personalProfile
    /// Deleted by its owner, or the address names nothing.
    case deleted
    /// Blocked by the platform.
    case banned
    /// Exists but is closed or private: the public cannot read it.
    case closed
}

/// Everything read from one official page. Every fact the source cannot tell is nil: an unknown
/// is never a "no", so a rule resting on it is `unverifiable`, not `fail`.
public struct PageFacts: Sendable, Codable {
    /// Which reader produced the facts; the VK API is more complete than VK's public HTML.
    public enum Source: String, Sendable, Codable { case vkAPI, vkHTML, okHTML, telegramPreview, maxHTML }

    public var identity: PageIdentity
    public var source: Source
    public var address: String
    public var capturedAt: Date
    /// `sha256:` of the main capture the facts rest on.
    public var digest: String?
    public var existence: PageExistence
    /// Other identities of the same page (`vk.com/club123` and `vk.com/adm_city`), when the source
    /// tells both, so the registry and the site can be matched whichever form each uses.
    public var aliases: [PageIdentity]?

    public var name: String?
    public var description: String?
    /// The «Госорганизация» mark; nil when the source does not expose it.
    public var governmentMark: Bool?
    public var emails: [String]?
    public var phones: [String]?
    public var postalAddress: String?
    /// Websites the page links to (its `site` field, description and contacts links).
    public var websites: [String]?
    /// Whether the public can comment on the page (the wall, or the channel's discussion).
    public var commentsOpen: Bool?
    /// Recent posts, newest first; nil when the source shows none at all.
    public var posts: [PagePost]?
    /// How many of the two ПОС widgets («Сообщить о проблеме», «Высказать мнение») the page shows.
    public var posWidgets: Int?
    public var hasAvatar: Bool?
    public var hasCover: Bool?
    /// Whether an address is set in the page settings (shown on the map).
    public var addressOnMap: Bool?
    public var subscribers: Int?

    public init(identity: PageIdentity, source: Source, address: String, capturedAt: Date, digest: String?, existence: PageExistence) {
        self.identity = identity
        self.source = source
        self.address = address
        self.capturedAt = capturedAt
        self.digest = digest
        self.existence = existence
    }
}

/// One official page of an agency: read, or not, and why.
public enum PageObservation: Sendable, Codable {
    case read(PageFacts)
    case unreadable(PageIdentity, CaptureFailure)

    public var identity: PageIdentity {
        switch self {
        case .read(let facts): facts.identity
        case .unreadable(let identity, _): identity
        }
    }

    public var facts: PageFacts? {
        if case .read(let facts) = self { return facts }
        return nil
    }
}
