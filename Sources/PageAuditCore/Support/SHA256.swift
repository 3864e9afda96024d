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
        return "sha256:" + hex(digest)
    }

    /// Lowercase hex of `bytes` (`String(format:)` per byte was 8× the cost of the hash itself).
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
