/// When a run should fail a CI job. Waived findings never count.
public enum ExitPolicy: String, Sendable, CaseIterable {
    /// A `law` rule failed (the default).
    case law
    /// Anything needs attention: a law failure or an unmet recommendation.
    case any
    /// Something got worse since the baseline (`--baseline` required).
    case new
    /// Never fail for findings; only bad input or output does.
    case none

    public func shouldFail(_ audits: [AgencyAudit], diff: BaselineDiff?) -> Bool {
        let open = audits.flatMap(\.findings).filter { $0.waiver == nil }
        switch self {
        case .law: return open.contains { $0.status == .fail }
        case .any: return open.contains { $0.status == .fail || $0.status == .warn }
        case .new:
            let waived = Set(audits.flatMap { audit in audit.findings.filter { $0.waiver != nil }.map { "\(audit.agency.id)|\($0.ruleID)" } })
            return (diff?.entries ?? []).contains { $0.change == .new && !waived.contains("\($0.agency)|\($0.rule)") }
        case .none: return false
        }
    }
}
