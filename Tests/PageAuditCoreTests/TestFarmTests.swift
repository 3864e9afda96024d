import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Tests of the loopback test farm itself (scripts/test-farm.py and Support/TestFarm.swift), with a
/// tiny raw HTTP/1.1 client, so they depend neither on the crawler under test nor on proxies,
/// redirect following or the curl command line.
@Suite struct TestFarmTests {
    @Test func TestFarmServesRobotsPerHost() throws {
        let farm = try TestFarm(hosts: 5)
        defer { farm.stop() }
        #expect(farm.port > 0)
        #expect(farm.url(host: 1, "/robots.txt") == "http://127.0.0.3:\(farm.port)/robots.txt")
        #expect(farm.url(host: 0, "x") == "http://127.0.0.2:\(farm.port)/x")

        let normal = try FarmProbe.get(farm, host: 0, "/robots.txt")
        #expect(normal.status == 200)
        #expect(normal.text == "User-agent: *\nDisallow: /private\nCrawl-delay: 0\n")
        let barred = try FarmProbe.get(farm, host: 1, "/robots.txt")
        #expect(barred.status == 200)
        #expect(barred.text.hasPrefix("User-agent: pageaudit\nDisallow: /\n"))
        #expect(try FarmProbe.get(farm, host: 2, "/robots.txt").status == 500)
        #expect(try FarmProbe.get(farm, host: 3, "/robots.txt").status == 404)
        #expect(try FarmProbe.get(farm, host: 4, "/robots.txt").text == normal.text)
    }

    @Test func TestFarmServesPagesAndStatuses() throws {
        let farm = try TestFarm(hosts: 2)
        defer { farm.stop() }
        let home = try FarmProbe.get(farm, host: 1, "/")
        #expect(home.status == 200)
        #expect(home.header("Content-Type") == "text/html; charset=utf-8")
        #expect(home.text.contains("href=\"/contacts\""))
        #expect(home.text.contains("https://vk.com/farm_host1"))
        let contacts = try FarmProbe.get(farm, host: 1, "/contacts")
        #expect(contacts.text.contains("priem@host1.farm.example.ru"))
        #expect(contacts.text.contains("+7 (495) 100-00-01"))
        #expect(try FarmProbe.get(farm, host: 0, "/status/404").status == 404)
        #expect(try FarmProbe.get(farm, host: 0, "/status/503").status == 503)
        #expect(try FarmProbe.get(farm, host: 0, "/no-such-page").status == 404)

        let cp1251 = try FarmProbe.get(farm, host: 0, "/cp1251")
        #expect(cp1251.header("Content-Type") == "text/html; charset=utf-8")
        #expect(String(data: cp1251.body, encoding: .utf8) == nil, "the bytes are not UTF-8, whatever the header says")
    }

    @Test func TestFarmRetryAfterOnceThenOK() throws {
        let farm = try TestFarm(hosts: 2)
        defer { farm.stop() }
        let first = try FarmProbe.get(farm, host: 0, "/retry-after?id=a&seconds=2")
        #expect(first.status == 429)
        #expect(first.header("Retry-After") == "2")
        #expect(try FarmProbe.get(farm, host: 0, "/retry-after?id=a&seconds=2").status == 200)
        // Another id, or the same id on another host, starts afresh.
        #expect(try FarmProbe.get(farm, host: 0, "/retry-after?id=b").status == 429)
        #expect(try FarmProbe.get(farm, host: 1, "/retry-after?id=a").status == 429)

        let unavailable = try FarmProbe.get(farm, host: 0, "/unavailable-once?id=x")
        #expect(unavailable.status == 503)
        #expect(unavailable.header("Retry-After") == "1")
        #expect(try FarmProbe.get(farm, host: 0, "/unavailable-once?id=x").status == 200)
    }

    @Test func TestFarmRedirects() throws {
        let farm = try TestFarm(hosts: 2)
        defer { farm.stop() }
        let loop = try FarmProbe.get(farm, host: 0, "/redirect-loop")
        #expect(loop.status == 302)
        #expect(loop.header("Location") == "/redirect-loop")
        let chain = try FarmProbe.get(farm, host: 0, "/redirect?n=2")
        #expect(chain.status == 302)
        #expect(chain.header("Location") == "/redirect?n=1")
        #expect(try FarmProbe.get(farm, host: 0, "/redirect?n=1").header("Location") == "/")
        let target = farm.url(host: 1, "/contacts")
        let cross = try FarmProbe.get(farm, host: 0, "/redirect-to?url=\(target)&status=301")
        #expect(cross.status == 301)
        #expect(cross.header("Location") == target)
    }

    @Test func TestFarmLogsRequestsWithTimings() throws {
        let farm = try TestFarm(hosts: 3)
        defer { farm.stop() }
        let before = Date().timeIntervalSince1970
        _ = try FarmProbe.get(farm, host: 0, "/")
        _ = try FarmProbe.get(farm, host: 0, "/slow?ms=200")
        _ = try FarmProbe.get(farm, host: 2, "/method/groups.getById?group_id=farm_host2&access_token=SECRET")
        #expect(throws: (any Error).self) { try FarmProbe.get(farm, host: 1, "/reset") }
        let after = Date().timeIntervalSince1970

        let log = try farm.waitForRequests(count: 4)
        #expect(log.map(\.path) == ["/", "/slow?ms=200", "/method/groups.getById?group_id=farm_host2&access_token=SECRET", "/reset"])
        #expect(log.map(\.host) == ["127.0.0.2", "127.0.0.2", "127.0.0.4", "127.0.0.3"])
        #expect(log.map(\.hostIndex) == [0, 0, 2, 1])
        for entry in log {
            #expect(before <= entry.start && entry.start <= entry.end && entry.end <= after + 0.5)
            #expect(entry.header("user-agent") == FarmProbe.userAgent)
            #expect(entry.header("Host") == "\(entry.host):\(farm.port)")
        }
        #expect(log[1].end - log[1].start >= 0.2)
        #expect(log[0].status == 200 && log[3].status == nil)
        #expect(try farm.requests(host: 0).count == 2)
        #expect(!TestFarm.overlaps(log))
    }

