import Foundation

/// Evaluation is a pure function of (facts, checklist, as-of instant): no I/O and no clock, so
/// old evidence can be re-evaluated with a new checklist and get the same answer every time.
public struct Evaluator: Sendable {
    public let checklist: Checklist

    public init(checklist: Checklist) {
        self.checklist = checklist
    }

    public func evaluate(_ facts: AgencyFacts, asOf: Date) -> [Finding] {
        let day = Self.calendarDay(of: asOf, in: facts.agency.timeZone)
        return checklist.rules.map { rule in
            if !rule.appliesTo.contains(facts.agency.kind) {
                return finding(rule, .notApplicable, Outcome(verdict: .nothingToCheck, message: LocalizedText(
                    ru: "правило не применяется к виду организации «\(facts.agency.kind.title.ru)»",
                    en: "the rule does not apply to a \(facts.agency.kind.title.en)")))
            }
            if !rule.isInForce(onDay: day) {
                return finding(rule, .notApplicable, Outcome(verdict: .nothingToCheck, message: LocalizedText(
                    ru: "правило не действует на \(day) (действует \(Self.period(rule, .ru)))",
                    en: "the rule is not in force on \(day) (in force \(Self.period(rule, .en)))")))
            }
            let outcome: Outcome
            switch rule.check.kind.subject {
            case .site: outcome = SiteChecks(facts: facts).outcome(of: rule.check)
            case .page: outcome = PageChecks(facts: facts, asOf: asOf).outcome(of: rule.check)
            case .cross: outcome = CrossChecks(facts: facts).outcome(of: rule.check)
            }
            return finding(rule, status(of: outcome.verdict, strength: rule.strength), outcome)
        }
    }

    private func status(of verdict: Outcome.Verdict, strength: RuleStrength) -> FindingStatus {
        switch verdict {
        case .met: .pass
        case .notMet: strength == .law ? .fail : .warn
        case .unknown: .unverifiable
        case .nothingToCheck: .notApplicable
        }
    }

    private func finding(_ rule: Rule, _ status: FindingStatus, _ outcome: Outcome) -> Finding {
        Finding(ruleID: rule.id, title: rule.title, strength: rule.strength, confidence: rule.confidence, basis: rule.basis,
                status: status, message: outcome.message, measured: outcome.measured, expected: outcome.expected,
                evidence: outcome.evidence, windows: outcome.windows, fix: status == .fail || status == .warn ? rule.fix : nil)
    }

    /// The as-of instant's calendar day where the agency is: a rule in force "from 1 December"
    /// is in force from midnight in Kamchatka as well as in Kaliningrad.
    static func calendarDay(of date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    private static func period(_ rule: Rule, _ language: Language) -> String {
        let from = rule.effectiveFrom.map { (language == .ru ? "с " : "from ") + $0 } ?? ""
        let until = rule.effectiveUntil.map { (language == .ru ? " по " : " until ") + $0 } ?? ""
        return (from + until).trimmingCharacters(in: .whitespaces)
    }
}
