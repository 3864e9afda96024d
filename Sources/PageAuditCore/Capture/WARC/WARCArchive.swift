import Foundation

/// A WARC file (`.warc`, or `.warc.gz` with one gzip member per record) read as the evidence of an
/// offline audit. Reading it never touches the network.
///
/// - Captures are the `response` records, plus the `metadata` records `WARCWriter` writes for a
///   capture that failed on the network. They are looked up as `FolderSnapshotSet` looks up its
///   manifest: the exact address, then ignoring the scheme and `www.`, then VK API answers by method
///   and group (`VKAPIAnswerKey`). When an address was captured more than once the newest
///   `WARC-Date` wins (a tie goes to the later record in the file).
/// - Before a record is used its `WARC-Block-Digest` and `WARC-Payload-Digest` are verified. A digest
///   that does not match, or cannot be checked (an algorithm other than sha1 and sha256), makes the
///   capture `unreadableFile`, never silently used. A record without digests is used as it is:
///   WARC makes digests optional, and our writer always writes them.
/// - The body handed on is the entity body: chunked transfer coding and gzip/deflate content coding
///   removed, at most `bodyLimit` bytes after decompression.
/// - Damage (truncation, wrong Content-Length, garbage between records, corrupt gzip) is listed in
///   `problems`; a damaged record's address reads as `unreadableFile`, and the other records stay
///   usable. `init` throws only when the file cannot be read or holds no undamaged record.
///
/// The file is memory-mapped: it must not be truncated while the archive is in use.
public struct WARCArchive: CaptureSource {
    /// The warc-fields name of the capture error in a `metadata` record.
    static let captureErrorField = "pageaudit-capture-error"
    /// The most an entity body may inflate to (a gzip bomb gives a failure, not exhausted memory).
    public static let bodyLimit = 64 * 1024 * 1024

    public let file: URL
    /// What was damaged or skipped while reading the file, in file order.
    public let problems: [WARCError]

    private enum Kind: Sendable { case response, captureFailure }

    private struct Capture: Sendable {
        var address: WebAddress
        var date: Date?
        var record: Int
        var kind: Kind
    }

    private let data: Data
    private let compressed: Bool
    private let records: [WARCRecordLocation]
    private let captures: [Capture]
    private let exact: [String: Int]
    private let loose: [String: Int]
    private let apiAnswers: [String: Int]
    /// The as-of instant the live run that wrote this archive evaluated at (`pageaudit-as-of` in its
    /// warcinfo record), so a replay evaluates at the same instant and gives the same findings.
    public let recordedAsOf: Date?

    public init(file: URL) throws(WARCError) {
        let path = file.path
        let data: Data
        do { data = try Data(contentsOf: file, options: .alwaysMapped) } catch {
            throw .fileUnreadable(path: path, detail: error.localizedDescription)
        }
        let scan = WARCReader.scan(data, path: path)
        guard scan.records.contains(where: { $0.damage == nil }) else {
            throw .noRecords(path: path, firstProblem: scan.problems.first?.problem.en)
        }
        self.file = file
        self.data = data
        self.compressed = scan.compressed
        self.records = scan.records
        self.problems = scan.problems
        if let info = scan.records.first(where: { $0.damage == nil && $0.header.type == "warcinfo" }),
           case .success(let block) = WARCReader.block(of: info, in: data, compressed: scan.compressed) {
            let prefix = "pageaudit-as-of:"
            let line = String(decoding: block, as: UTF8.self).components(separatedBy: "\r\n").first { $0.hasPrefix(prefix) }
            self.recordedAsOf = line.flatMap { RFC3339.date(from: String($0.dropFirst(prefix.count))) }
        } else {
            self.recordedAsOf = nil
        }

        var captures: [Capture] = []
        for (index, record) in scan.records.enumerated() {
            let kind: Kind
            switch record.header.type {
            case "response":
                kind = .response
            case "metadata":
                // Only our capture-failure records; other metadata describes something else.
                guard record.damage == nil, record.contentLength <= 64 * 1024,
                      case .success(let block) = WARCReader.block(of: record, in: data, compressed: scan.compressed),
                      Self.captureError(in: block) != nil else { continue }
                kind = .captureFailure
            default:
                continue
            }
            guard let uri = record.header.targetURI, let address = WebAddress(uri) else { continue }
            captures.append(Capture(address: address, date: record.header.date, record: index, kind: kind))
        }
        self.captures = captures

        var exact: [String: Int] = [:], loose: [String: Int] = [:], apiAnswers: [String: Int] = [:]
        func isNewer(_ candidate: Int, than current: Int?) -> Bool {
            guard let current else { return true }
            let a = captures[candidate], b = captures[current]
            let dateA = a.date ?? .distantPast, dateB = b.date ?? .distantPast
            return dateA != dateB ? dateA > dateB : a.record > b.record
        }
        for (index, capture) in captures.enumerated() {
            if isNewer(index, than: exact[capture.address.description]) { exact[capture.address.description] = index }
            if isNewer(index, than: loose[capture.address.looseKey]) { loose[capture.address.looseKey] = index }
            for key in VKAPIAnswerKey.keys(of: capture.address) where isNewer(index, than: apiAnswers[key]) {
                apiAnswers[key] = index
            }
        }
        self.exact = exact
        self.loose = loose
        self.apiAnswers = apiAnswers
    }

