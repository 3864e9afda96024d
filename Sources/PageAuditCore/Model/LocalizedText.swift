/// The language of everything a person reads: rule titles, messages, fix hints and reports.
/// Russian comes first because the users are Russian officers and agencies.
public enum Language: String, Sendable, Codable, CaseIterable {
    case ru, en
}

/// A text people read, always in both languages, so a report can switch language without
/// re-evaluating anything.
public struct LocalizedText: Sendable, Codable, Equatable, Hashable {
    public var ru: String
    public var en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    public subscript(language: Language) -> String {
        language == .ru ? ru : en
    }
}
