import Foundation

/// Bounds the time one agency may take: captures after the deadline fail at once, and a capture
/// still running when it passes is abandoned as a timeout, so one slow site cannot hold up a
/// night's run. Findings resting on such pages are `unverifiable`.
public struct DeadlineSource<Source: CaptureSource>: CaptureSource {
    public let source: Source
    public let deadline: Date

    public init(_ source: Source, deadline: Date) {
        self.source = source
        self.deadline = deadline
    }

    public func capture(_ address: WebAddress) async -> Result<CapturedResponse, CaptureFailure> {
        let expired = CaptureFailure(reason: .network, address: address.displayString, capturedAt: deadline, detail: "the agency's time budget ran out")
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { return .failure(expired) }
        // No budget (an offline run): nothing to race.
        guard remaining < 86_400 else { return await source.capture(address) }
        // A transfer does not stop when its task is cancelled: race it, and leave it to end at its own
        // request timeout, rather than wait for it as a task group would.
        return await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            Task { once.resume(await source.capture(address)) }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(remaining * 1e9))
                once.resume(.failure(expired))
            }
        }
    }
}

/// Resumes a continuation with whichever result comes first.
private final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = continuation
    }

    func resume(_ value: Value) {
        let waiting = lock.withLock { () -> CheckedContinuation<Value, Never>? in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: value)
    }
}
