import Foundation

/// A journal on disk, read back: its header, where each finished agency's line is, and the status
/// counts of each (so totals need no second pass). Lines are decoded again one at a time when a
/// report asks for them, so reading a journal of any size keeps only this index in memory.
///
/// A kill can tear only the last line (each line is one `write`, newline last): a last line without
/// its newline is ignored, and `completeLength` says where the next line may start.
public final class JournalFile: Sendable {
    public struct Entry: Sendable {
        public var position: Int
        public var id: String
        var offset: Int
        var length: Int
        var counts: StatusCounts
    }

    public let path: String
    public let header: JournalHeader
    /// In the order they were written.
    public let entries: [Entry]
    public let resumptions: [Resumption]
    /// Bytes up to the end of the last complete line.
    public let completeLength: Int
    private let descriptor: Int32

    public var isComplete: Bool { entries.count >= header.agencies }

    /// Where the run's captures came from: the first source, then those of its resumptions.
    public var sources: [String] { [header.source] + resumptions.map(\.source) }

    init(path: String, header: JournalHeader, entries: [Entry], resumptions: [Resumption], completeLength: Int) throws(JournalError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, detail: String(cString: strerror(errno))) }
        self.descriptor = descriptor
        self.path = path
        self.header = header
        self.resumptions = resumptions
        self.completeLength = completeLength
        self.entries = entries
    }

    deinit { close(descriptor) }

    /// Reads and checks every line of the journal at `path`.
    public static func read(_ path: String) throws(JournalError) -> JournalFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var scanner = LineScanner(descriptor: descriptor)
        let (header, first) = try readHeader(&scanner, path: path)
        let decoder = JSONDecoder()
        var entries: [Entry] = [], resumptions: [Resumption] = [], seen: [String: Int] = [:]
        var completeLength = first.offset + first.bytes.count + 1, number = 1
        while let line = scanner.next() {
            number += 1
            guard line.complete else { break }
            let at = SourceLocation(file: path, line: number)
            let record: JournalRecord
            do {
                record = try decoder.decode(JournalRecord.self, from: line.bytes)
            } catch {
                throw .damagedLine(at, detail: "\(error)")
            }
            if let resumed = record.resumed {
                resumptions.append(resumed)
            } else if let position = record.position, let audit = record.audit {
                guard seen.updateValue(number, forKey: audit.agency.id) == nil else { throw .duplicateAgency(id: audit.agency.id, at: at) }
                entries.append(Entry(position: position, id: audit.agency.id, offset: line.offset, length: line.bytes.count, counts: StatusCounts(audit)))
            } else {
                throw .damagedLine(at, detail: "neither an agency nor a resumption")
            }
            completeLength = line.offset + line.bytes.count + 1
        }
        return try JournalFile(path: path, header: header, entries: entries, resumptions: resumptions, completeLength: completeLength)
    }

    /// Only the header line of the journal at `path` (what run it is), without reading the agencies.
    public static func header(at path: String) throws(JournalError) -> JournalHeader {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var scanner = LineScanner(descriptor: descriptor)
        return try readHeader(&scanner, path: path).header
    }

    private static func readHeader(_ scanner: inout LineScanner, path: String) throws(JournalError) -> (header: JournalHeader, line: (offset: Int, bytes: Data, complete: Bool)) {
        guard let first = scanner.next(), first.complete else { throw .notAJournal(path: path, detail: "no header line") }
        let header: JournalHeader
        do {
            header = try JSONDecoder().decode(JournalHeader.self, from: first.bytes)
        } catch {
            throw .notAJournal(path: path, detail: "\(error)")
        }
        guard header.format == JournalHeader.format else { throw .notAJournal(path: path, detail: "format \(header.format)") }
        return (header, first)
    }

    /// The agency recorded at `entry`, decoded from disk. The line decoded when the journal was
    /// written or read, so failing now means the file changed underneath the run.
    func audit(at entry: Entry) -> AgencyAudit {
        var buffer = [UInt8](repeating: 0, count: entry.length)
        let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, entry.length, off_t(entry.offset)) }
        guard got == entry.length, let record = try? JSONDecoder().decode(JournalRecord.self, from: Data(buffer)), let audit = record.audit else {
            fatalError("journal \(path) changed while a report was being written from it (line at byte \(entry.offset))")
        }
        return audit
    }
}

/// One line after the header: a finished agency, or the note that a run was resumed here.
struct JournalRecord: Codable {
    var position: Int?
    var audit: AgencyAudit?
    var resumed: Resumption?
}

/// When a run was continued, and from which source: a resumed live run records a new archive.
public struct Resumption: Codable, Sendable {
    public var at: String
    public var source: String
}

/// Status counts of one agency's findings (waivers do not change a status, so they hold after them).
/// Inline, not an array: a national run keeps one per agency.
struct StatusCounts: Sendable {
    private var counts = SIMD8<Int32>()

    init() {}

    init(_ audit: AgencyAudit) {
        for finding in audit.findings { counts[Self.slot(finding.status)] += 1 }
    }

    subscript(status: FindingStatus) -> Int { Int(counts[Self.slot(status)]) }

    mutating func add(_ other: StatusCounts) { counts &+= other.counts }

    private static func slot(_ status: FindingStatus) -> Int { FindingStatus.allCases.firstIndex(of: status)! }
}
