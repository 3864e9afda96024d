import Foundation
import PageAuditCore

/// Where an audit's captures come from, chosen from the command line: a folder snapshot set, a WARC
/// archive of an earlier live run, or the live web (recorded to a new WARC file).
struct CaptureSetup {
    var source: any CaptureSource
    var sourceName: String
    var defaultAsOf: Date?
    /// Called with the registry before the audit starts (a live run batches its VK API requests).
    var prepare: (Registry.Agencies) async -> Void = { _ in }
    /// Called once the audit is over: closes the archive (the client's thread stops by itself when idle).
    var finish: () async -> [String] = { [] }

    static let vkTokenVariable = "PAGEAUDIT_VK_TOKEN"

    /// The registry to use when the command line names none, known before any capture is read:
    /// the registry is loaded first, while memory holds nothing else.
    static func defaultRegistry(_ arguments: Arguments, live: Bool) throws -> URL? {
        guard !live && !arguments.has("--live") else { return nil }
        let path = arguments.value("--snapshots").map { URL(fileURLWithPath: $0) } ?? BundledFiles.locate("snapshots/demo")
        if path.pathExtension.lowercased() == "warc" || path.lastPathComponent.lowercased().hasSuffix(".warc.gz") { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SnapshotError.folderMissing(path: path.path)
        }
        return FolderSnapshotSet.registryFile(in: path)
    }

    static func make(_ arguments: Arguments, runStart: Date, checklist: Checklist, live forced: Bool = false) throws -> CaptureSetup {
        if forced || arguments.has("--live") { return try live(arguments, runStart: runStart, checklist: checklist) }
        let path = arguments.value("--snapshots").map { URL(fileURLWithPath: $0) } ?? BundledFiles.locate("snapshots/demo")
        if path.pathExtension.lowercased() == "warc" || path.lastPathComponent.lowercased().hasSuffix(".warc.gz") {
            let archive = try WARCArchive(file: path)
            return CaptureSetup(source: RedirectFollower(ArchiveReplay(archive)), sourceName: path.lastPathComponent,
                                defaultAsOf: archive.recordedAsOf ?? archive.latestCaptureTime)
        }
        let snapshots = try FolderSnapshotSet(folder: path)
        return CaptureSetup(source: RedirectFollower(snapshots), sourceName: path.lastPathComponent, defaultAsOf: snapshots.latestCaptureTime)
    }

    private static func live(_ arguments: Arguments, runStart: Date, checklist: Checklist) throws -> CaptureSetup {
        var limits = HTTPLimits()
        limits.allowPrivateAddresses = arguments.has("--allow-private")
        if let agent = arguments.value("--user-agent") { limits.userAgent = agent }
        if let caFile = arguments.value("--ca-file") {
            guard let data = FileManager.default.contents(atPath: caFile) else {
                throw Arguments.Failure.invalidValue("--ca-file", value: caFile, expected: "a readable PEM file of CA certificates")
            }
            limits.extraCertificates = data
        }
        var settings = LiveCapture.Settings()
        settings.vkToken = ProcessInfo.processInfo.environment[vkTokenVariable]
        settings.vkAPIBase = arguments.value("--vk-api-base")
        settings.loopbackOnly = arguments.has("--loopback-only")
        for (option, secret) in [("--header", false), ("--secret-header", true)] {
            for text in arguments.values(option) {
                let parts = text.split(separator: ":", maxSplits: 1)
                let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard parts.count == 2, !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || "0123456789-_".unicodeScalars.contains($0) }),
                      !text.contains("\r"), !text.contains("\n") else {
                    // A secret value is never echoed, not even in an error.
                    throw Arguments.Failure.invalidValue(option, value: secret ? "[secret]" : text, expected: "'Name: value' on one line, Name of letters, digits and '-'")
                }
                settings.extraHeaders.append((name, parts[1].trimmingCharacters(in: .whitespaces)))
                if secret { settings.secretHeaderNames.insert(name.lowercased()) }
            }
        }
        if let text = arguments.value("--vk-rate") {
            guard let rate = Double(text), rate > 0, rate <= 20 else {
                throw Arguments.Failure.invalidValue("--vk-rate", value: text, expected: "requests per second, more than 0 and at most 20 (VK allows about 3)")
            }
            settings.vkRequestsPerSecond = rate
        }
        if let agent = arguments.value("--user-agent"), let token = agent.split(separator: "/").first { settings.userAgentToken = String(token) }
        let interval = try arguments.value("--min-interval").map { text -> Double in
            guard let seconds = Double(text), seconds >= 0 else { throw Arguments.Failure.invalidValue("--min-interval", value: text, expected: "seconds, 0 or more") }
            return seconds
        } ?? 1
        let warcFile = arguments.value("--warc").map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "captures/\(Self.fileStamp(runStart)).warc.gz")
        let recorder = try EvidenceRecorder(file: warcFile, info: [
            ("pageaudit-as-of", RFC3339.string(from: runStart)),
            ("pageaudit-checklist", "\(checklist.id) \(checklist.version)"),
            ("pageaudit-command", Self.commandWithoutSecrets(Array(CommandLine.arguments.dropFirst())).joined(separator: " ")),
            ("pageaudit-user-agent", limits.userAgent),
        ])
        let client = CurlClient(limits: limits)
        let live = LiveCapture(client: client, politeness: Politeness(perHost: 1, total: try concurrency(arguments) ?? 16, minimumInterval: interval),
                               recorder: recorder, settings: settings)
        return CaptureSetup(source: RedirectFollower(live), sourceName: "live → \(warcFile.path)",
                            defaultAsOf: runStart, prepare: { agencies in
                                // clubN is asked by number, a screen name by name, as the page reader will ask.
                                let groups = agencies.flatMap(\.declaredPages).compactMap(\.identity).filter { $0.platform == .vk }
                                    .map { $0.key.hasPrefix("vk.com/club") ? String($0.key.dropFirst("vk.com/club".count)) : String($0.key.dropFirst("vk.com/".count)) }
                                await live.prefetchVKGroups(groups)
                            }, finish: {
                                await recorder.finish()
                            })
    }

    /// The command line as the archive records it: the value of every `--secret-header` hidden.
    static func commandWithoutSecrets(_ words: [String]) -> [String] {
        var hidden = words
        for (index, word) in words.enumerated() {
            if word == "--secret-header", index + 1 < words.count { hidden[index + 1] = "[secret]" }
            if word.hasPrefix("--secret-header=") { hidden[index] = "--secret-header=[secret]" }
        }
        return hidden
    }

    /// `--concurrency N`: requests in flight at once in a live run (agencies in flight, too).
    static func concurrency(_ arguments: Arguments) throws -> Int? {
        try arguments.value("--concurrency").map { text in
            guard let number = Int(text), (1...1024).contains(number) else {
                throw Arguments.Failure.invalidValue("--concurrency", value: text, expected: "a number from 1 to 1024")
            }
            return number
        }
    }

    static func fileStamp(_ date: Date) -> String {
        RFC3339.string(from: date).replacingOccurrences(of: ":", with: "-")
    }
}
