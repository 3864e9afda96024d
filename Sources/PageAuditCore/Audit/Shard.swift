/// One of N parts of a registry (`--shard K/N`, K from 1), so that N machines or N jobs of a
/// scheduler audit a national registry together. An agency belongs to the shard chosen by the
/// 64-bit FNV-1a hash of its id's UTF-8 bytes, modulo N: stable across runs, machines and
/// registry order, and simple enough for any other tool to reproduce.
public struct Shard: Codable, Sendable, Equatable, CustomStringConvertible {
    /// 1...count.
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(agencyID id: String) -> Bool {
        Int(Self.fnv1a64(id) % UInt64(count)) == index - 1
    }

    /// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
