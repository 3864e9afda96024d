import Foundation
import PageAuditCore

/// Any text as a page's visible text and as mailto:/tel: links, for e-mails and phone numbers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: Data(bytes: start, count: count), as: UTF8.self)
    _ = EmailExtractor.emails(inText: text)
    _ = PhoneExtractor.phones(inText: text)
    _ = EmailExtractor.email(fromMailto: "mailto:" + text)
    _ = PhoneExtractor.phone(fromTel: "tel:" + text)
    return 0
}
