import Foundation

/// What a live request may do: deadlines, size caps, trust anchors and the address veto. One set of
/// limits per client, so a connection reused by libcurl was vetted under the same policy.
public struct HTTPLimits: Sendable {
    public var connectTimeout: Double = 10
    /// The whole exchange, from connect to the last byte.
    public var requestTimeout: Double = 30
    /// Bytes of the body as received (before content decoding); more aborts the transfer.
    public var maxBodyBytes = 16 * 1024 * 1024
    /// Loopback, private and link-local addresses are refused at connect time unless this is set
    /// (tests and intranet audits): a page must not be able to point the crawler at internal hosts.
    public var allowPrivateAddresses = false
    /// Extra trust anchors (PEM), added to the system's: many Russian government sites use the
    /// Russian Trusted Root CA, which default stores lack.
    public var extraCertificates: Data?
    public var userAgent = "pageaudit/\(PageAuditVersion.current) (+https://github.com/pageaudit/pageaudit)"

    public init() {}
}

/// One request to send. Only GET: the auditor reads.
public struct HTTPRequest: Sendable {
    public var address: WebAddress
    public var headers: [(String, String)]

    public init(address: WebAddress, headers: [(String, String)] = []) {
        self.address = address
        self.headers = headers
    }
}

/// A response exactly as received, the raw material of evidence.
public struct RawHTTPResponse: Sendable {
    public var status: Int
    /// The status line and header lines in order, as sent, without line ends.
    public var headerLines: [String]
    /// The body as received: not de-chunked, not decompressed.
    public var body: Data
    /// The request head libcurl sent, byte for byte.
    public var requestHead: Data
    public var peerIP: String?
    public var startedAt: Date
    /// Seconds from start to connect, to first byte and to the end.
    public var connectSeconds: Double
    public var firstByteSeconds: Double
    public var totalSeconds: Double

    /// The value of a header (the last one when repeated), case-insensitively.
    public func header(_ name: String) -> String? {
        let prefix = name.lowercased() + ":"
        return headerLines.dropFirst().last { $0.lowercased().hasPrefix(prefix) }
            .map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
    }

    /// Status line, headers and body as one HTTP message, for a WARC response record.
    public var message: Data {
        Data((headerLines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }
}

/// Why a request produced no response.
public enum HTTPFailure: Error, Sendable, Equatable {
    case timeout(after: Double)
    case dns(String)
    case connect(String)
    case tls(String)
    case tooLarge(limit: Int)
    case vetoedAddress(String)
    case other(String)

    public var detail: String {
        switch self {
        case .timeout(let seconds): "timed out after \(Int(seconds)) s"
        case .dns(let text): "DNS: \(text)"
        case .connect(let text): "connection failed: \(text)"
        case .tls(let text): "TLS: \(text)"
        case .tooLarge(let limit): "response larger than \(limit) bytes"
        case .vetoedAddress(let address): "refused to connect to the private address \(address)"
        case .other(let text): text
        }
    }
}
