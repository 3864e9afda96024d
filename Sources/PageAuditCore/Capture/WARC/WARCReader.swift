import Foundation

/// Where one record lies in a WARC file, as a scan found it.
struct WARCRecordLocation: Sendable {
    /// The record's first byte in the file: its gzip member in a `.warc.gz`.
    var offset: Int
    /// Its bytes in the file (the whole member, or the record with its two closing CRLFs).
    var length: Int
    var header: WARCRecordHeader
    /// Bytes of the header, blank line included, from the start of the (inflated) record.
    var headerLength: Int
    var contentLength: Int
    /// Why the record cannot be used, when it cannot.
    var damage: String?
}

struct WARCScan: Sendable {
    var records: [WARCRecordLocation] = []
    var problems: [WARCError] = []
    var compressed = false
}

/// Finds the records of a WARC file, plain or with one gzip member per record, without loading
/// their blocks. Hostile input is bounded: a header may be at most 64 KiB, a Content-Length is
/// checked against the bytes there are (never allocated), garbage between records is skipped and
/// reported, and a damaged record is kept as such (so its address reads as unreadable) while the
/// scan goes on with the next record.
enum WARCReader {
    static let maxHeaderBytes = 64 * 1024
    /// A record block larger than this is not loaded into memory.
    static let maxBlockBytes = 512 * 1024 * 1024

    private static let warcMagic = Array("WARC/".utf8)
    private static let versionPrefix = Array("WARC/1.".utf8)
    private static let gzipMagic: [UInt8] = [0x1F, 0x8B, 0x08]

    static func scan(_ data: Data, path: String) -> WARCScan {
        data.withUnsafeBytes { raw in
            raw.count >= 2 && raw[0] == 0x1F && raw[1] == 0x8B ? scanGzip(raw, path: path) : scanPlain(raw, path: path)
        }
    }

    // MARK: Plain files

    private static func scanPlain(_ raw: UnsafeRawBufferPointer, path: String) -> WARCScan {
        var scan = WARCScan()
        var position = 0
        while position < raw.count {
            // Blank lines between records are tolerated, as most readers tolerate them.
            if raw[position] == 13 || raw[position] == 10 { position += 1; continue }
            guard startsWith(raw, warcMagic, at: position) else {
                let next = nextPlainRecord(raw, from: position + 1) ?? raw.count
                scan.problems.append(.garbage(path: path, offset: position, length: next - position))
                position = next
                continue
            }
            let start = position
            func skip(from resume: Int) { position = nextPlainRecord(raw, from: resume) ?? raw.count }
            let headerWindow = start..<min(raw.count, start + maxHeaderBytes)
            guard let headerEnd = raw.find(WARCRecordHeader.terminator, in: headerWindow) else {
                let detail = headerWindow.upperBound == raw.count ? "the file ends inside the record header"
                    : WARCFormatProblem.headerTooLong(limit: maxHeaderBytes).description
                scan.problems.append(.damagedRecord(path: path, offset: start, recordID: nil, detail: detail))
                skip(from: start + 1)
                continue
            }
            let header: WARCRecordHeader
            switch WARCRecordHeader.parse(UnsafeRawBufferPointer(rebasing: raw[start..<headerEnd.upperBound])) {
            case .success(let parsed): header = parsed
            case .failure(let problem):
                scan.problems.append(.damagedRecord(path: path, offset: start, recordID: nil, detail: problem.description))
                skip(from: start + 1)
                continue
            }
            let headerLength = headerEnd.upperBound - start
            var location = WARCRecordLocation(offset: start, length: 0, header: header, headerLength: headerLength,
                                              contentLength: header.contentLength ?? 0)
            guard let length = header.contentLength else {
                location.damage = "Content-Length is missing or not a number"
                keep(location, in: &scan, path: path)
                skip(from: headerEnd.upperBound)
                continue
            }
            let available = raw.count - headerEnd.upperBound
            guard length <= available - 4 else {
                location.damage = "Content-Length says \(length) bytes but the file holds only \(max(available, 0)) after the header (truncated file or wrong Content-Length)"
                keep(location, in: &scan, path: path)
                skip(from: headerEnd.upperBound)
                continue
            }
            let end = headerEnd.upperBound + length
            guard startsWith(raw, WARCRecordHeader.terminator, at: end) else {
                location.damage = "the block does not end where Content-Length (\(length)) says: no two CRLFs follow it"
                keep(location, in: &scan, path: path)
                skip(from: headerEnd.upperBound)
                continue
            }
            location.length = end + 4 - start
            scan.records.append(location)
            position = end + 4
        }
        return scan
    }

