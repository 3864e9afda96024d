/// The fixed set of things the engine knows how to check, each with its typed parameters.
/// A checklist composes and parameterises these; it cannot add new kinds.
public enum Check: Sendable, Equatable {
    case siteExists
    case siteEmail
    case siteContacts(require: [ContactItem])
    case siteLinksToPages(platforms: [Platform])
    case siteLinkedPagesValid(platforms: [Platform])
    case sitePosWidget
    case pageExists(platforms: [Platform])
    case pageContacts(require: [ContactItem])
    case pageLinksSite
    case pageDescription(minLength: Int)
    case pageGovMark
    case pagePosWidgets(minWidgets: Int)
    case pagePostingCadence(minPosts: Int, windowDays: Int, lookbackDays: Int)
    case pageFreshness(maxAgeDays: Int)
    case pageCommentsOpen
    case pageAddressMap
    case pageDesign(require: [DesignElement])
    case crossMutualLinks(platforms: [Platform])
    case crossRegistryMatchesSite
    case crossPageUnique

    public enum ContactItem: String, Sendable, Codable, CaseIterable { case name, address, email, phone }
    public enum DesignElement: String, Sendable, Codable, CaseIterable { case avatar, cover }

    public var kind: CheckKind {
        switch self {
        case .siteExists: .siteExists
        case .siteEmail: .siteEmail
        case .siteContacts: .siteContacts
        case .siteLinksToPages: .siteLinksToPages
        case .siteLinkedPagesValid: .siteLinkedPagesValid
        case .sitePosWidget: .sitePosWidget
        case .pageExists: .pageExists
        case .pageContacts: .pageContacts
        case .pageLinksSite: .pageLinksSite
        case .pageDescription: .pageDescription
        case .pageGovMark: .pageGovMark
        case .pagePosWidgets: .pagePosWidgets
        case .pagePostingCadence: .pagePostingCadence
        case .pageFreshness: .pageFreshness
        case .pageCommentsOpen: .pageCommentsOpen
        case .pageAddressMap: .pageAddressMap
        case .pageDesign: .pageDesign
        case .crossMutualLinks: .crossMutualLinks
        case .crossRegistryMatchesSite: .crossRegistryMatchesSite
        case .crossPageUnique: .crossPageUnique
        }
    }

    /// Parameters for reports and JSON: name → value as text.
    public var parameters: [String: String] {
        switch self {
        case .siteContacts(let items), .pageContacts(let items): ["require": items.map(\.rawValue).joined(separator: ",")]
        case .siteLinksToPages(let platforms), .siteLinkedPagesValid(let platforms), .pageExists(let platforms), .crossMutualLinks(let platforms):
            ["platforms": platforms.map(\.rawValue).joined(separator: ",")]
        case .pageDescription(let minLength): ["minLength": String(minLength)]
        case .pagePosWidgets(let minWidgets): ["minWidgets": String(minWidgets)]
        case .pagePostingCadence(let minPosts, let windowDays, let lookbackDays):
            ["minPosts": String(minPosts), "windowDays": String(windowDays), "lookbackDays": String(lookbackDays)]
        case .pageFreshness(let maxAgeDays): ["maxAgeDays": String(maxAgeDays)]
        case .pageDesign(let items): ["require": items.map(\.rawValue).joined(separator: ",")]
        default: [:]
        }
    }
}

extension Check: Codable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(parameters, forKey: .params)
    }

    /// Reads back what `encode(to:)` wrote (a journal's header carries its checklist). Checklist
    /// files are read by ChecklistLoader, which says where a mistake is; this only inverts `parameters`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kindName = try container.decode(String.self, forKey: .kind)
        let params = try container.decode([String: String].self, forKey: .params)
        func fail(_ what: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "check \(kindName): \(what)"))
        }
        func list<T: RawRepresentable>(_ name: String) throws -> [T] where T.RawValue == String {
            try (params[name] ?? "").split(separator: ",").map { guard let value = T(rawValue: String($0)) else { throw fail("\(name) \($0)") }; return value }
        }
        func number(_ name: String) throws -> Int {
            guard let value = params[name].flatMap({ Int($0) }) else { throw fail("\(name) is not a number") }
            return value
        }
        guard let kind = CheckKind(rawValue: kindName) else { throw fail("unknown kind") }
        switch kind {
        case .siteExists: self = .siteExists
        case .siteEmail: self = .siteEmail
        case .siteContacts: self = .siteContacts(require: try list("require"))
        case .siteLinksToPages: self = .siteLinksToPages(platforms: try list("platforms"))
        case .siteLinkedPagesValid: self = .siteLinkedPagesValid(platforms: try list("platforms"))
        case .sitePosWidget: self = .sitePosWidget
        case .pageExists: self = .pageExists(platforms: try list("platforms"))
        case .pageContacts: self = .pageContacts(require: try list("require"))
        case .pageLinksSite: self = .pageLinksSite
        case .pageDescription: self = .pageDescription(minLength: try number("minLength"))
        case .pageGovMark: self = .pageGovMark
        case .pagePosWidgets: self = .pagePosWidgets(minWidgets: try number("minWidgets"))
        case .pagePostingCadence:
            self = .pagePostingCadence(minPosts: try number("minPosts"), windowDays: try number("windowDays"), lookbackDays: try number("lookbackDays"))
        case .pageFreshness: self = .pageFreshness(maxAgeDays: try number("maxAgeDays"))
        case .pageCommentsOpen: self = .pageCommentsOpen
        case .pageAddressMap: self = .pageAddressMap
        case .pageDesign: self = .pageDesign(require: try list("require"))
        case .crossMutualLinks: self = .crossMutualLinks(platforms: try list("platforms"))
        case .crossRegistryMatchesSite: self = .crossRegistryMatchesSite
        case .crossPageUnique: self = .crossPageUnique
        }
    }

    enum CodingKeys: String, CodingKey { case kind, params }
}

