import Foundation

/// How hard the crawler may press a host: at most `perHost` requests in flight to one host, at
/// least `minimumInterval` seconds between the starts of two requests to it (more when robots.txt
/// asks with Crawl-delay), and at most `total` requests in flight overall.
public actor Politeness {
    public nonisolated let perHost: Int
    public nonisolated let total: Int
    public nonisolated let minimumInterval: Double

    private struct Host {
        var inFlight = 0
        var nextStart = Date.distantPast
        var interval: Double
    }

    private var hosts: [String: Host] = [:]
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(perHost: Int = 1, total: Int = 16, minimumInterval: Double = 1) {
        self.perHost = max(1, perHost)
        self.total = max(1, total)
        self.minimumInterval = max(0, minimumInterval)
    }

    /// Raises a host's interval (robots.txt Crawl-delay, capped by the caller); never lowers it.
    public func setCrawlDelay(_ seconds: Double, for host: String) {
        var state = hosts[host] ?? Host(interval: minimumInterval)
        state.interval = max(state.interval, seconds)
        hosts[host] = state
    }

    /// Sets a host's interval exactly: an API with a documented rate (VK: 3 requests a second) need
    /// not wait as long as a website.
    public func setInterval(_ seconds: Double, for host: String) {
        var state = hosts[host] ?? Host(interval: minimumInterval)
        state.interval = max(0, seconds)
        hosts[host] = state
    }

    /// Waits for a slot for `host`, then until its interval has passed. Pair with `release`.
    public func acquire(_ host: String) async {
        while true {
            let state = hosts[host] ?? Host(interval: minimumInterval)
            if state.inFlight < perHost && inFlight < total { break }
            await withCheckedContinuation { waiters.append($0) }
        }
        var state = hosts[host] ?? Host(interval: minimumInterval)
        let now = Date()
        let start = max(now, state.nextStart)
        state.nextStart = start.addingTimeInterval(state.interval)
        state.inFlight += 1
        hosts[host] = state
        inFlight += 1
        let wait = start.timeIntervalSince(now)
        if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
        // A sleep can overrun: the next start is spaced from when this one really began.
        let granted = Date()
        if var current = hosts[host] {
            current.nextStart = max(current.nextStart, granted.addingTimeInterval(current.interval))
            hosts[host] = current
        }
    }

    public func release(_ host: String) {
        hosts[host]?.inFlight -= 1
        inFlight -= 1
        // Everyone re-checks: cheap, and no waiter can be forgotten.
        let woken = waiters
        waiters.removeAll()
        for waiter in woken { waiter.resume() }
    }
}
