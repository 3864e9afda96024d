import Foundation
@testable import PageAuditCore

/// Exchanges as a live crawler would record them, with the bodies a reader must give back.
enum WARCFixture {
    struct Sample {
        var exchange: HTTPExchange
        /// Where the reader should find it.
        var lookup: WebAddress
        var status: Int
        var contentType: String?
        /// The entity body after transfer and content decoding.
        var body: Data
    }

    static let t0 = Date(timeIntervalSince1970: 1_795_158_904)  // 2026-11-20T07:15:04Z

    static func request(_ path: String, host: String) -> Data {
        Data("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: pageaudit/0.1.0\r\nAccept-Encoding: gzip, deflate\r\n\r\n".utf8)
    }

    static func response(_ head: String, body: Data) -> Data {
        var data = Data((head.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n\r\n").utf8)
        data.append(body)
        return data
    }

    /// `data` in chunked transfer coding, in pieces of `size` bytes, one with a chunk extension.
    static func chunked(_ data: Data, size: Int) -> Data {
        var output = Data()
        var index = data.startIndex
        var first = true
        while index < data.endIndex {
            let end = min(index + size, data.endIndex)
            output.append(Data((String(end - index, radix: 16) + (first ? ";name=value" : "") + "\r\n").utf8))
            output.append(data[index..<end])
            output.append(Data("\r\n".utf8))
            index = end
            first = false
        }
        output.append(Data("0\r\nX-Trailer: yes\r\n\r\n".utf8))
        return output
    }

    /// «Контакты: priemnaya@adm.example.ru» in windows-1251.
    static let cp1251Page: Data = {
        var data = Data("<html><head><meta charset=\"windows-1251\"></head><body><h1>".utf8)
        data.append(contentsOf: [0xCA, 0xEE, 0xED, 0xF2, 0xE0, 0xEA, 0xF2, 0xFB])
        data.append(Data(": priemnaya@adm.example.ru</h1></body></html>".utf8))
        return data
    }()

    static let homeHTML = Data(String(repeating: "<p>Администрация города: приёмная +7 (423) 000-00-00</p>\n", count: 200).utf8)
    static let vkJSON = Data(#"{"response":{"groups":[{"id":218734501,"name":"Администрация","screen_name":"adm_city","is_closed":0,"type":"group"}],"profiles":[]}}"#.utf8)

    static func samples() throws -> [Sample] {
        let gzipped = try Gzip.member(homeHTML)
        let home = HTTPExchange(
            targetURI: "https://www.adm.example.ru/",
            request: request("/", host: "www.adm.example.ru"),
            response: response("HTTP/1.1 200 OK\nServer: nginx\nContent-Type: text/html; charset=utf-8\nContent-Encoding: gzip\nTransfer-Encoding: chunked",
                               body: chunked(gzipped, size: 700)),
            date: t0, peerIP: "192.0.2.10")
        let contacts = HTTPExchange(
            targetURI: "https://www.adm.example.ru/kontakty/",
            request: request("/kontakty/", host: "www.adm.example.ru"),
            response: response("HTTP/1.1 200 OK\nContent-Type: text/html; charset=windows-1251\nContent-Length: \(cp1251Page.count)", body: cp1251Page),
            date: t0.addingTimeInterval(2), peerIP: "192.0.2.10")
        let redirect = HTTPExchange(
            targetURI: "http://adm.example.ru/",
            request: request("/", host: "adm.example.ru"),
            response: response("HTTP/1.1 301 Moved Permanently\nLocation: https://www.adm.example.ru/\nContent-Length: 0", body: Data()),
            date: t0.addingTimeInterval(-1), peerIP: "2001:db8::10")
        let vk = HTTPExchange(
            targetURI: "https://api.vk.com/method/groups.getById?group_ids=adm_city&fields=description,site,contacts&v=5.199",
            request: request("/method/groups.getById?group_ids=adm_city&fields=description,site,contacts&v=5.199", host: "api.vk.com"),
            response: response("HTTP/1.1 200 OK\nContent-Type: application/json; charset=utf-8\nContent-Length: \(vkJSON.count)", body: vkJSON),
            date: t0.addingTimeInterval(10), peerIP: "87.240.129.133")
        return [
            Sample(exchange: home, lookup: WebAddress("https://adm.example.ru/")!, status: 200,
                   contentType: "text/html; charset=utf-8", body: homeHTML),
            Sample(exchange: contacts, lookup: WebAddress("http://adm.example.ru/kontakty/")!, status: 200,
                   contentType: "text/html; charset=windows-1251", body: cp1251Page),
            Sample(exchange: redirect, lookup: WebAddress("http://adm.example.ru/")!, status: 301, contentType: nil, body: Data()),
            Sample(exchange: vk, lookup: VKAPIAnswerKey.groupsAddress(for: "adm_city"), status: 200,
                   contentType: "application/json; charset=utf-8", body: vkJSON),
        ]
    }

    /// A fresh folder under the temporary directory.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes the samples (and a capture failure) to `name` in a new folder; returns the file.
    @discardableResult
    static func write(_ samples: [Sample], name: String = "run.warc.gz", in folder: URL) throws -> (URL, [Int]) {
        let file = folder.appendingPathComponent(name)
        let writer = try WARCWriter(file: file, info: [("checklist", "270-fz 2026.1"), ("command", "pageaudit capture --registry r.csv")])
        var offsets: [Int] = []
        for sample in samples { offsets.append(try writer.write(sample.exchange)) }
        try writer.writeCaptureFailure(targetURI: "https://down.example.ru/", date: t0.addingTimeInterval(20), detail: "connection timed out after 30 s")
        try writer.finish()
        return (file, offsets)
    }

    /// The gzip members of a file: (offset, compressed length, inflated bytes).
    static func members(of data: Data) -> [(Int, Int, Data)] {
        var members: [(Int, Int, Data)] = []
        var offset = 0
        data.withUnsafeBytes { raw in
            while offset < raw.count {
                guard case .success(let (inflated, length)) = Gzip.inflateMember(raw, from: offset, limit: 1 << 26) else { return }
                members.append((offset, length, inflated))
                offset += length
            }
        }
        return members
    }
}

/// A small deterministic random number generator, so a failing fuzz case can be replayed.
struct WARCRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Data {
    /// A short stand-in for comparing bodies, so a failed expectation prints two digests, not two
    /// dumps of 16 kB.
    var sha: String { SHA256Digest.label(of: self) + " (\(count) bytes)" }
}
