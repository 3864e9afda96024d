import Foundation
import Testing
@testable import PageAuditCore

/// The live capture path against a real HTTP server on loopback hosts (scripts/test-farm.py).
/// Each test starts its own farm; every limit is small so each case ends within seconds.
@Suite(.serialized) struct LiveCaptureTests {
    func live(_ farm: TestFarm, timeout: Double = 2, maxBody: Int = 1 << 20, retries: Int = 2, recorder: EvidenceRecorder? = nil,
              interval: Double = 0) -> LiveCapture {
        var limits = HTTPLimits()
        limits.allowPrivateAddresses = true
        limits.requestTimeout = timeout
        limits.connectTimeout = 1
        limits.maxBodyBytes = maxBody
        var settings = LiveCapture.Settings()
        settings.maxRetries = retries
        settings.backoffBase = 0.05
        settings.maxWait = 3
        settings.decodedLimit = 4 << 20
        return LiveCapture(client: CurlClient(limits: limits), politeness: Politeness(perHost: 1, total: 8, minimumInterval: interval),
                           recorder: recorder, settings: settings)
    }

    func capture(_ source: some CaptureSource, _ url: String) async -> Result<CapturedResponse, CaptureFailure> {
        await RedirectFollower(source).capture(WebAddress(url)!)
    }

    @Test func pagesAreReadWithRawEvidenceDecoded() async throws {
        let farm = try TestFarm(hosts: 2)
        defer { farm.stop() }
        let source = live(farm)
        let home = try await capture(source, farm.url(host: 0, "/")).get()
        #expect(home.status == 200 && String(decoding: home.body, as: UTF8.self).contains("/contacts"))
        let gzip = try await capture(source, farm.url(host: 0, "/gzip")).get()
        #expect(String(decoding: gzip.body, as: UTF8.self).contains("priem@host0.farm.example.ru"))
        let redirected = try await capture(source, farm.url(host: 0, "/redirect?n=3")).get()
        #expect(redirected.address.path == "/" && redirected.status == 200)
    }

    @Test func robotsTxtIsObeyedAndDisallowedPathsAreNeverRequested() async throws {
        let farm = try TestFarm(hosts: 4)
        defer { farm.stop() }
        let source = live(farm)
        for (host, path) in [(0, "/private/secret"), (1, "/"), (2, "/")] {   // Disallow path; Disallow: / for pageaudit; robots.txt 500
            guard case .failure(let failure) = await capture(source, farm.url(host: host, path)) else { Issue.record("fetched \(host)\(path)"); continue }
            #expect(failure.reason == .robotsDisallowed, "\(host) \(path)")
        }
        #expect(try await capture(source, farm.url(host: 3, "/")).get().status == 200)  // robots.txt 404 allows all
        let log = try farm.waitForRequests(count: .max, timeout: 0.5)
        #expect(!log.contains { $0.pathOnly.hasPrefix("/private") })
        #expect(!log.contains { $0.hostIndex == 1 && $0.pathOnly != "/robots.txt" })
        #expect(!log.contains { $0.hostIndex == 2 && $0.pathOnly != "/robots.txt" })
    }

