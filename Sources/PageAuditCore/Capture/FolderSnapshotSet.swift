import Foundation

/// The hand-made form of evidence: a folder with `registry.csv`, `manifest.tsv` and the captured
/// files. Reading it never touches the network.
public struct FolderSnapshotSet: CaptureSource {
    public let folder: URL
    private let index: ManifestIndex

    public init(folder: URL) throws(SnapshotError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .folderMissing(path: folder.path)
        }
        let manifestURL = folder.appendingPathComponent("manifest.tsv")
        guard FileManager.default.fileExists(atPath: manifestURL.path) else { throw .manifestMissing(path: manifestURL.path) }
        self.folder = folder.standardizedFileURL
        index = try ManifestIndex(path: manifestURL.path)
    }

    /// The registry of the set: `registry.csv`, or `registry.json` when there is no CSV.
    public var registryFile: URL { Self.registryFile(in: folder) }

    public static func registryFile(in folder: URL) -> URL {
        let csv = folder.appendingPathComponent("registry.csv")
        let json = folder.appendingPathComponent("registry.json")
        return !FileManager.default.fileExists(atPath: csv.path) && FileManager.default.fileExists(atPath: json.path) ? json : csv
    }

    /// The newest capture time in the set: the default "as of" instant of an offline audit, so that
    /// re-running it on the same evidence gives the same findings.
    public var latestCaptureTime: Date? { index.latestCaptureTime }

    /// The stored capture of an address: exact match first, then ignoring the scheme and `www.`.
    /// VK API answers are found by method and group, whatever other parameters their URLs carry.
    public func entry(for address: WebAddress) -> ManifestEntry? {
        index.entry(for: address.description, in: index.exact) { [$0.address.description] }
            ?? index.entry(for: address.looseKey, in: index.loose) { [$0.address.looseKey] }
            ?? VKAPIAnswerKey.keys(of: address).lazy.compactMap { key in
                index.entry(for: key, in: index.apiAnswers) { VKAPIAnswerKey.keys(of: $0.address) }
            }.first
    }

    public func capture(_ address: WebAddress) async -> Result<CapturedResponse, CaptureFailure> {
        guard let entry = entry(for: address) else {
            return .failure(CaptureFailure(reason: .notCaptured, address: address.displayString))
        }
        guard entry.status != 0 else {
            return .failure(CaptureFailure(reason: .network, address: entry.address.displayString, capturedAt: entry.capturedAt, detail: entry.error))
        }
        var body = Data()
        if let file = entry.file {
            let fileURL = folder.appendingPathComponent(file).standardizedFileURL
            // A symbolic link inside the set must not lead the audit to read files outside it.
            let resolved = fileURL.resolvingSymlinksInPath().path
            guard resolved.hasPrefix(folder.resolvingSymlinksInPath().path + "/") else {
                return .failure(CaptureFailure(reason: .unreadableFile, address: entry.address.displayString, capturedAt: entry.capturedAt, detail: "\(file) is outside the set"))
            }
            do { body = try Data(contentsOf: fileURL) } catch {
                return .failure(CaptureFailure(reason: .unreadableFile, address: entry.address.displayString, capturedAt: entry.capturedAt, detail: "\(file): \(error.localizedDescription)"))
            }
        }
        return .success(CapturedResponse(address: entry.address, capturedAt: entry.capturedAt, status: entry.status,
                                         contentType: entry.contentType, body: body, location: entry.redirectTo))
    }
}
