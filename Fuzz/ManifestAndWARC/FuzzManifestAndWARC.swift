import Foundation
@testable import PageAuditCore

/// Any bytes as a snapshot manifest (in memory, and through the on-disk index) and as a WARC file
/// (plain or gzip), every record read back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    _ = try? SnapshotManifest.parse(String(decoding: data, as: UTF8.self), file: "manifest.tsv")
    let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pageaudit-fuzz-\(getpid()).bin")
    guard (try? data.write(to: file)) != nil else { return 0 }
    if let index = try? ManifestIndex(path: file.path) {
        _ = index.entry(for: "https://adm.example.ru/", in: index.exact) { [$0.address.description] }
    }
    _ = WARCReader.scan(data, path: "fuzz.warc")
    if let archive = try? WARCArchive(file: file) { _ = archive.verify() }
    return 0
}
