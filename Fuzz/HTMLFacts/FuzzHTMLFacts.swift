import Foundation
@testable import PageAuditCore

/// Any bytes as a site's home page: parsed by libxml2 and read for every fact a site page yields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let body = Data(bytes: start, count: count)
    let address = WebAddress("https://adm.example.ru/")!
    let response = CapturedResponse(address: address, capturedAt: Date(timeIntervalSince1970: 1_795_000_000), status: 200,
                                    contentType: "text/html", body: body)
    guard let document = try? HTMLDocument(bytes: body, address: address, contentType: response.contentType) else { return 0 }
    _ = SitePageReader().facts(of: document, response: response, role: .home)
    _ = ContactPageFinder(limit: 3).candidates(in: document)
    _ = document.metaRefreshTarget
    return 0
}
