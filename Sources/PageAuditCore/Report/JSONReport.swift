import Foundation

/// The machine-readable report, format `pageaudit.report/1` (documented in docs/report-format.md).
/// Keys are sorted and dates are RFC 3339, so two runs on the same evidence give identical bytes.
public enum JSONReport {
    public static let format = "pageaudit.report/1"

    public static func render(_ report: AuditReport) throws -> Data {
        try ReportSink.collecting { try write(report, to: $0) }
    }

    /// Writes the document one agency at a time. The bytes are those of encoding the whole
    /// document at once with sorted keys: "agencies" sorts first, so it is written first, each
    /// entry encoded alone and indented to its depth, then the other keys.
    public static func write(_ report: AuditReport, to sink: ReportSink) throws {
        try sink.write("{\n  \"agencies\" : [")
        var first = true
        try ParallelRender.each(report.agencies) { audit in
            let entry = String(decoding: try encoder().encode(AgencyEntry(audit)), as: UTF8.self)
            // Encoded strings never hold a raw newline (it is escaped), so every newline is layout;
            // the blank line of an empty array stays blank.
            return Data(entry.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n").utf8)
        } write: { entry in
            try sink.write(Data((first ? "\n" : ",\n").utf8) + entry)
            first = false
        }
        try sink.write(first ? "\n\n  ]," : "\n  ],")
        let rest = String(decoding: try encoder().encode(Document(report)), as: UTF8.self)
        try sink.write(String(rest.dropFirst()) + "\n")
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        return encoder
    }

    /// Everything but the agencies.
    struct Document: Encodable {
        var format = JSONReport.format
        var tool: Tool
        var checklist: ChecklistInfo
        var asOf: Date
        var source: String
        var totals: [String: Int]
        var diff: DiffEntry?
        var expiredWaivers: [ExpiredWaiver]?

        init(_ report: AuditReport) {
            diff = report.diff.map(DiffEntry.init)
            expiredWaivers = report.expiredWaivers.isEmpty ? nil : report.expiredWaivers.map {
                ExpiredWaiver(agency: $0.agency, rule: $0.rule, reason: $0.note.reason, approvedBy: $0.note.approvedBy, expires: $0.note.expires)
            }
            tool = Tool(name: "pageaudit", version: report.toolVersion)
            checklist = ChecklistInfo(id: report.checklist.id, version: report.checklist.version, extends: report.checklist.extends)
            asOf = report.asOf
            source = report.source
            totals = Dictionary(uniqueKeysWithValues: FindingStatus.allCases.map { ($0.rawValue, report.count($0)) })
        }
    }

    struct Tool: Encodable { var name: String; var version: String }
    struct ExpiredWaiver: Encodable { var agency: String; var rule: String; var reason: String; var approvedBy: String; var expires: String }

    /// Counts of every change, and the entries that changed (unchanged ones are left out).
    struct DiffEntry: Encodable {
        var baseline: String
        var counts: [String: Int]
        var changes: [BaselineDiff.Entry]

        init(_ diff: BaselineDiff) {
            baseline = diff.baseline
            counts = Dictionary(uniqueKeysWithValues: BaselineDiff.Change.allCases.map { ($0.rawValue, diff.count($0)) })
            changes = diff.entries.filter { $0.change != .unchanged }
        }
    }
    struct ChecklistInfo: Encodable { var id: String; var version: String; var extends: [String] }

    struct AgencyEntry: Encodable {
        var id: String
        var name: String
        var kind: AgencyKind
        var region: String?
        var timezone: String
        var website: String?
        var declaredPages: [DeclaredPageEntry]
        var site: SiteEntry
        var pages: [PageEntry]
        var findings: [Finding]
        var totals: [String: Int]

        init(_ audit: AgencyAudit) {
            id = audit.agency.id
            name = audit.agency.name
            kind = audit.agency.kind
            region = audit.agency.region
            timezone = audit.agency.timeZoneIdentifier
            website = audit.agency.website?.displayString
            declaredPages = audit.agency.declaredPages.map {
                DeclaredPageEntry(platform: $0.platform, written: $0.written, identity: $0.identity?.key, kind: $0.kind)
            }
            site = SiteEntry(audit.site)
            pages = audit.pages.map(PageEntry.init)
            findings = audit.findings
            totals = Dictionary(uniqueKeysWithValues: FindingStatus.allCases.map { status in
                (status.rawValue, audit.findings.filter { $0.status == status }.count)
            })
        }
    }

    struct DeclaredPageEntry: Encodable {
        var platform: Platform
        var written: String
        var identity: String?
        var kind: LinkTargetKind
    }

    struct PageEntry: Encodable {
        var identity: String
        var platform: Platform
        var state: String
        var facts: PageFacts?
        var failure: CaptureFailure?

        init(_ observation: PageObservation) {
            identity = observation.identity.key
            platform = observation.identity.platform
            switch observation {
            case .read(let facts): state = "read"; self.facts = facts
            case .unreadable(_, let failure): state = "unreadable"; self.failure = failure
            }
        }
    }

    struct SiteEntry: Encodable {
        var state: String
        var failure: CaptureFailure?
        var facts: SiteFacts?
        var listedPages: [String]?

        init(_ observation: SiteObservation) {
            switch observation {
            case .notDeclared: state = "notDeclared"
            case .unreadable(let failure): state = "unreadable"; self.failure = failure
            case .read(let facts): state = "read"; self.facts = facts; listedPages = facts.listedPages.map(\.key)
            }
        }
    }
}
