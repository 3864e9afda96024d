import Foundation

/// Captures pages live: robots.txt first, then politely (one request per host at a time, spaced),
/// retrying transient failures with backoff and honouring Retry-After, recording every exchange
/// and every failure as evidence. Redirects are not followed here: wrap in `RedirectFollower`,
/// which follows them the same way when the archive is replayed.
public final class LiveCapture: CaptureSource, @unchecked Sendable {
    public struct Settings: Sendable {
        public var userAgentToken = "pageaudit"
        public var maxRetries = 2
        public var backoffBase = 1.0
        /// The longest Retry-After (or Crawl-delay) honoured; a server asking for more is left for later.
        public var maxWait = 30.0
        /// The most a body may inflate to after gzip or deflate.
        public var decodedLimit = 64 * 1024 * 1024
        /// Where VK API requests go (tests point it at a local server), and the token they carry.
        /// The token is added to the request only: evidence records the address without it.
        public var vkAPIBase: String?
        public var vkToken: String?
        /// Refuse every host but 127.0.0.0/8 before any request or DNS lookup: tests run against a
        /// local farm whose pages link real platforms, and must never reach beyond this machine.
        public var loopbackOnly = false
        /// Sent with every request (`--header`, `--secret-header`).
        public var extraHeaders: [(name: String, value: String)] = []
        /// Lowercased names of headers whose values must never be recorded (`--secret-header`).
        public var secretHeaderNames: Set<String> = []
        /// VK API requests per second (VK allows about 3); error 6 ("too many requests") is retried with backoff.
        public var vkRequestsPerSecond = 3.0

        public init() {}
    }

    private let client: CurlClient
    private let politeness: Politeness
    private let recorder: EvidenceRecorder?
    private let settings: Settings
    private let robots = RobotsCache()
    private let apiRate: Task<Void, Never>
    private let answers = APIAnswerCache()

    public init(client: CurlClient, politeness: Politeness, recorder: EvidenceRecorder?, settings: Settings = Settings()) {
        self.client = client
        self.politeness = politeness
        self.recorder = recorder
        self.settings = settings
        let apiOrigin = WebAddress((settings.vkAPIBase ?? "https://\(VKAPIAnswerKey.host)") + "/")
            .map { "\($0.url.scheme ?? "https")://\($0.host)\($0.url.port.map { ":\($0)" } ?? "")" }
        let interval = 1 / max(0.1, settings.vkRequestsPerSecond)
        apiRate = Task { if let apiOrigin { await politeness.setInterval(interval, for: apiOrigin) } }
    }

    public func capture(_ address: WebAddress) async -> Result<CapturedResponse, CaptureFailure> {
        if let batched = await answers.answer(for: address) { return .success(batched) }
        let now = Date()
        if settings.loopbackOnly, !Self.isLoopback(requestAddress(for: address).host) {
            let failure = CaptureFailure(reason: .network, address: address.displayString, capturedAt: now, detail: "not fetched: this run reads loopback hosts only")
            await recorder?.recordFailure(failure, targetURI: address.description, date: now)
            return .failure(failure)
        }
        if address.host != VKAPIAnswerKey.host {
            let rules: RobotsTxt
            switch await robotsRules(for: address) {
            case .success(let found): rules = found
            case .failure(let failure):
                var unreachable = failure
                unreachable.address = address.displayString
                await recorder?.recordFailure(unreachable, targetURI: address.description, date: now)
                return .failure(unreachable)
            }
            let pathAndQuery = address.url.path + (address.url.query.map { "?" + $0 } ?? "")
            if !rules.isAllowed(pathAndQuery.isEmpty ? "/" : pathAndQuery, userAgent: settings.userAgentToken) {
                let failure = CaptureFailure(reason: .robotsDisallowed, address: address.displayString, capturedAt: now)
                await recorder?.recordFailure(failure, targetURI: address.description, date: now)
                return .failure(failure)
            }
        }
        return await fetch(address)
    }

