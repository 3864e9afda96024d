import Foundation

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

    /// Audits `agencies` and hands each result to `record` as soon as it is finished (in finishing
    /// order, with its index in `agencies`), keeping none: a national run streams into its journal.
    /// `claims` are the pages several agencies of the whole registry declare, which a shard alone
    /// cannot see. An error thrown by `record` stops the run; the agencies in flight are cancelled.
    public func audit<Agencies: RandomAccessCollection & Sendable>(
        _ agencies: Agencies, claims: [PageIdentity: [String]]? = nil, from source: some CaptureSource, asOf: Date,
        record: (Int, AgencyAudit) throws -> Void
    ) async throws where Agencies.Element == Agency, Agencies.Index == Int {
        let evaluator = Evaluator(checklist: checklist)
        let gatherer = self.gatherer, pageGatherer = self.pageGatherer, pageLimit = self.pageLimit, budget = self.agencyDeadline
        let claims = claims ?? AgencyFacts.claims(in: Array(agencies))
        try await withThrowingTaskGroup(of: (Int, AgencyAudit).self) { group in
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
            while let (index, result) = try await group.next() {
                try record(index, result)
                done += 1
                progress?(done, result)
                startNext()
            }
        }
    }

    /// All results at once, in the order of `agencies`: for small runs and tests.
    public func audit(_ agencies: [Agency], from source: some CaptureSource, asOf: Date) async -> [AgencyAudit] {
        var results = [AgencyAudit?](repeating: nil, count: agencies.count)
        try? await audit(agencies, from: source, asOf: asOf) { index, result in results[index] = result }
        return results.compactMap { $0 }
    }
}
