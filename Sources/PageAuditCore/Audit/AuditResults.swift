import Foundation

/// The finished agencies of a run in registry order, as reports read them: held in memory (tests,
/// a single self-check) or read one at a time from journals, so that rendering a national run
/// keeps one agency in memory, not all of them. Waivers are applied as each agency is read.
public struct AuditResults: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    private enum Storage: Sendable {
        case memory([AgencyAudit])
        case journals([(file: JournalFile, entry: JournalFile.Entry)])
    }

    private let storage: Storage
    private let totals: StatusCounts
    private var adjustments: [@Sendable (inout AgencyAudit) -> Void] = []

    public init(_ audits: [AgencyAudit]) {
        storage = .memory(audits)
        var totals = StatusCounts()
        for audit in audits { totals.add(StatusCounts(audit)) }
        self.totals = totals
    }

    public init(arrayLiteral audits: AgencyAudit...) { self.init(audits) }

    /// The agencies of one or more journals (the shards of one run), ordered by registry position.
    public init(journals: [JournalFile]) {
        let all = journals.flatMap { file in file.entries.map { (file: file, entry: $0) } }.sorted { $0.entry.position < $1.entry.position }
        storage = .journals(all)
        var totals = StatusCounts()
        for item in all { totals.add(item.entry.counts) }
        self.totals = totals
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .memory(let audits): audits.count
        case .journals(let items): items.count
        }
    }

    public subscript(position: Int) -> AgencyAudit {
        var audit: AgencyAudit
        switch storage {
        case .memory(let audits): audit = audits[position]
        case .journals(let items): audit = items[position].file.audit(at: items[position].entry)
        }
        for adjust in adjustments { adjust(&audit) }
        return audit
    }

    /// The agency ids in order, without reading the agencies themselves.
    public var ids: [String] {
        switch storage {
        case .memory(let audits): audits.map(\.agency.id)
        case .journals(let items): items.map(\.entry.id)
        }
    }

    /// Findings with `status` over all agencies, from the index (no agency is read).
    public func count(of status: FindingStatus) -> Int { totals[status] }

    /// These results with `adjust` applied to each agency as it is read.
    public func adjusted(_ adjust: @escaping @Sendable (inout AgencyAudit) -> Void) -> AuditResults {
        var copy = self
        copy.adjustments.append(adjust)
        return copy
    }
}
