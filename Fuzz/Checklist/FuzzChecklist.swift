import Foundation
import PageAuditCore

/// Any bytes as a checklist file (the loader reads files: it resolves `extends` beside them).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pageaudit-fuzz-\(getpid()).json")
    guard (try? Data(bytes: start, count: count).write(to: file)) != nil else { return 0 }
    _ = try? ChecklistLoader.load(from: file)
    return 0
}
