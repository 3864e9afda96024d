import Foundation

/// The header of a WARC record: the version line and the named fields, in order (WARC 1.1 §4).
struct WARCRecordHeader: Sendable {
    var version: String
    var fields: [(name: String, value: String)]

    init(version: String = "WARC/1.1", fields: [(name: String, value: String)]) {
        self.version = version
        self.fields = fields
    }

    /// The first value of a field; names are case-insensitive.
    func value(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    var type: String? { value("WARC-Type")?.lowercased() }
    var recordID: String? { value("WARC-Record-ID") }
    var date: Date? { value("WARC-Date").flatMap(WARCDate.date(from:)) }

    /// The target URI; `<…>` around it (written by wget 1.19, and by WARC 1.0's grammar) is removed.
    var targetURI: String? {
        guard var uri = value("WARC-Target-URI") else { return nil }
        if uri.hasPrefix("<"), uri.hasSuffix(">"), uri.count >= 2 { uri = String(uri.dropFirst().dropLast()) }
        return uri
    }

    /// Content-Length when it is a plain decimal number (no sign, no spaces inside, at most 18 digits).
    var contentLength: Int? {
        guard let text = value("Content-Length"), !text.isEmpty, text.count <= 18,
              text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }

    func serialized() -> Data {
        var text = version + "\r\n"
        for field in fields { text += "\(field.name): \(field.value)\r\n" }
        text += "\r\n"
        return Data(text.utf8)
    }

    static let terminator: [UInt8] = [13, 10, 13, 10]

    /// Parses a header given its bytes up to and including the blank line. Lines end in CRLF;
    /// a line starting with a space or tab continues the previous field.
    static func parse(_ bytes: some Collection<UInt8>) -> Result<WARCRecordHeader, WARCFormatProblem> {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        while lines.last == "" { lines.removeLast() }
        guard let first = lines.first, first.hasPrefix("WARC/"), first.count <= 16 else {
            return .failure(.notWARC)
        }
        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                guard !fields.isEmpty else { return .failure(.badField(line)) }
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { return .failure(.badField(line)) }
            let name = String(line[..<colon])
            guard !name.isEmpty, !name.contains(" "), !name.contains("\t") else { return .failure(.badField(line)) }
            fields.append((name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return .success(WARCRecordHeader(version: first, fields: fields))
    }
}

/// Why bytes are not a well-formed WARC record header.
enum WARCFormatProblem: Error, Equatable, CustomStringConvertible {
    case notWARC
    case badField(String)
    case headerTooLong(limit: Int)

    var description: String {
        switch self {
        case .notWARC: "the bytes do not start with a WARC/1.x version line"
        case .badField(let line): "the header line \"\(line.prefix(80))\" is not a named field"
        case .headerTooLong(let limit): "the record header has no end within \(limit) bytes"
        }
    }
}

/// A record to write: header fields (without Content-Length, which is added) and the block.
struct WARCRecord {
    var fields: [(name: String, value: String)]
    var block: Data

    /// `WARC/1.1`, the fields, `Content-Length`, a blank line, the block, and two CRLFs (§4).
    func serialized() -> Data {
        var data = WARCRecordHeader(fields: fields + [("Content-Length", String(block.count))]).serialized()
        data.append(block)
        data.append(contentsOf: WARCRecordHeader.terminator)
        return data
    }

    static func newRecordID() -> String { "<urn:uuid:\(UUID().uuidString.lowercased())>" }
}

extension UnsafeRawBufferPointer {
    /// Where `pattern` first occurs within `range`, if at all.
    func find(_ pattern: [UInt8], in range: Range<Int>) -> Range<Int>? {
        guard let base = baseAddress, !pattern.isEmpty else { return nil }
        let range = range.clamped(to: 0..<count)
        guard range.count >= pattern.count else { return nil }
        var index = range.lowerBound
        let last = range.upperBound - pattern.count
        while index <= last {
            guard let hit = memchr(base + index, Int32(pattern[0]), last - index + 1) else { return nil }
            let position = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + position, pattern, pattern.count) == 0 { return position..<(position + pattern.count) }
            index = position + 1
        }
        return nil
    }
}

extension Data {
    /// Where `pattern` first occurs within the first `limit` bytes, as offsets from the start.
    func find(_ pattern: [UInt8], limit: Int = .max) -> Range<Int>? {
        withUnsafeBytes { $0.find(pattern, in: 0..<Swift.min($0.count, limit)) }
    }
}

/// A sentence saying why a record cannot be used, for `Result` failures.
struct WARCProblemText: Error, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    var description: String
    init(_ description: String) { self.description = description }
    init(stringLiteral value: String) { description = value }
    init(stringInterpolation: DefaultStringInterpolation) { description = String(stringInterpolation: stringInterpolation) }
}
