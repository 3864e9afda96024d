import Foundation

/// The result for one agency: its facts and its findings. Codable because each one is written to
/// the run's journal as it finishes, and reports are rendered from there.
public struct AgencyAudit: Sendable, Codable {
    public var agency: Agency
    public var site: SiteObservation
    public var pages: [PageObservation]
    public var findings: [Finding]

    public init(agency: Agency, site: SiteObservation, pages: [PageObservation], findings: [Finding]) {
        self.agency = agency
        self.site = site
        self.pages = pages
        self.findings = findings
    }

    /// Whether any law rule failed: the exit code of a run depends on it.
    public var hasLawFailure: Bool { findings.contains { $0.status == .fail } }
}

/// The result of a run, in registry order.
public struct AuditReport: Sendable {
    public var toolVersion: String
    public var checklist: Checklist
    public var asOf: Date
    public var source: String
    public var agencies: AuditResults
    /// What changed since `--baseline`, when given.
    public var diff: BaselineDiff?
    /// Waivers that had expired by the as-of day: they cover nothing and are listed for the officer.
    public var expiredWaivers: [Waivers.Entry] = []

    public init(toolVersion: String, checklist: Checklist, asOf: Date, source: String, agencies: AuditResults) {
        self.toolVersion = toolVersion
        self.checklist = checklist
        self.asOf = asOf
        self.source = source
        self.agencies = agencies
    }

    public init(toolVersion: String, checklist: Checklist, asOf: Date, source: String, agencies: [AgencyAudit]) {
        self.init(toolVersion: toolVersion, checklist: checklist, asOf: asOf, source: source, agencies: AuditResults(agencies))
    }

    public func count(_ status: FindingStatus) -> Int { agencies.count(of: status) }
}
