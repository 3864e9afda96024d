import Foundation

/// Follows redirects over any capture source, so a live run and an offline replay of its archive
/// take the same hops. Each hop is a capture of its own (and, live, a record of its own).
public struct RedirectFollower<Source: CaptureSource>: CaptureSource {
    public let source: Source
    public var maxRedirects = 10

    public init(_ source: Source) {
        self.source = source
    }

    public func capture(_ address: WebAddress) async -> Result<CapturedResponse, CaptureFailure> {
        var current = address
        var visited: Set<String> = [address.description]
        for _ in 0...maxRedirects {
            let result = await source.capture(current)
            guard case .success(let response) = result, response.isRedirect, let location = response.location else { return result }
            guard let next = WebAddress(link: location, relativeTo: current) else {
                return .failure(CaptureFailure(reason: .httpStatus, address: current.displayString, status: response.status,
                                               capturedAt: response.capturedAt, detail: "redirect to \(location.prefix(200)), which is not http(s)"))
            }
            guard visited.insert(next.description).inserted else {
                return .failure(CaptureFailure(reason: .redirectLoop, address: address.displayString, capturedAt: response.capturedAt,
                                               detail: ": \(current.displayString) → \(next.displayString)"))
            }
            current = next
        }
        return .failure(CaptureFailure(reason: .redirectLoop, address: address.displayString, detail: ": more than \(maxRedirects) redirects"))
    }
}
