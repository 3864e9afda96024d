import Foundation

/// Accepted exceptions: an agency disputes a finding, an officer accepts it until a date. A waived
/// finding keeps its status and shows the waiver; only the exit code and the totals of what needs
/// doing ignore it. Format `pageaudit.waivers/1`:
/// `{"format": "pageaudit.waivers/1", "waivers": [{"agency", "rule", "reason", "approvedBy", "expires": "yyyy-MM-dd"}]}`.
public struct Waivers: Sendable {
    public struct Entry: Sendable, Equatable {
        public var agency: String
        public var rule: String
        public var note: WaiverNote
        public var location: SourceLocation
    }

    public var entries: [Entry]
    public static let format = "pageaudit.waivers/1"

    public static func load(from url: URL, agencyIDs: Set<String>, checklist: Checklist) throws(JSONInputError) -> Waivers {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .syntax(message: "the waivers file cannot be read", at: SourceLocation(file: url.path, line: 1))
        }
        let root = try JSONField.root(of: String(decoding: data, as: UTF8.self), file: url.path).object()
        try root.rejectUnknownKeys(allowed: ["format", "waivers"])
        let format = try root.required("format")
        guard try format.string() == Self.format else { throw format.invalid("\"\(Self.format)\"") }
        let ruleIDs = Set(checklist.rules.map(\.id))
        var entries: [Entry] = []
        for field in try root.required("waivers").array() {
            let object = try field.object()
            try object.rejectUnknownKeys(allowed: ["agency", "rule", "reason", "approvedBy", "expires"])
            let agencyField = try object.required("agency"), ruleField = try object.required("rule")
            let agency = try agencyField.text(), rule = try ruleField.text()
            guard agencyIDs.contains(agency) else { throw agencyField.invalid("the id of an agency in the registry") }
            guard ruleIDs.contains(rule) else { throw ruleField.invalid("the id of a rule in checklist \(checklist.id)") }
            let expiresField = try object.required("expires")
            let expires = try expiresField.text()
            guard RFC3339.day(from: expires, in: .gmt) != nil else { throw expiresField.invalid("a date written yyyy-MM-dd") }
            entries.append(Entry(agency: agency, rule: rule, note: WaiverNote(reason: try object.required("reason").text(),
                                 approvedBy: try object.required("approvedBy").text(), expires: expires), location: field.location))
        }
        return Waivers(entries: entries)
    }

    /// The waivers that had expired by the as-of day, in each agency's own time zone (`timeZone`
    /// gives it, or nil for an agency not in the run): they cover nothing and are reported, so
    /// nobody relies on them unawares.
    public func expired(asOf: Date, timeZone: (String) -> TimeZone?) -> [Entry] {
        entries.filter { entry in
            guard let zone = timeZone(entry.agency) else { return false }
            return entry.note.expires < Evaluator.calendarDay(of: asOf, in: zone)
        }
    }

    /// Marks the `fail` and `warn` findings of `audit` that an unexpired waiver covers.
    public func apply(to audit: inout AgencyAudit, asOf: Date) {
        let today = Evaluator.calendarDay(of: asOf, in: audit.agency.timeZone)
        for entry in entries where entry.agency == audit.agency.id && entry.note.expires >= today {
            for index in audit.findings.indices where audit.findings[index].ruleID == entry.rule && [.fail, .warn].contains(audit.findings[index].status) {
                audit.findings[index].waiver = entry.note
            }
        }
    }
}
