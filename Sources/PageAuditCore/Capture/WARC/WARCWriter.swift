import Foundation

/// Writes the evidence of a live capture as a WARC 1.1 file (ISO 28500:2017) and, when finished,
/// a CDXJ index beside it.
///
/// - A file whose name ends in `.gz` gets one gzip member per record (WARC 1.1 annex A), so the
///   index offsets point at members and any record can be read without inflating the ones before.
/// - The file starts with a `warcinfo` record. Each exchange becomes a `response` record followed by
///   its `request` record, tied together with `WARC-Concurrent-To` on both. The response comes
///   first because it is the evidence the index points at; this is the order Heritrix and warcio
///   write, and a file cut short after a response never holds a request whose response is missing.
/// - Digests are `sha256:` and lowercase hex (see `WARCDigest`). `WARC-Payload-Digest` is computed,
///   as WARC 1.1 §6.3.2 defines the payload, over the entity body with the chunked transfer coding
///   removed (but content coding kept).
/// - An exchange that still carries an `access_token=` value is refused (`WARCSecretGuard`): the
///   caller strips tokens first.
/// - An existing file is never overwritten.
///
/// Not Sendable: one writer per run, used from one task.
public final class WARCWriter {
    public let file: URL
    /// `<file>.cdxj`, written by `finish()`.
    public var indexFile: URL { URL(fileURLWithPath: file.path + ".cdxj") }
    public let warcinfoID: String

    private let handle: FileHandle
    private let compressed: Bool
    private var offset = 0
    private var entries: [CDXJEntry] = []
    private var closed = false

