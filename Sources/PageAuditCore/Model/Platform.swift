/// A network an agency can have a page on. Only VK and OK are official-page platforms
/// under order 2523-р; the others are recognised so a report can list them without counting them.
public enum Platform: String, Sendable, Codable, CaseIterable, Comparable {
    case vk, ok, telegram, max, youtube, rutube, dzen

    /// Whether a page on this platform satisfies 270-FZ (order 2523-р lists VK and OK).
    public var isListedByLaw: Bool { self == .vk || self == .ok }

    /// Whether the registry can declare an official page here (law platforms plus the
    /// messengers that regional practice asks for).
    public var isOfficialPagePlatform: Bool {
        switch self {
        case .vk, .ok, .telegram, .max: true
        case .youtube, .rutube, .dzen: false
        }
    }

    public var displayName: String {
        switch self {
        case .vk: "ВКонтакте"
        case .ok: "Одноклассники"
        case .telegram: "Telegram"
        case .max: "MAX"
        case .youtube: "YouTube"
        case .rutube: "Rutube"
        case .dzen: "Дзен"
        }
    }

    public static func < (lhs: Platform, rhs: Platform) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
