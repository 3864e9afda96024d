import Foundation

/// One HTTP exchange as captured live, kept byte for byte as evidence.
///
/// - `request`: the request as sent (request line, header lines, and the body if there was one).
/// - `response`: the response as received: status line, header lines in order, and the body as it
///   came over the wire, before any transfer or content decoding (still chunked, still gzip).
///
/// Secrets must be stripped before an exchange reaches `WARCWriter`: the writer refuses one that
/// carries an `access_token=` value (see `WARCSecretGuard`).
public struct HTTPExchange: Sendable {
    /// The absolute address that was requested, properly escaped (RFC 3986), with no whitespace.
    public var targetURI: String
    public var request: Data
    public var response: Data
    /// When the capture began. The request and response records both carry it (WARC 1.1 §5.4).
    public var date: Date
    /// The address of the server the response came from (`WARC-IP-Address`), when known.
    public var peerIP: String?

    public init(targetURI: String, request: Data, response: Data, date: Date, peerIP: String? = nil) {
        self.targetURI = targetURI
        self.request = request
        self.response = response
        self.date = date
        self.peerIP = peerIP
    }
}
