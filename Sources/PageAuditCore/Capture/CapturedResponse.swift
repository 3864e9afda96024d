import Foundation

/// A response as captured, live or from a snapshot: the evidence every fact rests on.
public struct CapturedResponse: Sendable {
    public var address: WebAddress
    public var capturedAt: Date
    public var status: Int
    public var contentType: String?
    public var body: Data
    /// The `Location` of a redirect, as sent.
    public var location: String?

    public init(address: WebAddress, capturedAt: Date, status: Int, contentType: String?, body: Data, location: String? = nil) {
        self.address = address
        self.capturedAt = capturedAt
        self.status = status
        self.contentType = contentType
        self.body = body
        self.location = location
    }

    public var isRedirect: Bool { [301, 302, 303, 307, 308].contains(status) && location != nil }

    public var digest: String { SHA256Digest.label(of: body) }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// HTML, or no content type at all (hand-saved files), or a type servers misuse for HTML.
    public var looksLikeHTML: Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
              !type.isEmpty else { return true }
        return type == "text/html" || type == "application/xhtml+xml" || type == "text/plain"
    }
}

/// Where captures come from: a folder snapshot now, live HTTP and WARC files later.
public protocol CaptureSource: Sendable {
    func capture(_ address: WebAddress) async -> Result<CapturedResponse, CaptureFailure>
}
