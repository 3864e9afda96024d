import Foundation

/// The HTTP message stored in a `request` or `response` record block: the head parsed, the body
/// kept as bytes. Parsing is tolerant of what servers send (bare LF line ends, folded headers) and
/// bounded: the head may be at most `maxHeadBytes`.
struct HTTPMessage: Sendable {
    static let maxHeadBytes = 256 * 1024

    /// The first line: `HTTP/1.1 200 OK` or `GET /path HTTP/1.1`.
    var startLine: String
    var headers: [(name: String, value: String)]
    /// Where the body starts in the block.
    var bodyOffset: Int

    func value(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    func values(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// The status of a response (`HTTP/1.1 404 Not Found` → 404), if the start line is one.
    var status: Int? {
        let parts = startLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3,
              let status = Int(parts[1]), (100...599).contains(status) else { return nil }
        return status
    }

    /// Codings listed in a header (`gzip, chunked` → [`gzip`, `chunked`]), lowercased, in order.
    func codings(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",") }
            .map { $0.split(separator: ";").first.map(String.init) ?? "" }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
    }

    /// Parses the head of an HTTP message at the start of `block`.
    static func parse(_ block: Data) -> HTTPMessage? {
        block.withUnsafeBytes { raw -> HTTPMessage? in
            let limit = min(raw.count, maxHeadBytes)
            // The head ends at the first empty line, whether lines end in CRLF or a bare LF.
            let crlf = raw.find([13, 10, 13, 10], in: 0..<limit)
            let lf = raw.find([10, 10], in: 0..<limit)
            let end: Range<Int>
            switch (crlf, lf) {
            case let (a?, b?): end = a.lowerBound <= b.lowerBound ? a : b
            case let (a?, nil): end = a
            case let (nil, b?): end = b
            case (nil, nil): return nil
            }
            // Split the bytes, not a String: "\r\n" is one Character in Swift.
            var lines = UnsafeRawBufferPointer(rebasing: raw[0..<end.lowerBound])
                .split(separator: 10, omittingEmptySubsequences: false)
                .map { line in String(decoding: line.last == 13 ? line.dropLast() : line[...], as: UTF8.self) }
            guard !lines.isEmpty else { return nil }
            let startLine = lines.removeFirst()
            guard !startLine.isEmpty else { return nil }
            var headers: [(name: String, value: String)] = []
            for line in lines {
                if line.hasPrefix(" ") || line.hasPrefix("\t") {
                    if !headers.isEmpty { headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces) }
                    continue
                }
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((line[..<colon].trimmingCharacters(in: .whitespaces),
                                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            return HTTPMessage(startLine: startLine, headers: headers, bodyOffset: end.upperBound)
        }
    }

    /// The body with chunked transfer coding removed. Fails on a malformed or unfinished chunk
    /// stream. The output is never larger than the input, so no limit is needed.
    static func dechunk(_ body: Data) -> Result<Data, HTTPBodyProblem> {
        body.withUnsafeBytes { raw -> Result<Data, HTTPBodyProblem> in
            var output = Data()
            var position = 0
            func line() -> String? {
                guard let newline = raw.find([10], in: position..<min(raw.count, position + 4096)) else { return nil }
                var text = String(decoding: UnsafeRawBufferPointer(rebasing: raw[position..<newline.lowerBound]), as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                position = newline.upperBound
                return text
            }
            while true {
                guard let sizeLine = line() else { return .failure(.chunkedIncomplete) }
                let digits = sizeLine.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard !digits.isEmpty, digits.count <= 15, let size = Int(digits, radix: 16) else {
                    return .failure(.chunkedMalformed("chunk size \"\(sizeLine.prefix(40))\""))
                }
                if size == 0 {
                    // Trailer fields up to an empty line; a missing final empty line is tolerated.
                    while let trailer = line(), !trailer.isEmpty {}
                    return .success(output)
                }
                guard size <= raw.count - position else { return .failure(.chunkedIncomplete) }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position..<(position + size)]))
                position += size
                guard let separator = line(), separator.isEmpty else {
                    return .failure(.chunkedMalformed("no line end after a \(size)-byte chunk"))
                }
            }
        }
    }

    /// The entity body of a response: transfer coding removed, then content coding (gzip,
    /// deflate) removed, never more than `limit` bytes after decompression.
    func decodedBody(of block: Data, limit: Int) -> Result<Data, HTTPBodyProblem> {
        var body = Data(block[(block.startIndex + bodyOffset)...])
        if let status, (100..<200).contains(status) || status == 204 || status == 304 { return .success(Data()) }
        let transfer = codings("Transfer-Encoding")
        if transfer.isEmpty {
            if let declared = value("Content-Length"), let length = Int(declared.trimmingCharacters(in: .whitespaces)), length >= 0 {
                guard body.count >= length else { return .failure(.truncated(have: body.count, declared: length)) }
                body = body.prefix(length)
            }
        } else {
            for coding in transfer.reversed() {
                switch decode(body, coding: coding, limit: limit) {
                case .success(let decoded): body = decoded
                case .failure(let problem): return .failure(problem)
                }
            }
        }
        for coding in codings("Content-Encoding").reversed() {
            switch decode(body, coding: coding, limit: limit) {
            case .success(let decoded): body = decoded
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(body)
    }

    private func decode(_ body: Data, coding: String, limit: Int) -> Result<Data, HTTPBodyProblem> {
        switch coding {
        case "identity": return .success(body)
        case "chunked": return HTTPMessage.dechunk(body)
        case "gzip", "x-gzip": return Gzip.decode(body, coding: .gzip, limit: limit).mapError { .compression(coding, $0) }
        case "deflate": return Gzip.decode(body, coding: .deflate, limit: limit).mapError { .compression(coding, $0) }
        default: return .failure(.unsupportedCoding(coding))
        }
    }
}

/// Why the body of a stored HTTP message cannot be read.
enum HTTPBodyProblem: Error, Equatable, CustomStringConvertible {
    case chunkedIncomplete
    case chunkedMalformed(String)
    case truncated(have: Int, declared: Int)
    case compression(String, Gzip.Failure)
    case unsupportedCoding(String)

    var description: String {
        switch self {
        case .chunkedIncomplete: "the chunked body ends before its last chunk"
        case .chunkedMalformed(let detail): "the chunked body is malformed (\(detail))"
        case .truncated(let have, let declared): "the body has \(have) bytes but Content-Length says \(declared)"
        case .compression(let coding, let failure): "the \(coding) body cannot be decoded: \(failure)"
        case .unsupportedCoding(let coding): "the coding \"\(coding)\" is not supported (gzip, deflate and chunked are)"
        }
    }
}