    /// The newest capture time in the archive: the default "as of" instant of an offline audit.
    /// Damaged records do not count: their dates may be damaged too.
    public var latestCaptureTime: Date? {
        captures.filter { records[$0.record].damage == nil }.compactMap(\.date).max()
    }

    public func capture(_ address: WebAddress) async -> Result<CapturedResponse, CaptureFailure> {
        let found = exact[address.description] ?? loose[address.looseKey]
            ?? VKAPIAnswerKey.keys(of: address).lazy.compactMap { apiAnswers[$0] }.first
        guard let found else { return .failure(CaptureFailure(reason: .notCaptured, address: address.displayString)) }
        return read(captures[found])
    }

    /// Checks every record's digests and the whole file's structure: the problems found, in file
    /// order (empty when the archive is sound).
    public func verify() -> [WARCError] {
        var found = problems
        for record in records where record.damage == nil {
            if case .failure(let detail) = verifiedBlock(record) {
                found.append(.damagedRecord(path: file.path, offset: record.offset, recordID: record.header.recordID, detail: detail.description))
            }
        }
        return found.sorted { offset(of: $0) < offset(of: $1) }
    }

    // MARK: Reading

    private func read(_ capture: Capture) -> Result<CapturedResponse, CaptureFailure> {
        let record = records[capture.record]
        let display = capture.address.displayString
        func unreadable(_ detail: String) -> Result<CapturedResponse, CaptureFailure> {
            let place = "WARC \(file.lastPathComponent), offset \(record.offset)" + (record.header.recordID.map { ", record \($0)" } ?? "")
            return .failure(CaptureFailure(reason: .unreadableFile, address: display, capturedAt: capture.date, detail: "\(place): \(detail)"))
        }
        if let damage = record.damage { return unreadable(damage) }
        guard let date = capture.date else { return unreadable("WARC-Date is missing or not a W3C-DTF UTC time") }
        let block: Data
        switch verifiedBlock(record) {
        case .success(let verified): block = verified
        case .failure(let detail): return unreadable(detail.description)
        }
        if capture.kind == .captureFailure {
            return .failure(CaptureFailure(reason: .network, address: display, capturedAt: date, detail: Self.captureError(in: block)))
        }
        if let reason = record.header.value("WARC-Truncated") {
            return unreadable("the capture was cut short (WARC-Truncated: \(reason)), so the page is incomplete")
        }
        guard let message = HTTPMessage.parse(block), let status = message.status else {
            return unreadable("the record does not hold an HTTP response")
        }
        switch message.decodedBody(of: block, limit: Self.bodyLimit) {
        case .success(let body):
            return .success(CapturedResponse(address: capture.address, capturedAt: date, status: status,
                                             contentType: message.value("Content-Type"), body: body))
        case .failure(let problem):
            return unreadable(problem.description)
        }
    }

    /// The block, once its digests are checked.
    private func verifiedBlock(_ record: WARCRecordLocation) -> Result<Data, WARCProblemText> {
        let block: Data
        switch WARCReader.block(of: record, in: data, compressed: compressed) {
        case .success(let read): block = read
        case .failure(let detail): return .failure(detail)
        }
        if let label = record.header.value("WARC-Block-Digest") {
            switch WARCDigest.verify(label, of: block) {
            case .matches: break
            case .differs: return .failure("WARC-Block-Digest \(label) does not match the record: it was altered or damaged after capture")
            case .unverifiable(let why): return .failure("WARC-Block-Digest cannot be checked: \(why)")
            }
        }
        if let label = record.header.value("WARC-Payload-Digest"), record.header.type != "revisit" {
            guard let message = HTTPMessage.parse(block) else {
                return .failure("WARC-Payload-Digest cannot be checked: the block is not an HTTP message")
            }
            // The payload as WARC 1.1 defines it (chunked coding removed), or the stored body as
            // warcio and older crawlers digest it.
            var verdicts = WARCWriter.payload(of: block, message: message).map { WARCDigest.verify(label, of: $0) }
            if verdicts.contains(.matches) { verdicts = [.matches] }
            switch verdicts.first ?? .differs {
            case .matches: break
            case .differs: return .failure("WARC-Payload-Digest \(label) does not match the body: it was altered or damaged after capture")
            case .unverifiable(let why): return .failure("WARC-Payload-Digest cannot be checked: \(why)")
            }
        }
        return .success(block)
    }

    /// The capture error named in a `metadata` block in application/warc-fields form.
    static func captureError(in block: Data) -> String? {
        let prefix = captureErrorField + ":"
        for line in String(decoding: block, as: UTF8.self).components(separatedBy: "\r\n") where line.hasPrefix(prefix) {
            return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    private func offset(of error: WARCError) -> Int {
        switch error {
        case .garbage(_, let offset, _), .damagedRecord(_, let offset, _, _): offset
        case .fileUnreadable, .noRecords: -1
        }
    }
}
