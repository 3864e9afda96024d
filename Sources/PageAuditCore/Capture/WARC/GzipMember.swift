import CZlib
import Foundation

/// gzip through zlib: one member per WARC record when writing (WARC 1.1 annex A, "record-at-time
/// compression"), and bounded inflation when reading, so hostile input costs at most the caller's
/// limit in memory.
enum Gzip {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case corrupt(String)
        case truncated
        case tooLarge(limit: Int)

        var description: String {
            switch self {
            case .corrupt(let detail): "the compressed data is corrupt (\(detail))"
            case .truncated: "the compressed data ends before its end marker"
            case .tooLarge(let limit): "the data decompresses to more than \(limit) bytes"
            }
        }
    }

    /// How inflating one member ended.
    enum MemberEnd: Equatable {
        /// The member ended after this many compressed bytes; `output` bytes came out of it.
        case complete(compressedLength: Int, output: Int)
        /// More than `outputLimit` bytes came out before the member ended; `consumed` compressed
        /// bytes were read so far.
        case outputLimitExceeded(consumed: Int)
        /// The sink asked to stop after `consumed` compressed bytes.
        case stopped(consumed: Int)
        case failed(Failure)
    }

    private static let chunk = 64 * 1024

    /// `data` as one complete gzip member.
    static func member(_ data: Data, level: Int32 = 6) throws(Failure) -> Data {
        var stream = z_stream()
        guard pageaudit_deflate_init_gzip(&stream, level) == Z_OK else { throw .corrupt("deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        var output = Data()
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        let status: Int32 = data.withUnsafeBytes { raw -> Int32 in
            let base = raw.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self)) }
            var offset = 0
            while true {
                if stream.avail_in == 0, offset < raw.count {
                    let piece = min(raw.count - offset, Int(UInt32.max / 2))
                    stream.next_in = base! + offset
                    stream.avail_in = uInt(piece)
                    offset += piece
                }
                stream.next_out = buffer
                stream.avail_out = uInt(chunk)
                let flush = offset >= raw.count ? Z_FINISH : Z_NO_FLUSH
                let status = deflate(&stream, flush)
                output.append(buffer, count: chunk - Int(stream.avail_out))
                if status == Z_STREAM_END { return Z_STREAM_END }
                if status != Z_OK && status != Z_BUF_ERROR { return status }
            }
        }
        guard status == Z_STREAM_END else { throw .corrupt("deflate returned \(status)") }
        return output
    }

    /// Inflates the gzip member that starts at `start`, handing its output to `sink` in pieces
    /// (the sink returns false to stop), and stops at the member's end. Never produces more than
    /// `outputLimit` bytes.
    /// With `raw`, the input is bare deflate data with no zlib or gzip wrapper.
    static func inflateMember(_ input: UnsafeRawBufferPointer, from start: Int, outputLimit: Int, raw: Bool = false,
                              sink: (UnsafeRawBufferPointer) -> Bool) -> MemberEnd {
        guard start < input.count, let base = input.baseAddress else { return .failed(.truncated) }
        var stream = z_stream()
        let initStatus = raw
            ? inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            : pageaudit_inflate_init_auto(&stream)
        guard initStatus == Z_OK else { return .failed(.corrupt("inflateInit2 failed")) }
        defer { inflateEnd(&stream) }
        let inputBase = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        var fed = start, produced = 0
        func consumed() -> Int { fed - start - Int(stream.avail_in) }
        while true {
            if stream.avail_in == 0 {
                guard fed < input.count else { return .failed(.truncated) }
                let piece = min(input.count - fed, 1 << 20)
                stream.next_in = inputBase + fed
                stream.avail_in = uInt(piece)
                fed += piece
            }
            stream.next_out = buffer
            stream.avail_out = uInt(chunk)
            let status = inflate(&stream, Z_NO_FLUSH)
            let count = chunk - Int(stream.avail_out)
            if count > 0 {
                guard produced + count <= outputLimit else { return .outputLimitExceeded(consumed: consumed()) }
                produced += count
                guard sink(UnsafeRawBufferPointer(start: buffer, count: count)) else { return .stopped(consumed: consumed()) }
            }
            switch status {
            case Z_STREAM_END: return .complete(compressedLength: consumed(), output: produced)
            case Z_OK: continue
            case Z_BUF_ERROR where stream.avail_in == 0: continue
            default: return .failed(.corrupt(message(stream, status)))
            }
        }
    }

    /// Inflates the member at `start` into memory, at most `limit` bytes.
    static func inflateMember(_ input: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Result<(Data, Int), Failure> {
        var output = Data()
        switch inflateMember(input, from: start, outputLimit: limit, sink: { output.append(contentsOf: $0); return true }) {
        case .complete(let length, _): return .success((output, length))
        case .outputLimitExceeded, .stopped: return .failure(.tooLarge(limit: limit))
        case .failed(let failure): return .failure(failure)
        }
    }

    /// HTTP content codings we decode.
    enum Coding { case gzip, deflate }

    /// Decodes an HTTP body in `gzip` (every member, as browsers do) or `deflate` (zlib-wrapped, or
    /// raw deflate as some servers send it). Fails rather than produce more than `limit` bytes.
    static func decode(_ data: Data, coding: Coding, limit: Int) -> Result<Data, Failure> {
        if data.isEmpty { return .success(Data()) }
        let first = run(data, raw: false, allMembers: coding == .gzip, limit: limit)
        if coding == .deflate, case .failure(.corrupt) = first {
            return run(data, raw: true, allMembers: false, limit: limit)
        }
        return first
    }

    /// One member after another through `inflateMember`, the limit counted over all of them.
    private static func run(_ data: Data, raw: Bool, allMembers: Bool, limit: Int) -> Result<Data, Failure> {
        data.withUnsafeBytes { input -> Result<Data, Failure> in
            var output = Data()
            var offset = 0
            while true {
                switch inflateMember(input, from: offset, outputLimit: limit - output.count, raw: raw, sink: { output.append(contentsOf: $0); return true }) {
                case .complete(let length, _):
                    let next = offset + length
                    // Another gzip member follows: decode it too. Anything else after the end is
                    // ignored, as browsers ignore it.
                    guard allMembers, next + 1 < input.count, input[next] == 0x1F, input[next + 1] == 0x8B else { return .success(output) }
                    offset = next
                case .outputLimitExceeded, .stopped: return .failure(.tooLarge(limit: limit))
                case .failed(let failure): return .failure(failure)
                }
            }
        }
    }

    private static func message(_ stream: z_stream, _ status: Int32) -> String {
        if let text = stream.msg { return String(cString: text) }
        return "zlib status \(status)"
    }
}