    @Test func faultsEndAsTheRightCaptureErrorWithinTheirDeadline() async throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        let source = live(farm, timeout: 1, maxBody: 256 * 1024, retries: 1)
        let started = Date()
        func failure(_ path: String) async -> CaptureFailure? {
            if case .failure(let failure) = await capture(source, farm.url(host: 0, path)) { return failure }
            return nil
        }
        #expect(await failure("/slow?ms=5000")?.detail?.contains("timed out") == true)
        #expect(await failure("/reset")?.reason == .network)
        #expect(await failure("/redirect-loop")?.reason == .redirectLoop)
        #expect(await failure("/endless")?.reason != nil)   // the size cap or the deadline, whichever first
        #expect(await failure("/big?bytes=10000000")?.reason == .tooLarge)
        #expect(await failure("/gzip-bomb")?.reason == .tooLarge)
        // Two attempts of at most one second each for the slow, reset and endless cases, plus short backoffs.
        #expect(Date().timeIntervalSince(started) < 20)
        let server = try await capture(source, farm.url(host: 0, "/status/503")).get()
        #expect(server.status == 503)
        #expect(try farm.waitForRequests(count: .max, timeout: 0.5).filter { $0.pathOnly == "/status/503" }.count == 2)  // retried once
    }

    @Test func retryAfterIsHonoured() async throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        let response = try await capture(live(farm), farm.url(host: 0, "/retry-after?id=a&seconds=1")).get()
        #expect(response.status == 200)
        let attempts = try farm.waitForRequests(count: 3).filter { $0.pathOnly == "/retry-after" }  // robots.txt and two attempts
        #expect(attempts.count == 2)
        #expect(attempts[1].start - attempts[0].start >= 0.95)
    }

    @Test func oneRequestAtATimePerHost() async throws {
        let farm = try TestFarm(hosts: 5)
        defer { farm.stop() }
        let source = live(farm)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                // Hosts 0 and 4 allow everything but /private (host 1 disallows pageaudit altogether).
                group.addTask { _ = await capture(source, farm.url(host: index % 2 == 0 ? 0 : 4, "/slow?ms=50&n=\(index)")) }
            }
        }
        let log = try farm.waitForRequests(count: 14)  // 12 pages and two robots.txt
        #expect(log.filter { $0.pathOnly == "/slow" }.count == 12)
        #expect(!TestFarm.overlaps(log))
    }

    @Test func privateAddressesAreRefusedUnlessAllowed() async throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        var settings = LiveCapture.Settings()
        settings.maxRetries = 0
        let source = LiveCapture(client: CurlClient(limits: HTTPLimits()), politeness: Politeness(minimumInterval: 0), recorder: nil, settings: settings)
        guard case .failure(let failure) = await capture(source, farm.url(host: 0, "/")) else { Issue.record("connected to loopback"); return }
        #expect(failure.detail?.contains("private address") == true)
        #expect(try farm.waitForRequests(count: .max, timeout: 0.5).isEmpty)
    }

    @Test func wrongCharsetHeaderIsOverruledByTheBytes() async throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        let response = try await capture(live(farm), farm.url(host: 0, "/cp1251")).get()
        let document = try HTMLDocument(bytes: response.body, address: response.address, contentType: response.contentType)
        #expect(document.charset.charset == "windows-1251")
        #expect(document.root?.visibleText.contains("Телефон приёмной") == true)
    }
}

@Suite struct TokenStrippingTests {
    @Test(arguments: [
        ("GET /method/wall.get?owner_id=-1&access_token=abc123&v=5.199 HTTP/1.1\r\nHost: api.vk.com\r\n\r\n",
         "GET /method/wall.get?owner_id=-1&v=5.199 HTTP/1.1\r\nHost: api.vk.com\r\n\r\n"),
        ("GET /m?owner_id=-1&ACCESS_TOKEN=abc HTTP/1.1\r\n\r\n", "GET /m?owner_id=-1 HTTP/1.1\r\n\r\n"),
        ("GET /m?access_token=abc&v=1 HTTP/1.1\r\nReferer: https://x.ru/?access_token=zzz\r\nAccept: */*\r\n\r\n",
         "GET /m?v=1 HTTP/1.1\r\nReferer: https://x.ru/?\r\nAccept: */*\r\n\r\n"),
    ])
    func tokensAreRemovedAndNothingElse(head: String, expected: String) {
        #expect(String(decoding: LiveCapture.withoutToken(Data(head.utf8)), as: UTF8.self) == expected)
    }
}

@Suite(.serialized) struct LiveVKAPITests {
    func source(_ farm: TestFarm, deadline: Double? = nil) -> LiveCapture {
        var limits = HTTPLimits()
        limits.allowPrivateAddresses = true
        limits.requestTimeout = 10
        var settings = LiveCapture.Settings()
        settings.backoffBase = 0.05
        settings.vkAPIBase = String(farm.url(host: 0, "").dropLast())
        settings.vkToken = "token-under-test"
        settings.loopbackOnly = true
        return LiveCapture(client: CurlClient(limits: limits), politeness: Politeness(minimumInterval: 0), recorder: nil, settings: settings)
    }

