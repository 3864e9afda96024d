import Foundation
import Testing
@testable import PageAuditCore

/// HTTP body decoding against bytes made by Python's zlib and gzip modules, an independent encoder.
@Suite struct GzipDecodeTests {
    let text = "Приёмная: priem@adm.example.ru"
    /// zlib.compress(text)
    let zlibWrapped = Data([120, 156, 187, 48, 255, 98, 195, 133, 29, 23, 39, 94, 216, 115, 97, 239, 133, 13, 23, 251, 173, 20, 10, 138, 50, 83, 115, 29, 18, 83, 114, 245, 82, 43, 18, 115, 11, 114, 82, 245, 138, 74, 1, 188, 104, 19, 188] as [UInt8])
    /// zlib.compressobj(9, DEFLATED, -15): bare deflate, as some servers send "deflate"
    let rawDeflate = Data([187, 48, 255, 98, 195, 133, 29, 23, 39, 94, 216, 115, 97, 239, 133, 13, 23, 251, 173, 20, 10, 138, 50, 83, 115, 29, 18, 83, 114, 245, 82, 43, 18, 115, 11, 114, 82, 245, 138, 74, 1] as [UInt8])
    /// gzip.compress(b"first ") + gzip.compress(b"second"): two members
    let twoMembers = Data([31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 75, 203, 44, 42, 46, 81, 0, 0, 252, 122, 241, 28, 6, 0, 0, 0, 31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 43, 78, 77, 206, 207, 75, 1, 0, 105, 17, 31, 182, 6, 0, 0, 0] as [UInt8])

    @Test func deflateWithAndWithoutItsZlibWrapper() throws {
        #expect(String(decoding: try Gzip.decode(zlibWrapped, coding: .deflate, limit: 1000).get(), as: UTF8.self) == text)
        #expect(String(decoding: try Gzip.decode(rawDeflate, coding: .deflate, limit: 1000).get(), as: UTF8.self) == text)
    }

    @Test func everyGzipMemberIsDecodedAndTheLimitCountsThemAll() throws {
        #expect(String(decoding: try Gzip.decode(twoMembers, coding: .gzip, limit: 1000).get(), as: UTF8.self) == "first second")
        #expect(throws: Gzip.Failure.self) { try Gzip.decode(twoMembers, coding: .gzip, limit: 8).get() }
        #expect(throws: Gzip.Failure.self) { try Gzip.decode(twoMembers.prefix(twoMembers.count - 3), coding: .gzip, limit: 1000).get() }
    }
}