    /// Asks `groups.getById` for many communities at once (VK takes up to 500 per call); later
    /// single-group lookups are answered from these batched answers, as an archive replay does.
    public func prefetchVKGroups(_ groups: [String], batchSize: Int = 300) async {
        let unique = Array(Set(groups.map { $0.lowercased() })).sorted()
        for start in stride(from: 0, to: unique.count, by: max(1, batchSize)) {
            let batch = unique[start..<min(unique.count, start + batchSize)].joined(separator: ",")
            guard let address = WebAddress("https://\(VKAPIAnswerKey.host)/method/groups.getById?group_ids=\(batch)"),
                  case .success(let response) = await capture(address), response.isSuccess else { continue }
            await answers.store(response)
        }
    }

    private func origin(of address: WebAddress) -> String {
        "\(address.url.scheme ?? "https")://\(address.host)\(address.url.port.map { ":\($0)" } ?? "")"
    }

    private func robotsRules(for address: WebAddress) async -> Result<RobotsTxt, CaptureFailure> {
        let origin = origin(of: address)
        return await robots.rules(for: origin) { [self] in
            guard let robotsAddress = WebAddress(origin + "/robots.txt") else { return .success(.allowAll) }
            let rules: RobotsTxt
            switch await fetch(robotsAddress) {
            case .success(let response):
                rules = RobotsTxt.policy(forStatus: response.status) ?? RobotsTxt(parsing: response.body)
            case .failure(let failure) where failure.reason == .tooLarge:
                rules = .allowAll  // RFC 9309 2.5: a crawler may ignore what lies past the size limit
            case .failure(let failure):
                return .failure(failure)
            }
            if let delay = rules.crawlDelay(userAgent: settings.userAgentToken) {
                await politeness.setCrawlDelay(min(delay, settings.maxWait), for: politenessKey(robotsAddress))
            }
            return .success(rules)
        }
    }

    private func politenessKey(_ address: WebAddress) -> String { origin(of: address) }

    /// The address actually requested: VK API calls go to the configured base, with the token.
    private func requestAddress(for address: WebAddress) -> WebAddress {
        guard address.host == VKAPIAnswerKey.host else { return address }
        var text = address.description
        if let base = settings.vkAPIBase { text = base + address.url.path + (address.url.query.map { "?" + $0 } ?? "") }
        if let token = settings.vkToken, !token.isEmpty {
            text += (text.contains("?") ? "&" : "?") + "access_token=" + (token.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "")
        }
        return WebAddress(text) ?? address
    }

    private func fetch(_ address: WebAddress) async -> Result<CapturedResponse, CaptureFailure> {
        await apiRate.value
        let target = requestAddress(for: address)
        let key = politenessKey(target)
        var attempt = 0
        while true {
            await politeness.acquire(key)
            let started = Date()
            let result = await client.perform(HTTPRequest(address: target, headers: settings.extraHeaders.map { ($0.name, $0.value) }))
            await politeness.release(key)
            switch result {
            case .failure(let failure):
                let captureFailure = Self.captureFailure(failure, address: address, at: started)
                if attempt < settings.maxRetries, Self.isTransient(failure) {
                    attempt += 1
                    await pause(backoff(attempt))
                    continue
                }
                await recorder?.recordFailure(captureFailure, targetURI: address.description, date: started)
                return .failure(captureFailure)
            case .success(let raw):
                await recorder?.record(HTTPExchange(targetURI: address.description, request: Self.redacting(settings.secretHeaderNames, in: Self.withoutToken(raw.requestHead)),
                                                    response: raw.message, date: started, peerIP: raw.peerIP))
                if attempt < settings.maxRetries, [429, 500, 502, 503, 504].contains(raw.status) || Self.isVKRateLimit(raw) {
                    let wait = Self.retryAfter(raw).map { $0 } ?? backoff(attempt + 1)
                    if wait <= settings.maxWait {
                        attempt += 1
                        await pause(wait)
                        continue
                    }
                }
                return decode(raw, address: address, at: started)
            }
        }
    }