    /// Creates the file (and its folder) and writes the `warcinfo` record: `software:
    /// pageaudit/<version>`, `format: WARC File Format 1.1`, then `info` in order (checklist, the
    /// command line without secrets and the like; the caller provides them).
    public init(file: URL, info: [(String, String)]) throws(WARCWriteError) {
        self.file = file.standardizedFileURL
        self.compressed = file.pathExtension.lowercased() == "gz"
        self.warcinfoID = WARCRecord.newRecordID()
        for (name, value) in info {
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && $0 != ":" }),
                  !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }),
                  !WARCSecretGuard.containsToken(Data(value.utf8)) else { throw .invalidInfoField(name: name) }
        }
        let path = self.file.path
        do {
            try FileManager.default.createDirectory(at: self.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: path, detail: error.localizedDescription)
        }
        // O_EXCL: evidence from an earlier run is never replaced.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .fileExists(path: path) }
            throw .cannotCreate(path: path, detail: String(cString: strerror(code)))
        }
        self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)

        var block = "software: pageaudit/\(PageAuditVersion.current)\r\n"
        block += "format: WARC File Format 1.1\r\n"
        block += "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
        for (name, value) in info { block += "\(name): \(value)\r\n" }
        let blockData = Data(block.utf8)
        let record = WARCRecord(fields: [
            ("WARC-Type", "warcinfo"),
            ("WARC-Record-ID", warcinfoID),
            ("WARC-Date", WARCDate.string(from: Date())),
            ("WARC-Filename", self.file.lastPathComponent),
            ("Content-Type", "application/warc-fields"),
            ("WARC-Block-Digest", WARCDigest.label(of: blockData)),
        ], block: blockData)
        _ = try append(record)
    }

    deinit { try? handle.close() }

    /// Writes the response and request records of one exchange, each its own gzip member in a
    /// `.gz` file, and remembers the response for the index. Returns the response record's offset.
    @discardableResult
    public func write(_ exchange: HTTPExchange) throws(WARCWriteError) -> Int {
        guard !closed else { throw .closed(path: file.path) }
        let uri = exchange.targetURI
        if let place = WARCSecretGuard.findToken(in: exchange) { throw .secretInExchange(targetURI: WARCWriteError.redacted(uri), place: place) }
        guard Self.isValidTargetURI(uri) else { throw .invalidTargetURI(uri) }
        if let ip = exchange.peerIP, !Self.isValidIP(ip) { throw .invalidPeerIP(ip) }

        let responseID = WARCRecord.newRecordID(), requestID = WARCRecord.newRecordID()
        let date = WARCDate.string(from: exchange.date)
        var common: [(name: String, value: String)] = [("WARC-Date", date), ("WARC-Target-URI", uri)]
        if let ip = exchange.peerIP { common.append(("WARC-IP-Address", ip)) }
        common.append(("WARC-Warcinfo-ID", warcinfoID))

        let responseHead = HTTPMessage.parse(exchange.response)
        let response = WARCRecord(
            fields: [("WARC-Type", "response"), ("WARC-Record-ID", responseID)] + common + [
                ("WARC-Concurrent-To", requestID),
                ("Content-Type", "application/http;msgtype=response"),
            ] + Self.digestFields(block: exchange.response, message: responseHead),
            block: exchange.response)
        let request = WARCRecord(
            fields: [("WARC-Type", "request"), ("WARC-Record-ID", requestID)] + common + [
                ("WARC-Concurrent-To", responseID),
                ("Content-Type", "application/http;msgtype=request"),
            ] + Self.digestFields(block: exchange.request, message: HTTPMessage.parse(exchange.request)),
            block: exchange.request)

        let (responseOffset, responseLength) = try append(response)
        _ = try append(request)

        let mime = responseHead?.value("Content-Type")?
            .split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\t" }).first.map { String($0).lowercased() }
        entries.append(CDXJEntry(
            urlKey: CDXJIndex.surt(uri), timestamp: WARCDate.timestamp14(from: exchange.date), url: uri,
            mime: mime, status: responseHead?.status.map(String.init),
            digest: response.fields.first { $0.name == "WARC-Payload-Digest" }?.value,
            // In a plain file the length leaves out the two CRLFs that close the record, as warcio
            // and pywb count it; in a .gz file it is the whole member.
            length: compressed ? responseLength : responseLength - 4, offset: responseOffset,
            filename: file.lastPathComponent))
        return responseOffset
    }

    /// Records that a capture failed before any response came (timeout, DNS, TLS, reset), as a
    /// `metadata` record, so an offline audit reports the site as unreachable rather than as not
    /// captured. `detail` says what went wrong (`connection timed out after 30 s`).
    public func writeCaptureFailure(targetURI: String, date: Date, detail: String) throws(WARCWriteError) {
        guard !closed else { throw .closed(path: file.path) }
        let probe = HTTPExchange(targetURI: targetURI, request: Data(detail.utf8), response: Data(), date: date)
        if let place = WARCSecretGuard.findToken(in: probe) { throw .secretInExchange(targetURI: WARCWriteError.redacted(targetURI), place: place) }
        guard Self.isValidTargetURI(targetURI) else { throw .invalidTargetURI(targetURI) }
        // Unicode scalars, not Characters: "\r\n" is one Character.
        let oneLine = String(String.UnicodeScalarView(detail.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : $0 }))
        let block = Data("\(WARCArchive.captureErrorField): \(oneLine)\r\n".utf8)
        let record = WARCRecord(fields: [
            ("WARC-Type", "metadata"),
            ("WARC-Record-ID", WARCRecord.newRecordID()),
            ("WARC-Date", WARCDate.string(from: date)),
            ("WARC-Target-URI", targetURI),
            ("WARC-Warcinfo-ID", warcinfoID),
            ("Content-Type", "application/warc-fields"),
            ("WARC-Block-Digest", WARCDigest.label(of: block)),
        ], block: block)
        _ = try append(record)
    }

    /// Writes the CDXJ index beside the file (`<file>.cdxj`, sorted), flushes the file to disk and
    /// closes it.
    public func finish() throws(WARCWriteError) {
        guard !closed else { throw .closed(path: file.path) }
        closed = true
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw .writeFailed(path: file.path, detail: error.localizedDescription)
        }
        let text = CDXJIndex.sorted(entries).map { $0 + "\n" }.joined()
        do {
            try Data(text.utf8).write(to: indexFile, options: .atomic)
        } catch {
            throw .writeFailed(path: indexFile.path, detail: error.localizedDescription)
        }
    }

    /// Appends a record (as a gzip member in a `.gz` file); returns its offset and length in the file.
    private func append(_ record: WARCRecord) throws(WARCWriteError) -> (Int, Int) {
        var bytes = record.serialized()
        if compressed {
            do { bytes = try Gzip.member(bytes) } catch {
                closed = true
                throw .writeFailed(path: file.path, detail: error.description)
            }
        }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            // A partly written record would shift every later offset: stop here.
            closed = true
            throw .writeFailed(path: file.path, detail: error.localizedDescription)
        }
        let start = offset
        offset += bytes.count
        return (start, bytes.count)
    }

    /// `WARC-Block-Digest` always; `WARC-Payload-Digest` when the block is an HTTP message, over
    /// its body with the chunked transfer coding removed.
    static func digestFields(block: Data, message: HTTPMessage?) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [("WARC-Block-Digest", WARCDigest.label(of: block))]
        if let message, let payload = payload(of: block, message: message).first {
            fields.append(("WARC-Payload-Digest", WARCDigest.label(of: payload)))
        }
        return fields
    }

    /// The payload as WARC 1.1 defines it first (chunked coding removed), then the body exactly as
    /// stored, which is what warcio and older crawlers digest. A malformed chunked body gives only
    /// the stored bytes.
    static func payload(of block: Data, message: HTTPMessage) -> [Data] {
        let raw = Data(block[(block.startIndex + message.bodyOffset)...])
        let transfer = message.codings("Transfer-Encoding").filter { $0 != "identity" }
        guard transfer == ["chunked"], case .success(let decoded) = HTTPMessage.dechunk(raw) else { return [raw] }
        return decoded == raw ? [raw] : [decoded, raw]
    }

    static func isValidTargetURI(_ uri: String) -> Bool {
        let lower = uri.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && uri.count > 8 && uri.utf8.count <= 64 * 1024
            && uri.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && $0 != "<" && $0 != ">" }
    }

    static func isValidIP(_ ip: String) -> Bool {
        !ip.isEmpty && ip.count <= 64 && ip.unicodeScalars.allSatisfy {
            ($0.properties.isASCIIHexDigit) || $0 == "." || $0 == ":" || $0 == "%"
        }
    }
}
