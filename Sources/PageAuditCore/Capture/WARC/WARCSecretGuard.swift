import Foundation

/// Keeps API tokens out of evidence. A WARC file is handed to officers and kept for years, so a VK
/// `access_token` in it would leak the operator's account. The capturing code must strip the token
/// before an exchange is written (the stored URL of a VK API answer is the method URL without it);
/// the writer checks, and refuses an exchange that still carries one, rather than trust that.
///
/// Checked: the target URI (also percent-decoded), the whole request (request line, headers such as
/// `Referer`, and a form body), and the response head (a `Location` can carry a token after an
/// OAuth redirect). The response body is not checked: a page may mention `access_token=` as text.
enum WARCSecretGuard {
    static let marker = Array("access_token=".utf8)

    /// Where a token value was found (`the target URI`, `the request`, `the response head`), or nil.
    static func findToken(in exchange: HTTPExchange) -> String? {
        let uri = Data(exchange.targetURI.utf8)
        let decodedURI = Data((exchange.targetURI.removingPercentEncoding ?? exchange.targetURI).utf8)
        if containsToken(uri) || containsToken(decodedURI) { return "the target URI" }
        if containsToken(exchange.request) { return "the request" }
        let headEnd = exchange.response.find(WARCRecordHeader.terminator, limit: 256 * 1024)?.upperBound
            ?? min(exchange.response.count, 256 * 1024)
        if containsToken(exchange.response.prefix(headEnd)) { return "the response head" }
        return nil
    }

    /// Whether `access_token=` (any case) occurs followed by a non-empty value.
    static func containsToken(_ data: Data) -> Bool {
        guard data.count > marker.count else { return false }
        let bytes = [UInt8](data)
        var index = 0
        let last = bytes.count - marker.count
        while index < last {
            var matched = true
            for offset in 0..<marker.count {
                var byte = bytes[index + offset]
                if (65...90).contains(byte) { byte += 32 }
                if byte != marker[offset] { matched = false; break }
            }
            if matched {
                let next = bytes[index + marker.count]
                // An empty value (`access_token=&…`, at the end, before a space) is not a secret.
                if ![UInt8(ascii: "&"), UInt8(ascii: " "), UInt8(ascii: "#"), 13, 10, 9, UInt8(ascii: "\"")].contains(next) {
                    return true
                }
            }
            index += 1
        }
        return false
    }
}
