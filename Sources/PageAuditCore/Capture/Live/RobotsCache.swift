import Foundation

/// robots.txt per origin, fetched once. RFC 9309: 4xx allows all, 5xx disallows all. When no answer
/// came at all (DNS, connection, TLS, a refused address), the site itself is unreachable: that
/// failure is what the page gets, not a misleading "robots.txt disallows".
actor RobotsCache {
    private var rules: [String: Task<Result<RobotsTxt, CaptureFailure>, Never>] = [:]

    func rules(for origin: String, fetch: @escaping @Sendable () async -> Result<RobotsTxt, CaptureFailure>) async -> Result<RobotsTxt, CaptureFailure> {
        if let task = rules[origin] { return await task.value }
        let task = Task { await fetch() }
        rules[origin] = task
        return await task.value
    }
}
