import Foundation

/// The agencies of a run, checked whole when loaded and then kept compact. A CSV registry keeps
/// its text and the range of each row, and rebuilds an agency from its row when the audit reaches
/// it: 100,000 agencies held as values took some 400 MB, their text takes the file's size.
public final class Registry: Sendable {
    private enum Storage: Sendable {
        case agencies([Agency])
        case csv(text: String, delimiter: Unicode.Scalar, names: [String], rows: [CSVRow])
    }

    struct CSVRow: Sendable { var range: Range<String.Index>; var line: Int }

    public let file: String
    /// In registry order.
    public let ids: [String]
    public let fingerprint: RegistryFingerprint
    /// Pages that more than one agency declares, with the ids of those agencies (CROSS-PAGE-UNIQUE).
    public let claims: [PageIdentity: [String]]
    private let storage: Storage

    public var count: Int { ids.count }

    /// A registry of agencies already in memory (JSON registries, `check`, tests).
    public convenience init(_ agencies: [Agency], file: String) {
        var summary = Summary()
        for agency in agencies { summary.add(agency) }
        self.init(file: file, storage: .agencies(agencies), summary: summary)
    }

    convenience init(csv text: String, delimiter: Unicode.Scalar, names: [String], rows: [CSVRow], file: String, summary: Summary) {
        self.init(file: file, storage: .csv(text: text, delimiter: delimiter, names: names, rows: rows), summary: summary)
    }

    private init(file: String, storage: Storage, summary: Summary) {
        self.file = file
        self.storage = storage
        ids = summary.ids
        fingerprint = summary.fingerprint.result
        claims = summary.claims.shared
    }

    /// What a registry remembers of all its agencies, gathered one agency at a time as they are checked.
    struct Summary {
        var ids: [String] = []
        var fingerprint = RegistryFingerprint.Builder()
        var claims = ClaimsBuilder()

        mutating func add(_ agency: Agency) {
            ids.append(agency.id)
            fingerprint.add(agency)
            claims.add(agency)
        }
    }

    /// The agency at `position`, as loading checked it.
    public func agency(at position: Int) -> Agency {
        switch storage {
        case .agencies(let agencies): return agencies[position]
        case .csv(let text, let delimiter, let names, let rows):
            // The row was checked when the registry was loaded; the same text gives the same agency.
            guard let agency = try? RegistryLoader.agency(inRowAt: rows[position], of: text, delimiter: delimiter, names: names, file: file) else {
                fatalError("registry row at line \(rows[position].line) of \(file) no longer reads as it did when loaded")
            }
            return agency
        }
    }

    /// Every agency, in registry order, read one at a time.
    public var agencies: Agencies { agencies(at: Array(ids.indices)) }

    /// The agencies at `positions`, read one at a time.
    public func agencies(at positions: [Int]) -> Agencies { Agencies(registry: self, positions: positions) }

    public struct Agencies: RandomAccessCollection, Sendable {
        let registry: Registry
        public let positions: [Int]
        public var startIndex: Int { 0 }
        public var endIndex: Int { positions.count }
        public subscript(index: Int) -> Agency { registry.agency(at: positions[index]) }
    }
}

/// Pages declared by more than one agency, found in one pass without keeping every agency's pages.
struct ClaimsBuilder {
    private var first: [PageIdentity: String] = [:]
    private(set) var shared: [PageIdentity: [String]] = [:]

    mutating func add(_ agency: Agency) {
        for identity in Set(agency.declaredPages.compactMap(\.identity)) {
            if let owner = first[identity] {
                shared[identity, default: [owner]].append(agency.id)
            } else {
                first[identity] = agency.id
            }
        }
    }
}