    private func decode(_ raw: RawHTTPResponse, address: WebAddress, at date: Date) -> Result<CapturedResponse, CaptureFailure> {
        guard let message = HTTPMessage.parse(raw.message) else {
            return .failure(CaptureFailure(reason: .network, address: address.displayString, status: raw.status, capturedAt: date, detail: "malformed HTTP response"))
        }
        switch message.decodedBody(of: raw.message, limit: settings.decodedLimit) {
        case .failure(let problem):
            return .failure(CaptureFailure(reason: .tooLarge, address: address.displayString, status: raw.status, capturedAt: date, detail: problem.description))
        case .success(let body):
            return .success(CapturedResponse(address: address, capturedAt: date, status: raw.status, contentType: message.value("Content-Type"),
                                             body: body, location: message.value("Location")))
        }
    }

    private func backoff(_ attempt: Int) -> Double {
        settings.backoffBase * pow(2, Double(attempt - 1)) * Double.random(in: 0.75...1.25)
    }

    private func pause(_ seconds: Double) async {
        try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
    }

    /// RFC 3986 unreserved characters: everything else in a token is percent-encoded.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || (host.hasPrefix("127.") && host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil })
    }

    static func isTransient(_ failure: HTTPFailure) -> Bool {
        switch failure {
        case .timeout, .connect, .other: true
        case .dns, .tls, .tooLarge, .vetoedAddress: false
        }
    }

    /// VK answers rate limiting (error 6) with HTTP 200.
    /// The request head with the values of secret headers replaced by `[secret]`: the archive shows
    /// that the header was sent, never what it held.
    static func redacting(_ names: Set<String>, in head: Data) -> Data {
        guard !names.isEmpty else { return head }
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n").map { line -> String in
            guard let colon = line.firstIndex(of: ":"), names.contains(line[..<colon].lowercased()) else { return line }
            return line[...colon] + " [secret]"
        }
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// Whether the answer is VK's error 6 ("too many requests per second"), compact or indented.
    /// Runs on every response, so it looks at the first 4 KB as bytes and decodes nothing.
    static func isVKRateLimit(_ raw: RawHTTPResponse) -> Bool {
        isVKRateLimit(body: raw.body)
    }

    static func isVKRateLimit(body: Data) -> Bool {
        let head = body.prefix(4096)
        guard let key = head.range(of: Data("\"error_code\"".utf8)) else { return false }
        let rest = head[key.upperBound...].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3A }
        guard rest.first == 0x36 else { return false }
        let after = rest.dropFirst().first
        return after.map { !(0x30...0x39).contains($0) } ?? true
    }

    /// Retry-After in seconds, from either of its forms (delta seconds or an HTTP date).
    static func retryAfter(_ raw: RawHTTPResponse) -> Double? {
        guard let value = raw.header("Retry-After") else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    static func captureFailure(_ failure: HTTPFailure, address: WebAddress, at date: Date) -> CaptureFailure {
        let reason: CaptureFailure.Reason
        switch failure {
        case .tls: reason = .tls
        case .tooLarge: reason = .tooLarge
        default: reason = .network
        }
        return CaptureFailure(reason: reason, address: address.displayString, capturedAt: date, detail: failure.detail)
    }

    /// The request head as sent, with every `access_token=` value removed (any case), on bytes:
    /// evidence never holds a secret, and nothing else of the request changes.
    static func withoutToken(_ head: Data) -> Data {
        let bytes = [UInt8](head)
        let key = Array("access_token=".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + key.count <= bytes.count, zip(bytes[index..<index + key.count], key).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) {
                var end = index + key.count
                while end < bytes.count, ![UInt8(ascii: "&"), UInt8(ascii: " "), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(bytes[end]) { end += 1 }
                // Drop the separator before the parameter too, so `?a=1&access_token=x` becomes `?a=1`.
                if let last = output.last, last == UInt8(ascii: "&") { output.removeLast() }
                else if end < bytes.count, bytes[end] == UInt8(ascii: "&") { end += 1 }
                index = end
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return Data(output)
    }
}

/// Batched API answers, found by method and group like stored ones (`VKAPIAnswerKey`).
actor APIAnswerCache {
    private var answers: [String: CapturedResponse] = [:]

    func store(_ response: CapturedResponse) {
        for key in VKAPIAnswerKey.keys(of: response.address) { answers[key] = response }
    }

    func answer(for address: WebAddress) -> CapturedResponse? {
        VKAPIAnswerKey.keys(of: address).lazy.compactMap { self.answers[$0] }.first
    }
}
