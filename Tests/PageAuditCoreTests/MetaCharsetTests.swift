import Foundation
import Testing
@testable import PageAuditCore

/// The byte search for `<meta charset>` against the Foundation string search it replaced.
@Suite struct MetaCharsetTests {
    static func reference(_ bytes: Data, limit: Int = 8192) -> String? {
        let head = String(decoding: bytes.prefix(limit).map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let metaRange = head.range(of: "<meta", range: searchStart..<head.endIndex) {
            let tagEnd = head.range(of: ">", range: metaRange.upperBound..<head.endIndex)?.lowerBound ?? head.endIndex
            let tag = head[metaRange.upperBound..<tagEnd]
            if let charsetRange = tag.range(of: "charset") {
                var rest = tag[charsetRange.upperBound...].drop(while: { $0 == " " })
                if rest.first == "=" {
                    rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\"" || $0 == "'" })
                    let value = rest.prefix(while: { !" \"';/>".contains($0) })
                    if !value.isEmpty { return String(value) }
                }
            }
            searchStart = tagEnd
        }
        return nil
    }

    @Test func matchesStringSearch() {
        let heads = [
            "", "<meta", "<meta>", "<META CHARSET=UTF-8>", "<meta charset = \"windows-1251\">", "<meta charset='koi8-r'/>",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">", "<meta name=x><meta charset=utf8>",
            "<meta charset>", "<meta charset=>", "<meta charset= \"\">", "<metacharset=cp1251>", "<meta charset=a\r\nb>",
            "<meta content=\"charset\"><meta charset=x>", "<meta charset=Ü>", "ääää<meta charset=utf-8", "<meta\0charset=x>",
            String(repeating: "<!-- -->", count: 1100) + "<meta charset=utf-8>", "<meta charset=\"utf-8\"", "<<meta charset=x>",
        ]
        for head in heads {
            let data = Data(head.utf8)
            #expect(CharsetDetector().metaCharset(in: data) == Self.reference(data), "\(head.prefix(80).debugDescription)")
        }
        let latin1 = Data([0x3C, 0x6D, 0x65, 0x74, 0x61, 0x20, 0xE4, 0x63, 0x68, 0x61, 0x72, 0x73, 0x65, 0x74, 0x3D, 0xF0, 0x41, 0x3E])
        #expect(CharsetDetector().metaCharset(in: latin1) == Self.reference(latin1))
    }
}
