import CCrypto
import Foundation

/// SHA-256 through libcrypto: evidence digests must come from a library an auditor already trusts.
public enum SHA256Digest {
    /// The digest as `sha256:` followed by lowercase hex, the form WARC and our reports use.
    public static func label(of data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBytes { buffer in
            _ = CCrypto.SHA256(buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count, &digest)
        }
        return "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }
}
