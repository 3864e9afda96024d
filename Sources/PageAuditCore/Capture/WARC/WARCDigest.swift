import CCrypto
import Foundation

/// Labelled digests (`algorithm:value`) of `WARC-Block-Digest` and `WARC-Payload-Digest`.
///
/// We write `sha256:` and lowercase hex, the form `SHA256Digest.label` gives, so a digest in a
/// report and one in a WARC file read the same. WARC 1.1 recommends no algorithm or encoding; the
/// customary form is SHA-1 in base32, and warcio (like most readers) accepts hex, base32 and base64
/// of any algorithm Python's hashlib knows. We read `sha1` and `sha256` in hex, base32 (with or
/// without padding) and base64 (standard or URL-safe), so archives from other crawlers verify too.
enum WARCDigest {
    enum Algorithm: String {
        case sha1, sha256

        var length: Int { self == .sha1 ? 20 : 32 }

        func digest(_ data: Data) -> [UInt8] {
            var output = [UInt8](repeating: 0, count: length)
            data.withUnsafeBytes { buffer in
                let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
                switch self {
                case .sha1: _ = CCrypto.SHA1(base, buffer.count, &output)
                case .sha256: _ = CCrypto.SHA256(base, buffer.count, &output)
                }
            }
            return output
        }
    }

    enum Verdict: Equatable {
        case matches
        case differs
        /// The digest names an algorithm we cannot compute or a value we cannot decode.
        case unverifiable(String)
    }

    /// `sha256:` and 64 lowercase hex digits.
    static func label(of data: Data) -> String { SHA256Digest.label(of: data) }

    /// Whether `label` is a digest of `data`.
    static func verify(_ label: String, of data: Data) -> Verdict {
        guard let colon = label.firstIndex(of: ":") else { return .unverifiable("\(label) has no algorithm label") }
        let name = label[..<colon].lowercased().replacingOccurrences(of: "-", with: "")
        let value = String(label[label.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        guard let algorithm = Algorithm(rawValue: name) else {
            return .unverifiable("the digest algorithm \(label[..<colon]) is not supported (sha1 and sha256 are)")
        }
        guard let expected = decode(value, length: algorithm.length) else {
            return .unverifiable("\(label) is not hex, base32 or base64 of a \(algorithm.rawValue) digest")
        }
        return algorithm.digest(data) == expected ? .matches : .differs
    }

    /// Decodes a digest value of a known byte length from hex, base32 or base64.
    static func decode(_ value: String, length: Int) -> [UInt8]? {
        let characters = Array(value.utf8)
        if characters.count == length * 2, let bytes = hex(characters) { return bytes }
        if let bytes = base32(characters), bytes.count == length { return bytes }
        if let bytes = base64(value), bytes.count == length { return bytes }
        return nil
    }

    private static func hex(_ characters: [UInt8]) -> [UInt8]? {
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index + 1 < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// RFC 4648 base32, upper or lower case, padding optional.
    static func base32(_ characters: [UInt8]) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = 0, bits = 0
        var padding = false
        for c in characters {
            if c == UInt8(ascii: "=") { padding = true; continue }
            guard !padding else { return nil }
            let value: Int
            switch c {
            case 65...90: value = Int(c - 65)
            case 97...122: value = Int(c - 97)
            case 50...55: value = Int(c - 50) + 26
            default: return nil
            }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xFF))
            }
            buffer &= (1 << bits) - 1
        }
        return bytes
    }

    /// RFC 4648 base32 with padding, as WARC writers customarily print SHA-1 digests.
    static func base32String(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var output = "", buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[(buffer >> bits) & 31])
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        while output.count % 8 != 0 { output.append("=") }
        return output
    }

    private static func base64(_ value: String) -> [UInt8]? {
        var text = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text.append("=") }
        return Data(base64Encoded: text).map { [UInt8]($0) }
    }
}
