import Foundation
import PageAuditCore

/// Any text as a date written on a page, read in a few time zones.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: Data(bytes: start, count: count), as: UTF8.self)
    for zone in ["Europe/Kaliningrad", "Europe/Moscow", "Asia/Kamchatka"] {
        _ = RussianDateParser(reference: Date(timeIntervalSince1970: 1_795_000_000), timeZone: TimeZone(identifier: zone)!).date(from: text)
    }
    return 0
}