    /// The next version line (`WARC/1.0` or `WARC/1.1` and CRLF) at or after `from`. It need not
    /// start a line: garbage before it may end in any byte.
    private static func nextPlainRecord(_ raw: UnsafeRawBufferPointer, from: Int) -> Int? {
        var position = from
        while let hit = raw.find(versionPrefix, in: position..<raw.count) {
            let next = hit.upperBound
            if next + 3 <= raw.count, (48...57).contains(raw[next]), raw[next + 1] == 13, raw[next + 2] == 10 {
                return hit.lowerBound
            }
            position = hit.lowerBound + 1
        }
        return nil
    }

    // MARK: Gzip files

    /// Collects the inflated start of a member (its WARC header) and counts the rest.
    private final class MemberReader {
        var head: [UInt8] = []
        var header: WARCRecordHeader?
        var headerLength: Int?
        var problem: String?
        var notWARC = false
        var expected: Int?
        var total = 0
        var tail: [UInt8] = []
        var overflow = false

        func take(_ chunk: UnsafeRawBufferPointer) -> Bool {
            if headerLength == nil, problem == nil {
                let room = WARCReader.maxHeaderBytes - head.count
                head.append(contentsOf: chunk.prefix(room))
                if head.count >= 5, !head.starts(with: WARCReader.warcMagic) {
                    notWARC = true
                    problem = WARCFormatProblem.notWARC.description
                    return false
                }
                let found = head.withUnsafeBytes { $0.find(WARCRecordHeader.terminator, in: 0..<head.count) }
                if let found {
                    headerLength = found.upperBound
                    switch WARCRecordHeader.parse(head[0..<found.upperBound]) {
                    case .success(let parsed):
                        header = parsed
                        if let length = parsed.contentLength {
                            expected = found.upperBound + length + 4
                        } else {
                            problem = "Content-Length is missing or not a number"
                        }
                    case .failure(let failure):
                        problem = failure.description
                    }
                } else if head.count >= WARCReader.maxHeaderBytes {
                    problem = WARCFormatProblem.headerTooLong(limit: WARCReader.maxHeaderBytes).description
                    return false
                }
            }
            total += chunk.count
            tail = Array((tail + chunk.suffix(4)).suffix(4))
            // Stop inflating as soon as the member holds more than its record, or more than any
            // record we would read: a gzip bomb costs time up to that bound, and no memory.
            if total > (expected ?? (WARCReader.maxBlockBytes + WARCReader.maxHeaderBytes)) {
                overflow = true
                return false
            }
            return true
        }
    }

