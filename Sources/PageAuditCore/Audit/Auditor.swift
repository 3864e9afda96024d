import Foundation

/// The result for one agency: its facts and its findings.
public struct AgencyAudit: Sendable {
    public var agency: Agency
    public var site: SiteObservation
    public var pages: [PageObservation]
    public var findings: [Finding]

    /// Whether any law rule failed: the exit code of a run depends on it.
    public var hasLawFailure: Bool { findings.contains { $0.status == .fail } }
}

/// The result of a run, in registry order.
public struct AuditReport: Sendable {
    public var toolVersion: String
    public var checklist: Checklist
    public var asOf: Date
    public var source: String
    public var agencies: [AgencyAudit]
    /// What changed since `--baseline`, when given.
    public var diff: BaselineDiff?
    /// Waivers that had expired by the as-of day: they cover nothing and are listed for the officer.
    public var expiredWaivers: [Waivers.Entry] = []

    public init(toolVersion: String, checklist: Checklist, asOf: Date, source: String, agencies: [AgencyAudit]) {
        self.toolVersion = toolVersion
        self.checklist = checklist
        self.asOf = asOf
        self.source = source
        self.agencies = agencies
    }

    public func count(_ status: FindingStatus) -> Int {
        agencies.reduce(0) { $0 + $1.findings.filter { $0.status == status }.count }
    }
}

/// Runs the pipeline for each agency: capture → extract → evaluate. Agencies are independent, so
/// a few run at once; results come back in registry order whatever order they finish in.
public struct Auditor: Sendable {
    public var checklist: Checklist
    public var gatherer: SiteFactsGatherer
    public var pageGatherer = PageFactsGatherer()
    public var concurrency: Int
    /// At most this many official pages are read per agency (declared pages come first).
    public var pageLimit = 8
    /// Seconds one agency may take in all (live runs); nil for no limit.
    public var agencyDeadline: Double?

    public init(checklist: Checklist, gatherer: SiteFactsGatherer = SiteFactsGatherer(), concurrency: Int = 4) {
        self.checklist = checklist
        self.gatherer = gatherer
        self.concurrency = max(1, concurrency)
    }

    /// Called after each agency with the number done and the audit just finished (for a progress bar).
    public var progress: (@Sendable (Int, AgencyAudit) -> Void)?

    public func audit(_ agencies: [Agency], from source: some CaptureSource, asOf: Date) async -> [AgencyAudit] {
        let evaluator = Evaluator(checklist: checklist)
        let gatherer = self.gatherer, pageGatherer = self.pageGatherer, pageLimit = self.pageLimit, budget = self.agencyDeadline
        let claims = AgencyFacts.claims(in: agencies)
        var results = [AgencyAudit?](repeating: nil, count: agencies.count)
        await withTaskGroup(of: (Int, AgencyAudit).self) { group in
            var next = 0
            func startNext() {
                guard next < agencies.count else { return }
                let index = next, agency = agencies[index]
                next += 1
                group.addTask {
                    let deadline = budget.map { Date().addingTimeInterval($0) } ?? .distantFuture
                    let source = DeadlineSource(source, deadline: deadline)
                    let site = await gatherer.gather(website: agency.website, from: source)
                    var pages: [PageObservation] = []
                    var covered = Set<PageIdentity>()
                    for identity in AgencyFacts.pagesToRead(for: agency, site: site).prefix(pageLimit) where !covered.contains(identity) {
                        let page = await pageGatherer.gather(identity, timeZone: agency.timeZone, from: source)
                        // The registry's club123 and the site's screen name are one page once a reader knows both.
                        covered.formUnion([identity] + (page.facts?.aliases ?? []))
                        pages.append(page)
                    }
                    let facts = AgencyFacts(agency: agency, site: site, pages: pages, sharedClaims: claims)
                    return (index, AgencyAudit(agency: agency, site: site, pages: pages, findings: evaluator.evaluate(facts, asOf: asOf)))
                }
            }
            for _ in 0..<concurrency { startNext() }
            var done = 0
            for await (index, result) in group {
                results[index] = result
                done += 1
                progress?(done, result)
                startNext()
            }
        }
        return results.compactMap { $0 }
    }
}
