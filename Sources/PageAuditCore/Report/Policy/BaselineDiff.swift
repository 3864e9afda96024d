import Foundation

/// What changed since an earlier report, finding by finding (agency × rule). A flip to or from
/// `unverifiable` is neither a regression nor a fix: a site that timed out tonight is not
/// "resolved", and one that answers again is not "new" (flap suppression).
public struct BaselineDiff: Sendable {
    public enum Change: String, Sendable, Codable, CaseIterable {
        case new, resolved, stillFailing, unchanged
    }

    public struct Entry: Sendable, Codable, Equatable {
        public var agency: String
        public var rule: String
        public var change: Change
        public var before: String?
        public var after: String?
    }

    public var baseline: String
    public var entries: [Entry]

    public func count(_ change: Change) -> Int { entries.filter { $0.change == change }.count }

    /// Statuses by agency and rule from a saved JSON report (`pageaudit.report/1`).
    public static func statuses(inReportAt url: URL) throws -> [String: [String: String]] {
        let data = try Data(contentsOf: url)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["format"] as? String == JSONReport.format, let agencies = root["agencies"] as? [[String: Any]] else {
            throw BaselineError(path: url.path)
        }
        var result: [String: [String: String]] = [:]
        for agency in agencies {
            guard let id = agency["id"] as? String, let findings = agency["findings"] as? [[String: Any]] else { throw BaselineError(path: url.path) }
            for finding in findings {
                guard let rule = finding["ruleID"] as? String, let status = finding["status"] as? String else { throw BaselineError(path: url.path) }
                // A waived failure counts as failing: the waiver may lapse, the fact does not.
                result[id, default: [:]][rule] = status
            }
        }
        return result
    }

    public static func between(_ before: [String: [String: String]], _ after: [String: [String: String]], baseline: String) -> BaselineDiff {
        var entries: [Entry] = []
        let agencies = Set(before.keys).union(after.keys).sorted()
        for agency in agencies {
            let rules = Set((before[agency] ?? [:]).keys).union((after[agency] ?? [:]).keys).sorted()
            for rule in rules {
                let old = before[agency]?[rule], new = after[agency]?[rule]
                entries.append(Entry(agency: agency, rule: rule, change: classify(old, new), before: old, after: new))
            }
        }
        return BaselineDiff(baseline: baseline, entries: entries)
    }

    static func classify(_ before: String?, _ after: String?) -> Change {
        func failing(_ status: String?) -> Bool { status == "fail" || status == "warn" }
        let wasFailing = failing(before), isFailing = failing(after)
        switch (wasFailing, isFailing) {
        case (true, true): return .stillFailing
        case (true, false): return after == "unverifiable" ? .stillFailing : .resolved
        case (false, true): return before == "unverifiable" ? .stillFailing : .new
        case (false, false): return .unchanged
        }
    }

    /// The statuses of a report being produced now, in the same shape as a saved one.
    public static func statuses(of audits: some Sequence<AgencyAudit>) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for audit in audits {
            result[audit.agency.id] = Dictionary(uniqueKeysWithValues: audit.findings.map { ($0.ruleID, $0.status.rawValue) })
        }
        return result
    }
}

public struct BaselineError: DiagnosableError {
    public var path: String
    public var location: SourceLocation? { SourceLocation(file: path, line: 1) }
    public var problem: LocalizedText { LocalizedText(ru: "файл не является отчётом pageaudit в формате JSON (pageaudit.report/1)", en: "the file is not a pageaudit JSON report (pageaudit.report/1)") }
    public var fix: LocalizedText { LocalizedText(ru: "Укажите отчёт, сохранённый командой audit --format json.", en: "Give a report saved by audit --format json.") }
}