    @Test func rateLimitErrorSixIsRetriedWithBackoffAndTheTokenIsSentButNotKept() async throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        let response = try await source(farm).capture(VKAPIAnswerKey.groupsAddress(for: "ratelimited")).get()
        #expect(String(decoding: response.body, as: UTF8.self).contains("\"response\""))
        #expect(response.address.description == "https://api.vk.com/method/groups.getById?group_id=ratelimited")
        let calls = try farm.waitForRequests(count: 3).filter { $0.pathOnly == "/method/groups.getById" }
        #expect(calls.count == 3)
        #expect(calls.allSatisfy { $0.path.contains("access_token=token-under-test") })
        // Three requests a second at most: consecutive API calls are granted a third of a second apart.
        // The server sees them a little closer when the first met more latency, hence the margin; without
        // the rate limit they would be only the 0.05 s backoff apart.
        for (earlier, later) in zip(calls, calls.dropFirst()) { #expect(later.start - earlier.start >= 0.2) }
    }

    @Test func loopbackOnlyRunsNeverLeaveTheMachine() async throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        guard case .failure(let failure) = await source(farm).capture(WebAddress("https://vk.com/farm_host0")!) else { Issue.record("fetched vk.com"); return }
        #expect(failure.detail?.contains("loopback hosts only") == true)
    }

    @Test func theAgencyDeadlineCutsASlowCaptureShort() async throws {
        let farm = try TestFarm(hosts: 1)
        defer { farm.stop() }
        let started = Date()
        let bounded = DeadlineSource(source(farm), deadline: Date().addingTimeInterval(1))
        guard case .failure(let failure) = await bounded.capture(WebAddress(farm.url(host: 0, "/slow?ms=8000"))!) else { Issue.record("no failure"); return }
        #expect(failure.detail == "the agency's time budget ran out")
        #expect(Date().timeIntervalSince(started) < 5)
    }
}

@Suite struct VKRateLimitDetectionTests {
    @Test func errorSixIsRecognisedCompactIndentedAndOnlyAsSix() throws {
        let fixture = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures/handmade-vk-api/error-6-too-many-requests.json"))
        #expect(LiveCapture.isVKRateLimit(body: fixture))
        #expect(LiveCapture.isVKRateLimit(body: Data("{\"error\":{\"error_code\":6,\"error_msg\":\"Too many requests per second\"}}".utf8)))
        for other in ["{\"error\":{\"error_code\":61}}", "{\"error\":{\"error_code\":5}}", "{\"response\":[]}", "",
                      "<html>\"error_code\"</html>", "\"error_code\": 6" + String(repeating: " ", count: 0) + "0"] {
            #expect(!LiveCapture.isVKRateLimit(body: Data(other.utf8)), "\(other)")
        }
        let late = Data((String(repeating: " ", count: 5000) + "{\"error\":{\"error_code\":6}}").utf8)
        #expect(!LiveCapture.isVKRateLimit(body: late), "only the first 4 KB are looked at")
    }
}

@Suite struct SecretHeaderRedactionTests {
    @Test func secretValuesAreHiddenWhateverTheirCase() {
        let head = Data("GET / HTTP/1.1\r\nHost: a.example\r\nx-api-KEY: s3cr3t:with:colons\r\nCookie: a=b\r\nX-Trace: 7\r\n\r\n".utf8)
        let redacted = String(decoding: LiveCapture.redacting(["x-api-key", "cookie"], in: head), as: UTF8.self)
        #expect(redacted == "GET / HTTP/1.1\r\nHost: a.example\r\nx-api-KEY: [secret]\r\nCookie: [secret]\r\nX-Trace: 7\r\n\r\n")
        #expect(LiveCapture.redacting([], in: head) == head)
    }
}
