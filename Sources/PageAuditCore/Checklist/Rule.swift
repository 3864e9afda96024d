/// How binding a rule is: a `practice` rule is a recommendation and is never reported as a
/// breach of law (it yields `warn`, not `fail`).
public enum RuleStrength: String, Sendable, Codable, CaseIterable {
    case law, practice
}

/// How sure we are of a rule's legal basis, as `checklist-270fz.md` marks it: wording seen (Q),
/// seen in a summary (S), recalled (R), inferred (I). Reports show it beside the basis.
public enum Confidence: String, Sendable, Codable, CaseIterable {
    case Q, S, R, I
}

/// One requirement of a checklist, fully resolved (base checklist, overrides and defaults applied).
public struct Rule: Sendable, Codable {
    public var id: String
    public var title: LocalizedText
    public var fix: LocalizedText
    public var basis: LocalizedText
    public var confidence: Confidence
    public var strength: RuleStrength
    public var appliesTo: [AgencyKind]
    /// First and last day in force (`2022-12-01`), inclusive; nil is unbounded.
    public var effectiveFrom: String?
    public var effectiveUntil: String?
    public var check: Check
    /// Where the rule was defined or last overridden.
    public var source: SourceLocation

    /// Whether the rule is in force on a calendar day written `yyyy-MM-dd`.
    public func isInForce(onDay day: String) -> Bool {
        (effectiveFrom.map { day >= $0 } ?? true) && (effectiveUntil.map { day <= $0 } ?? true)
    }
}
