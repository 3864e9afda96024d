/// What a check concluded, before the rule's strength turns "not met" into `fail` or `warn`.
struct Outcome {
    enum Verdict { case met, notMet, unknown, nothingToCheck }

    var verdict: Verdict
    var message: LocalizedText
    var measured: String? = nil
    var expected: String? = nil
    var evidence: [Evidence] = []
    var windows: [PostWindow]? = nil

    static func met(_ message: LocalizedText, measured: String? = nil, evidence: [Evidence] = []) -> Outcome {
        Outcome(verdict: .met, message: message, measured: measured, evidence: evidence)
    }

    static func notMet(_ message: LocalizedText, measured: String? = nil, expected: String? = nil, evidence: [Evidence] = []) -> Outcome {
        Outcome(verdict: .notMet, message: message, measured: measured, expected: expected, evidence: evidence)
    }

    static func unknown(_ message: LocalizedText, evidence: [Evidence] = []) -> Outcome {
        Outcome(verdict: .unknown, message: message, evidence: evidence)
    }
}
