import Foundation

/// The status of one rule for one agency. `fail` is reserved for law rules whose evidence we
/// read; a recommendation that is not met is `warn`; what we could not read is `unverifiable`.
public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    case pass, fail, warn, notApplicable, unverifiable, error

    public var title: LocalizedText {
        switch self {
        case .pass: LocalizedText(ru: "выполнено", en: "pass")
        case .fail: LocalizedText(ru: "нарушение", en: "fail")
        case .warn: LocalizedText(ru: "рекомендация не выполнена", en: "recommendation not met")
        case .notApplicable: LocalizedText(ru: "не применяется", en: "not applicable")
        case .unverifiable: LocalizedText(ru: "не проверено", en: "unverifiable")
        case .error: LocalizedText(ru: "ошибка", en: "error")
        }
    }
}

/// What a finding rests on: the page, when it was captured, its digest, and the excerpt or link
/// that shows the point, so an officer can show it to a disputing agency.
public struct Evidence: Sendable, Codable, Equatable {
    public var url: String
    public var capturedAt: Date?
    public var digest: String?
    public var excerpt: String?

    public init(url: String, capturedAt: Date? = nil, digest: String? = nil, excerpt: String? = nil) {
        self.url = url
        self.capturedAt = capturedAt
        self.digest = digest
        self.excerpt = excerpt
    }

    init(page: SitePageFacts, excerpt: String? = nil) {
        self.init(url: page.address.displayString, capturedAt: page.capturedAt, digest: page.digest, excerpt: excerpt)
    }

    init(failure: CaptureFailure) {
        self.init(url: failure.address, capturedAt: failure.capturedAt, excerpt: failure.detail)
    }
}

/// Posts counted in one window of a posting-cadence check: the numbers behind the finding.
public struct PostWindow: Sendable, Codable, Equatable {
    public var page: String
    public var from: Date
    public var to: Date
    /// Posts dated in the window; nil when the visible feed does not reach back
    /// to the window's start and what is visible is too little to decide.
    public var posts: Int?
}

/// An accepted exception that covers a finding: shown as waived, never silently dropped.
public struct WaiverNote: Sendable, Codable, Equatable {
    public var reason: String
    public var approvedBy: String
    /// Last day the waiver holds, `yyyy-MM-dd`.
    public var expires: String

    public init(reason: String, approvedBy: String, expires: String) {
        self.reason = reason
        self.approvedBy = approvedBy
        self.expires = expires
    }
}

/// The result of one rule for one agency.
public struct Finding: Sendable, Codable {
    public var ruleID: String
    public var title: LocalizedText
    public var strength: RuleStrength
    public var confidence: Confidence
    public var basis: LocalizedText
    public var status: FindingStatus
    public var message: LocalizedText
    /// What was measured, and what the rule expects, in a form a person reads ("email: нет").
    public var measured: String?
    public var expected: String?
    public var evidence: [Evidence]
    /// For posting cadence: the per-window counts the verdict rests on.
    public var windows: [PostWindow]?
    /// What to do; absent when nothing needs doing.
    public var fix: LocalizedText?
    /// Set when a waiver file accepts this `fail` or `warn`: the status stays, the exit code ignores it.
    public var waiver: WaiverNote?
}
