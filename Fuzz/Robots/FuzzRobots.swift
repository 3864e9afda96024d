import Foundation
import PageAuditCore

/// Any bytes as robots.txt, then asked about a few paths and agents.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let robots = RobotsTxt(parsing: Data(bytes: start, count: count))
    for path in ["/", "/contacts/", "/a%2Fb?x=1", "/Ω/$"] {
        _ = robots.isAllowed(path, userAgent: "pageaudit")
    }
    _ = robots.crawlDelay(userAgent: "pageaudit")
    return 0
}