    private static func scanGzip(_ raw: UnsafeRawBufferPointer, path: String) -> WARCScan {
        var scan = WARCScan(compressed: true)
        var position = 0
        while position < raw.count {
            guard startsWith(raw, gzipMagic, at: position) else {
                let next = nextGzipRecord(raw, from: position + 1) ?? raw.count
                scan.problems.append(.garbage(path: path, offset: position, length: next - position))
                position = next
                continue
            }
            let start = position
            let reader = MemberReader()
            let end = Gzip.inflateMember(raw, from: start, outputLimit: .max, sink: reader.take)
            var location = reader.header.map {
                WARCRecordLocation(offset: start, length: 0, header: $0, headerLength: reader.headerLength ?? 0,
                                   contentLength: $0.contentLength ?? 0)
            }
            func damaged(_ detail: String) {
                if var record = location {
                    record.damage = detail
                    keep(record, in: &scan, path: path)
                } else {
                    scan.problems.append(.damagedRecord(path: path, offset: start, recordID: nil, detail: detail))
                }
            }
            switch end {
            case .complete(let compressedLength, let output):
                position = start + compressedLength
                if output == 0 {
                    // An empty member (some tools end a file with one) holds nothing to read.
                    continue
                } else if let problem = reader.problem {
                    damaged(problem)
                } else if location == nil || reader.headerLength == nil {
                    damaged("the gzip member ends inside the record header")
                } else if let expected = reader.expected, reader.total < expected {
                    damaged("the record inflates to \(reader.total) bytes but its header and Content-Length (\(location!.contentLength)) need \(expected) (truncated record or wrong Content-Length)")
                } else if reader.tail != WARCRecordHeader.terminator {
                    damaged("the record does not end with two CRLFs")
                } else {
                    location!.length = compressedLength
                    scan.records.append(location!)
                }
            case .stopped(let consumed):
                if reader.notWARC {
                    damaged("the gzip member does not hold a WARC record")
                } else if reader.overflow {
                    damaged(reader.expected == nil ? reader.problem ?? "the gzip member is too large"
                        : "the gzip member holds more than its record: the whole file may be one gzip stream (recompress it with one member per record, e.g. warcio recompress) or Content-Length is too small")
                } else {
                    damaged(reader.problem ?? "the record header cannot be read")
                }
                position = nextGzipRecord(raw, from: start + max(consumed, 1)) ?? raw.count
            case .failed(.truncated):
                damaged("the file ends inside this record's gzip member (truncated file)")
                position = raw.count
            case .failed(let failure):
                damaged("the gzip member cannot be inflated: \(failure)")
                position = nextGzipRecord(raw, from: start + 1) ?? raw.count
            case .outputLimitExceeded:
                damaged("the gzip member is too large")
                position = nextGzipRecord(raw, from: start + 1) ?? raw.count
            }
        }
        return scan
    }

    /// The next gzip member, at or after `from`, whose inflated bytes start with `WARC/`. Each
    /// candidate is tried on at most 64 KiB of input.
    private static func nextGzipRecord(_ raw: UnsafeRawBufferPointer, from: Int) -> Int? {
        var position = from
        while let hit = raw.find(gzipMagic, in: position..<raw.count) {
            let window = UnsafeRawBufferPointer(rebasing: raw[hit.lowerBound..<min(raw.count, hit.lowerBound + 64 * 1024)])
            var head: [UInt8] = []
            _ = Gzip.inflateMember(window, from: 0, outputLimit: .max) { chunk in
                head.append(contentsOf: chunk.prefix(5 - head.count))
                return head.count < 5
            }
            if head == warcMagic { return hit.lowerBound }
            position = hit.lowerBound + 1
        }
        return nil
    }

    // MARK: Reading one record

    /// The block of a record, inflated if need be. Bounded by the record's Content-Length, which
    /// the scan checked against the bytes there are.
    static func block(of location: WARCRecordLocation, in data: Data, compressed: Bool) -> Result<Data, WARCProblemText> {
        guard location.contentLength <= maxBlockBytes else {
            return .failure("the record block is \(location.contentLength) bytes, more than the \(maxBlockBytes >> 20) MiB this reader loads")
        }
        return data.withUnsafeBytes { raw -> Result<Data, WARCProblemText> in
            let blockStart = location.headerLength, blockEnd = location.headerLength + location.contentLength
            if compressed {
                switch Gzip.inflateMember(raw, from: location.offset, limit: blockEnd + 4) {
                case .success(let (record, _)):
                    guard record.count >= blockEnd else { return .failure("the record is shorter than its Content-Length") }
                    return .success(Data(record[blockStart..<blockEnd]))
                case .failure(let failure):
                    return .failure("the gzip member cannot be read: \(failure)")
                }
            }
            guard location.offset + blockEnd <= raw.count else { return .failure("the record lies beyond the end of the file") }
            return .success(Data(UnsafeRawBufferPointer(rebasing: raw[(location.offset + blockStart)..<(location.offset + blockEnd)])))
        }
    }

    // MARK: Helpers

    private static func keep(_ location: WARCRecordLocation, in scan: inout WARCScan, path: String) {
        scan.records.append(location)
        scan.problems.append(.damagedRecord(path: path, offset: location.offset, recordID: location.header.recordID,
                                            detail: location.damage ?? ""))
    }

    private static func startsWith(_ raw: UnsafeRawBufferPointer, _ pattern: [UInt8], at position: Int) -> Bool {
        guard position >= 0, position + pattern.count <= raw.count else { return false }
        for (index, byte) in pattern.enumerated() where raw[position + index] != byte { return false }
        return true
    }
}
