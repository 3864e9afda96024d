import Foundation

/// Appends each finished agency to the journal as one JSON line, at once, so that a run killed at
/// any moment loses at most the agencies still in flight. Each line is a single `write(2)` with the
/// newline last: the kernel keeps it when the process dies (`kill -9`); only a power cut before the
/// page cache is flushed can lose it, and `finish()` syncs the file.
public final class JournalWriter {
    public let path: String
    public let header: JournalHeader
    /// What the journal held before this run added to it (a resume), then what it added.
    public private(set) var entries: [JournalFile.Entry]
    private(set) var resumptions: [Resumption]
    private var length: Int
    private let descriptor: Int32
    private let encoder = JSONEncoder()

    /// Opens the journal for `header`'s run. A missing, empty or finished journal starts afresh; an
    /// unfinished one is continued with `resume`, and refused without it so that no result is lost
    /// by accident. A journal of another run, or a file that is not a journal, is never overwritten
    /// unless it is finished.
    public init(path: String, header: JournalHeader, resume: Bool, source: String, now: Date) throws(JournalError) {
        self.path = path
        self.header = header
        var existing: JournalFile?
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 {
            existing = try JournalFile.read(path)
        }
        if let existing, let difference = existing.header.difference(from: header), resume || !existing.isComplete {
            throw .otherRun(path: path, field: difference.field, journal: difference.journal, now: difference.now)
        }
        if let existing, !existing.isComplete, !resume { throw .unfinished(path: path, done: existing.entries.count, expected: existing.header.agencies) }
        let continuing = resume ? existing : nil
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (continuing == nil ? O_TRUNC : 0), 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, detail: String(cString: strerror(errno))) }
        self.descriptor = descriptor
        entries = continuing?.entries ?? []
        resumptions = continuing?.resumptions ?? []
        length = 0
        if let continuing {
            // Cut a torn last line, then note the resumption.
            guard ftruncate(descriptor, off_t(continuing.completeLength)) == 0 else {
                throw .cannotWrite(path: path, detail: String(cString: strerror(errno)))
            }
            length = continuing.completeLength
            let resumed = Resumption(at: RFC3339.string(from: now), source: source)
            try write(try encoded(JournalRecord(resumed: resumed)))
            resumptions.append(resumed)
        } else {
            try write(try encoded(header))
        }
    }

    deinit { close(descriptor) }

    /// Registry positions already in the journal: a resumed run skips them.
    public var finishedPositions: Set<Int> { Set(entries.map(\.position)) }

    public func append(position: Int, audit: AgencyAudit) throws(JournalError) {
        let line = try encoded(JournalRecord(position: position, audit: audit))
        let offset = length
        try write(line)
        entries.append(JournalFile.Entry(position: position, id: audit.agency.id, offset: offset, length: line.count - 1, counts: StatusCounts(audit)))
    }

    /// Flushes the journal to disk and returns it for reading: reports are rendered from here.
    public func finish() throws(JournalError) -> JournalFile {
        fsync(descriptor)
        return try JournalFile(path: path, header: header, entries: entries, resumptions: resumptions, completeLength: length)
    }

    private func encoded(_ value: some Encodable) throws(JournalError) -> Data {
        do {
            return try encoder.encode(value) + Data([0x0A])
        } catch {
            throw .cannotWrite(path: path, detail: "\(error)")
        }
    }

    private func write(_ line: Data) throws(JournalError) {
        var written = 0
        while written < line.count {
            let count = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + written, line.count - written, off_t(length + written)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw .cannotWrite(path: path, detail: String(cString: strerror(errno))) }
            written += count
        }
        length += line.count
    }
}
