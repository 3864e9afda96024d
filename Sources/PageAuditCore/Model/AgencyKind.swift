/// The kinds of organisation 270-FZ covers. Rules apply to some kinds and not to others
/// (a subordinate school is not a "body" for the website rules of 8-FZ).
public enum AgencyKind: String, Sendable, Codable, CaseIterable {
    case federal, regional, municipal, subordinate, court

    public var title: LocalizedText {
        switch self {
        case .federal: LocalizedText(ru: "федеральный орган", en: "federal body")
        case .regional: LocalizedText(ru: "региональный орган", en: "regional body")
        case .municipal: LocalizedText(ru: "орган местного самоуправления", en: "municipal body")
        case .subordinate: LocalizedText(ru: "подведомственная организация", en: "subordinate organisation")
        case .court: LocalizedText(ru: "суд", en: "court")
        }
    }
}
