import Foundation

/// Where on a page something was found: officers are asked "where on the site is the link?".
public enum PageRegion: String, Sendable, Codable {
    case header, nav, footer, body
}

/// A link from a website to a page on a social network, as found.
public struct PlatformLink: Sendable, Codable, Equatable {
    public var platform: Platform
    public var kind: LinkTargetKind
    public var identity: PageIdentity?
    /// The absolute address the link points to, as people read it.
    public var href: String
    /// What a reader sees: link text, else `title`, `aria-label`, or the `alt` of an icon.
    public var label: String?
    /// For an icon-only link, what identifies the icon (`fa-vk`, `Odnoklassniki-16x16.png`).
    public var icon: String?
    public var region: PageRegion
    /// The page the link is on.
    public var foundOn: String

    /// Whether the link can name an official page: a community, or a name that may be one.
    public var canBeOfficialPage: Bool { kind == .community || kind == .namedPage }
}

/// Evidence that the ПОС widget «Решаем вместе» is embedded.
public struct PosWidgetSighting: Sendable, Codable, Equatable {
    public enum Form: String, Sendable, Codable { case script, iframe, inlineScript, link }
    public var form: Form
    public var excerpt: String
}

/// Everything read from one captured page of a website.
public struct SitePageFacts: Sendable, Codable {
    public enum Role: String, Sendable, Codable { case home, contacts }

    public var address: WebAddress
    public var role: Role
    public var capturedAt: Date
    public var status: Int
    /// `sha256:…` of the bytes as captured, so the evidence can be checked later.
    public var digest: String
    public var charset: String
    public var title: String?
    public var platformLinks: [PlatformLink]
    public var emails: [FoundEmail]
    public var phones: [FoundPhone]
    public var postalAddresses: [FoundPostalAddress]
    public var posWidget: [PosWidgetSighting]
}

/// A page we meant to read but could not.
public struct UnreadPage: Sendable, Codable {
    public var address: WebAddress
    public var role: SitePageFacts.Role
    public var failure: CaptureFailure
}

/// What we know of an agency's website after reading its home page and contact pages.
public struct SiteFacts: Sendable, Codable {
    public var website: WebAddress
    /// Pages read, the home page first.
    public var pages: [SitePageFacts]
    public var unread: [UnreadPage]

    public var home: SitePageFacts { pages[0] }
    public var platformLinks: [PlatformLink] { pages.flatMap(\.platformLinks) }

    /// The distinct pages the site links to that can be official pages, in the order found.
    public var listedPages: [PageIdentity] {
        var seen = Set<PageIdentity>()
        return platformLinks.filter { $0.canBeOfficialPage && $0.platform.isOfficialPagePlatform }
            .compactMap(\.identity).filter { seen.insert($0).inserted }
    }
}

/// The three states of a website: we were not told of one, we could not read it, or we did.
public enum SiteObservation: Sendable, Codable {
    case notDeclared
    case unreadable(CaptureFailure)
    case read(SiteFacts)

    public var facts: SiteFacts? {
        if case .read(let facts) = self { return facts }
        return nil
    }
}