    @Test func TestFarmReportsStartupFailure() {
        // The farm refuses a non-positive lifetime; the error carries its stderr, not a hang.
        let error = #expect(throws: TestFarmError.self) { try TestFarm(hosts: 1, maxSeconds: -1) }
        #expect(error?.description.contains("--max-seconds") == true)
    }

    @Test func TestFarmOverlapCheck() {
        func request(_ host: String, _ start: Double, _ end: Double) -> LoggedRequest {
            LoggedRequest(host: host, path: "/", start: start, end: end, headers: [:])
        }
        #expect(!TestFarm.overlaps([request("127.0.0.2", 0, 1), request("127.0.0.2", 1, 2), request("127.0.0.3", 0.5, 3)]))
        #expect(TestFarm.overlaps([request("127.0.0.2", 0, 3), request("127.0.0.2", 1, 2)]))
        #expect(TestFarm.overlaps([request("127.0.0.2", 1.5, 2), request("127.0.0.2", 0, 1.6)]))
        #expect(!TestFarm.overlaps([request("127.0.0.2", 1.5, 2), request("127.0.0.2", 0, 1.52)], tolerance: 0.05))
    }

    @Test func TestFarmFakeVKAPI() throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        let path = "/method/groups.getById?group_id=ratelimited&v=5.199&access_token=T"
        for _ in 0..<2 {
            let limited = try FarmProbe.json(FarmProbe.get(farm, host: 0, path))
            #expect((limited["error"] as? [String: Any])?["error_code"] as? Int == 6)
        }
        let answer = try FarmProbe.json(FarmProbe.get(farm, host: 0, path))
        let groups = (answer["response"] as? [String: Any])?["groups"] as? [[String: Any]]
        #expect(groups?.first?["screen_name"] as? String == "ratelimited")

        let batched = try FarmProbe.json(FarmProbe.get(farm, host: 0, "/method/groups.getById?group_ids=club42,farm_host0"))
        let ids = ((batched["response"] as? [String: Any])?["groups"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
        #expect(ids?.first == 42)
        #expect(ids?.count == 2)
        let wall = try FarmProbe.json(FarmProbe.get(farm, host: 0, "/method/wall.get?owner_id=-42&count=3"))
        let items = (wall["response"] as? [String: Any])?["items"] as? [[String: Any]]
        #expect(items?.count == 3)
        #expect(items?.allSatisfy { $0["owner_id"] as? Int == -42 } == true)
    }

    @Test func TestFarmGzipRoutes() throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        let bomb = try FarmProbe.get(farm, host: 0, "/gzip-bomb")
        #expect(bomb.header("Content-Encoding") == "gzip")
        #expect(bomb.body.count == Int(bomb.header("Content-Length") ?? ""))
        #expect((1_000_000..<1_200_000).contains(bomb.body.count))
        #expect(bomb.body.prefix(3) == Data([0x1f, 0x8b, 0x08]))
        let page = try FarmProbe.get(farm, host: 0, "/gzip")
        #expect(page.header("Content-Encoding") == "gzip")
        #expect(page.header("Transfer-Encoding") == "chunked")
        let big = try FarmProbe.get(farm, host: 0, "/big?bytes=100000")
        #expect(big.body.count == 100_000)
    }
}

/// A raw HTTP/1.1 GET over a loopback socket: one request per connection, read to end of file, no
/// redirects, no proxies, no decoding. Bodies are returned as sent (chunk framing included).
private enum FarmProbe {
    static let userAgent = "pageaudit-farm-probe/1"

    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.last { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    struct ProbeError: Error, CustomStringConvertible {
        var description: String
    }

    static func json(_ response: Response) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    }

    static func get(_ farm: TestFarm, host index: Int, _ path: String, timeout: Int = 5) throws -> Response {
        let address = farm.address(host: index)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProbeError(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = in_port_t(UInt16(farm.port).bigEndian)
        guard inet_pton(AF_INET, address, &sin.sin_addr) == 1 else { throw ProbeError(description: "bad address \(address)") }
        let connected = withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ProbeError(description: "connect \(address):\(farm.port): errno \(errno)") }

        let request = "GET \(path) HTTP/1.1\r\nHost: \(address):\(farm.port)\r\nUser-Agent: \(userAgent)\r\nConnection: close\r\n\r\n"
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw ProbeError(description: "send: errno \(errno)") }
            sent += n
        }

        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        // Bounded by the farm's own limits and the receive timeout: ends at end of file or error.
        while received.count < 64 * 1024 * 1024 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw ProbeError(description: "recv from \(address)\(path): errno \(errno)") }
            received.append(contentsOf: buffer[0..<n])
        }
        guard let split = received.range(of: Data("\r\n\r\n".utf8)) else {
            throw ProbeError(description: "no response head from \(address)\(path) (\(received.count) bytes)")
        }
        let head = String(decoding: received[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusWords = head[0].split(separator: " ")
        guard statusWords.count >= 2, let status = Int(statusWords[1]) else {
            throw ProbeError(description: "bad status line \(head[0].debugDescription)")
        }
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Response(status: status, headers: headers, body: Data(received[split.upperBound...]))
    }
}
