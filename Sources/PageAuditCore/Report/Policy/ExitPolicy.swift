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

    /// Without waivers the status totals decide, and no agency need be read again.
    public func shouldFail(_ results: AuditResults, waived: Bool, diff: BaselineDiff?) -> Bool {
        guard !waived else { return shouldFail(results, diff: diff) }
        switch self {
        case .law: return results.count(of: .fail) > 0
        case .any: return results.count(of: .fail) + results.count(of: .warn) > 0
        case .new: return (diff?.entries ?? []).contains { $0.change == .new }
        case .none: return false
        }
    }

    /// Reads the agencies once, one at a time (they may come from a journal of any size).
    public func shouldFail(_ audits: some Sequence<AgencyAudit>, diff: BaselineDiff?) -> Bool {
        switch self {
        case .law: return audits.contains { $0.findings.contains { $0.waiver == nil && $0.status == .fail } }
        case .any: return audits.contains { $0.findings.contains { $0.waiver == nil && ($0.status == .fail || $0.status == .warn) } }
        case .new:
            let new = (diff?.entries ?? []).filter { $0.change == .new }
            guard !new.isEmpty else { return false }
            var waived = Set<String>()
            for audit in audits {
                for finding in audit.findings where finding.waiver != nil { waived.insert("\(audit.agency.id)|\(finding.ruleID)") }
            }
            return new.contains { !waived.contains("\($0.agency)|\($0.rule)") }
        case .none: return false
        }
    }
}
