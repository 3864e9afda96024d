import Foundation
@testable import PageAuditCore

/// Any text as a CSV registry and as a JSON registry; every agency of a CSV registry is rebuilt from its row.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: Data(bytes: start, count: count), as: UTF8.self)
    if let registry = try? RegistryLoader.csvRegistry(text, file: "fuzz.csv") {
        for position in 0..<registry.count { _ = registry.agency(at: position) }
    }
    _ = try? RegistryLoader.parseJSON(text, file: "fuzz.json")
    return 0
}
