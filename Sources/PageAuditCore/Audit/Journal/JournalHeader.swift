import Foundation

/// The first line of a journal: what the run was, so that a resume or a merge can refuse journals
/// that would mix results of different runs (another registry, checklist, as-of day or tool).
public struct JournalHeader: Codable, Sendable {
    public static let format = "pageaudit.journal/1"

    public var format = Self.format
    public var tool: String
    public var checklist: Checklist
    /// RFC 3339, whole seconds, so that the resumed half of a run evaluates at the same instant.
    public var asOf: String
    public var source: String
    public var registry: RegistryFingerprint
    public var shard: Shard?
    /// How many agencies this journal is to hold when complete (the shard's share of the registry).
    public var agencies: Int

    public init(tool: String, checklist: Checklist, asOf: Date, source: String, registry: RegistryFingerprint, shard: Shard?, agencies: Int) {
        self.tool = tool
        self.checklist = checklist
        self.asOf = RFC3339.string(from: asOf)
        self.source = source
        self.registry = registry
        self.shard = shard
        self.agencies = agencies
    }

    public var asOfDate: Date? { RFC3339.date(from: asOf) }

    /// The first field in which `other` describes a different run, for the message that refuses it.
    /// The source may differ: a resumed live run records into a new archive.
    public func difference(from other: JournalHeader) -> (field: String, journal: String, now: String)? {
        if format != other.format { return ("format", format, other.format) }
        if tool != other.tool { return ("tool", tool, other.tool) }
        if checklist.id != other.checklist.id || checklist.version != other.checklist.version {
            return ("checklist", "\(checklist.id) \(checklist.version)", "\(other.checklist.id) \(other.checklist.version)")
        }
        if Self.encoded(checklist.rules) != Self.encoded(other.checklist.rules) {
            return ("checklist", "\(checklist.id) \(checklist.version) (other rules)", "\(other.checklist.id) \(other.checklist.version)")
        }
        if asOf != other.asOf { return ("asOf", asOf, other.asOf) }
        if registry != other.registry {
            return ("registry", "\(registry.agencies) agencies, \(registry.sha256)", "\(other.registry.agencies) agencies, \(other.registry.sha256)")
        }
        if shard != other.shard { return ("shard", shard?.description ?? "none", other.shard?.description ?? "none") }
        return nil
    }

    /// As `difference(from:)`, for the journals of different shards of one run.
    public func difference(ignoringShardFrom other: JournalHeader) -> (field: String, journal: String, now: String)? {
        var other = other
        if other.shard?.count == shard?.count { other.shard = shard }
        other.agencies = agencies
        return difference(from: other)
    }

    private static func encoded(_ rules: [Rule]) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try? encoder.encode(rules)
    }
}

/// Identifies a registry's content, not its file name: a resume or a merge must be on the same
/// agencies, and a registry edited in between (a corrected address) would mix two audits.
public struct RegistryFingerprint: Codable, Sendable, Equatable {
    public var agencies: Int
    public var sha256: String

    public init(_ registry: [Agency]) {
        var builder = Builder()
        for agency in registry { builder.add(agency) }
        self = builder.result
    }

    init(agencies: Int, sha256: String) {
        self.agencies = agencies
        self.sha256 = sha256
    }

    /// Hashes the agencies' fields a megabyte at a time (the digest of the chunks' digests), so a
    /// national registry is never held as one text.
    struct Builder {
        private var count = 0
        private var chunk = ""
        private var digests = ""

        mutating func add(_ agency: Agency) {
            let fields = [agency.id, agency.name, agency.kind.rawValue, agency.region ?? "", agency.timeZoneIdentifier,
                          agency.website?.displayString ?? ""] + agency.declaredPages.map(\.written)
            chunk += fields.joined(separator: "\t") + "\n"
            count += 1
            if chunk.utf8.count >= 1 << 20 { flush() }
        }

        private mutating func flush() {
            digests += SHA256Digest.label(of: Data(chunk.utf8)) + "\n"
            chunk = ""
        }

        var result: RegistryFingerprint {
            var copy = self
            copy.flush()
            return RegistryFingerprint(agencies: count, sha256: SHA256Digest.label(of: Data(copy.digests.utf8)))
        }
    }
}