/// The names of the check kinds as a checklist writes them, and how each reads its parameters.
public enum CheckKind: String, Sendable, CaseIterable {
    case siteExists = "site.exists"
    case siteEmail = "site.email"
    case siteContacts = "site.contacts"
    case siteLinksToPages = "site.links-to-pages"
    case siteLinkedPagesValid = "site.linked-pages-valid"
    case sitePosWidget = "site.pos-widget"
    case pageExists = "page.exists"
    case pageContacts = "page.contacts"
    case pageLinksSite = "page.links-site"
    case pageDescription = "page.description"
    case pageGovMark = "page.govmark"
    case pagePosWidgets = "page.pos-widgets"
    case pagePostingCadence = "page.posting-cadence"
    case pageFreshness = "page.freshness"
    case pageCommentsOpen = "page.comments-open"
    case pageAddressMap = "page.address-map"
    case pageDesign = "page.design"
    case crossMutualLinks = "cross.mutual-links"
    case crossRegistryMatchesSite = "cross.registry-matches-site"
    case crossPageUnique = "cross.page-unique"

    /// What the check looks at: the website, the official pages, or the two (and the registry) together.
    public enum Subject { case site, page, cross }

    public var subject: Subject {
        rawValue.hasPrefix("site.") ? .site : rawValue.hasPrefix("page.") ? .page : .cross
    }

    var parameterNames: [String] {
        switch self {
        case .siteContacts, .pageContacts, .pageDesign: ["require"]
        case .siteLinksToPages, .siteLinkedPagesValid, .pageExists, .crossMutualLinks: ["platforms"]
        case .pageDescription: ["minLength"]
        case .pagePosWidgets: ["minWidgets"]
        case .pagePostingCadence: ["minPosts", "windowDays", "lookbackDays"]
        case .pageFreshness: ["maxAgeDays"]
        default: []
        }
    }

    /// Builds the check from its parameters, with defaults for those not given.
    func check(params: [String: JSONField], at location: SourceLocation) throws(JSONInputError) -> Check {
        func int(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) throws(JSONInputError) -> Int {
            try params[name]?.int(in: range) ?? fallback
        }
        func list<Item: RawRepresentable & CaseIterable>(_ name: String, _ fallback: [Item]) throws(JSONInputError) -> [Item] where Item.RawValue == String {
            guard let field = params[name] else { return fallback }
            let items = try field.array().map { (item: JSONField) throws(JSONInputError) -> Item in try item.oneOf(Item.self) }
            guard !items.isEmpty else { throw field.invalid("a non-empty array of " + Item.allCases.map(\.rawValue).joined(separator: " | ")) }
            return items
        }
        let pagePlatforms: [Platform] = [.vk, .ok]
        switch self {
        case .siteExists: return .siteExists
        case .siteEmail: return .siteEmail
        case .siteContacts: return .siteContacts(require: try list("require", [.address, .email, .phone]))
        case .siteLinksToPages: return .siteLinksToPages(platforms: try platforms(list("platforms", pagePlatforms), params["platforms"]))
        case .siteLinkedPagesValid: return .siteLinkedPagesValid(platforms: try platforms(list("platforms", pagePlatforms), params["platforms"]))
        case .sitePosWidget: return .sitePosWidget
        case .pageExists: return .pageExists(platforms: try platforms(list("platforms", pagePlatforms), params["platforms"]))
        case .pageContacts: return .pageContacts(require: try list("require", [.email, .phone]))
        case .pageLinksSite: return .pageLinksSite
        case .pageDescription: return .pageDescription(minLength: try int("minLength", 30, 1...10_000))
        case .pageGovMark: return .pageGovMark
        case .pagePosWidgets: return .pagePosWidgets(minWidgets: try int("minWidgets", 2, 1...2))
        case .pagePostingCadence:
            let window = try int("windowDays", 7, 1...366)
            let lookback = try int("lookbackDays", 28, 1...3660)
            guard lookback >= window else {
                throw params["lookbackDays"]?.invalid("at least windowDays (\(window))")
                    ?? .invalidValue(path: "check.params", value: "lookbackDays", expected: "at least windowDays (\(window))", at: location)
            }
            return .pagePostingCadence(minPosts: try int("minPosts", 3, 1...1000), windowDays: window, lookbackDays: lookback)
        case .pageFreshness: return .pageFreshness(maxAgeDays: try int("maxAgeDays", 7, 1...3660))
        case .pageCommentsOpen: return .pageCommentsOpen
        case .pageAddressMap: return .pageAddressMap
        case .pageDesign: return .pageDesign(require: try list("require", [.avatar, .cover]))
        case .crossMutualLinks: return .crossMutualLinks(platforms: try platforms(list("platforms", pagePlatforms), params["platforms"]))
        case .crossRegistryMatchesSite: return .crossRegistryMatchesSite
        case .crossPageUnique: return .crossPageUnique
        }
    }

    /// Page platforms only: YouTube and the like cannot hold official pages.
    private func platforms(_ platforms: [Platform], _ field: JSONField?) throws(JSONInputError) -> [Platform] {
        if let field, platforms.contains(where: { !$0.isOfficialPagePlatform }) { throw field.invalid("vk | ok | telegram | max") }
        return platforms
    }
}
