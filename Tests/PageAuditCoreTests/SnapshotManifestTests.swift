import Foundation
import Testing
@testable import PageAuditCore

@Suite struct SnapshotManifestTests {
    let header = "url\tfile\tcaptured_at\tstatus\tcontent_type\terror"

    @Test func readsRowsWithEscapesAndComments() throws {
        let text = "\(header)\n# a comment\nhttps://adm.example.ru/\tpages/a.html\t2026-11-20T10:15:04+03:00\t200\ttext/html; charset=utf-8\t\nhttps://b.example.ru/\t\t2026-11-20T10:16:00Z\t0\t\ttimed out\\tafter 30 s\n"
        let entries = try SnapshotManifest.parse(text, file: "m.tsv")
        #expect(entries.count == 2)
        #expect(entries[0].file == "pages/a.html")
        #expect(entries[0].capturedAt == Date(timeIntervalSince1970: 1_795_158_904))
        #expect(entries[1].status == 0)
        #expect(entries[1].error == "timed out\tafter 30 s")
        #expect(entries[1].location.line == 4)
    }

    @Test(arguments: [
        ("url\tfile\tstatus\n", SnapshotError.missingColumn(name: "captured_at", at: SourceLocation(file: "m.tsv", line: 1))),
        ("url\tfile\tcaptured_at\tstatus\nhttps://a.ru/\tx\t20.11.2026\t200\n", .badCaptureTime("20.11.2026", at: SourceLocation(file: "m.tsv", line: 2, column: 3))),
        ("url\tfile\tcaptured_at\tstatus\nhttps://a.ru/\tx\t2026-11-20T10:00:00Z\tok\n", .badStatus("ok", at: SourceLocation(file: "m.tsv", line: 2, column: 4))),
        ("url\tfile\tcaptured_at\tstatus\nadm.ru\tx\t2026-11-20T10:00:00Z\t200\n", .badAddress("adm.ru", at: SourceLocation(file: "m.tsv", line: 2, column: 1))),
        ("url\tfile\tcaptured_at\tstatus\nhttps://a.ru/\t../../etc/passwd\t2026-11-20T10:00:00Z\t200\n", .pathOutsideSet("../../etc/passwd", at: SourceLocation(file: "m.tsv", line: 2, column: 2))),
        ("url\tfile\tcaptured_at\tstatus\nhttps://a.ru/\t/etc/passwd\t2026-11-20T10:00:00Z\t200\n", .pathOutsideSet("/etc/passwd", at: SourceLocation(file: "m.tsv", line: 2, column: 2))),
        ("url\tfile\tcaptured_at\tstatus\nhttps://a.ru\ta\t2026-11-20T10:00:00Z\t200\nhttps://a.ru/\tb\t2026-11-20T10:00:00Z\t200\n", .duplicateAddress("https://a.ru/", at: SourceLocation(file: "m.tsv", line: 3), first: SourceLocation(file: "m.tsv", line: 2))),
    ])
    func malformedManifestNamesThePlace(text: String, expected: SnapshotError) {
        #expect(throws: expected) { try SnapshotManifest.parse(text, file: "m.tsv") }
    }

    @Test func folderSetFindsCapturesLooselyAndRefusesSymlinksOutOfTheSet() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("set-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try Data("<p>привет</p>".utf8).write(to: folder.appendingPathComponent("pages/home.html"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("pages/leak.html").path, withDestinationPath: "/etc/hostname")
        try """
        \(header)
        https://www.adm.example.ru/\tpages/home.html\t2026-11-20T10:15:04+03:00\t200\ttext/html\t
        https://adm.example.ru/leak\tpages/leak.html\t2026-11-20T10:15:04+03:00\t200\ttext/html\t
        https://down.example.ru/\t\t2026-11-20T10:15:04+03:00\t0\t\tconnection timed out
        """.write(to: folder.appendingPathComponent("manifest.tsv"), atomically: true, encoding: .utf8)
        let set = try FolderSnapshotSet(folder: folder)

        let home = try await set.capture(WebAddress("http://adm.example.ru")!).get()
        #expect(String(decoding: home.body, as: UTF8.self) == "<p>привет</p>")
        #expect(home.digest.hasPrefix("sha256:") && home.digest.count == 71)

        guard case .failure(let leak) = await set.capture(WebAddress("https://adm.example.ru/leak")!) else { Issue.record("symlink followed"); return }
        #expect(leak.reason == .unreadableFile)
        guard case .failure(let down) = await set.capture(WebAddress("https://down.example.ru/")!) else { Issue.record("no failure"); return }
        #expect(down.reason == .network && down.detail == "connection timed out")
        guard case .failure(let missing) = await set.capture(WebAddress("https://other.example.ru/")!) else { Issue.record("no failure"); return }
        #expect(missing.reason == .notCaptured)
    }
}

@Suite struct VKAPIAnswerLookupTests {
    @Test func answersAreFoundByMethodAndGroupWhateverElseTheURLCarries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("api-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        url\tfile\tcaptured_at\tstatus\tcontent_type\terror
        https://api.vk.com/method/groups.getById?group_ids=adm_city,777&fields=description,site&v=5.199\ta.json\t2026-11-20T10:00:00+03:00\t200\tapplication/json\t
        https://api.vk.com/method/wall.get?owner_id=-777&count=100&v=5.199\tb.json\t2026-11-20T10:00:00+03:00\t200\tapplication/json\t
        """.write(to: folder.appendingPathComponent("manifest.tsv"), atomically: true, encoding: .utf8)
        let set = try FolderSnapshotSet(folder: folder)
        #expect(set.entry(for: VKAPIAnswerKey.groupsAddress(for: "777"))?.file == "a.json")
        #expect(set.entry(for: VKAPIAnswerKey.groupsAddress(for: "ADM_CITY"))?.file == "a.json")
        #expect(set.entry(for: VKAPIAnswerKey.wallAddress(groupID: 777))?.file == "b.json")
        #expect(set.entry(for: VKAPIAnswerKey.wallAddress(domain: "adm_city")) == nil)
        #expect(set.entry(for: VKAPIAnswerKey.groupsAddress(for: "other")) == nil)
    }
}

@Suite struct RedirectFollowerTests {
    func set(_ rows: String) throws -> FolderSnapshotSet {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redirect-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("<p>дом</p>".utf8).write(to: folder.appendingPathComponent("home.html"))
        try ("url\tfile\tcaptured_at\tstatus\tcontent_type\terror\tlocation\n" + rows).write(to: folder.appendingPathComponent("manifest.tsv"), atomically: true, encoding: .utf8)
        return try FolderSnapshotSet(folder: folder)
    }

    @Test func redirectsAreFollowedToTheFinalPage() async throws {
        let snapshots = try set("""
        http://adm.example.ru/\t\t2026-11-20T10:00:00+03:00\t301\t\t\thttps://adm.example.ru/
        https://adm.example.ru/\t\t2026-11-20T10:00:01+03:00\t302\t\t\t/portal/
        https://adm.example.ru/portal/\thome.html\t2026-11-20T10:00:02+03:00\t200\ttext/html\t\t
        """)
        let response = try await RedirectFollower(snapshots).capture(WebAddress("http://adm.example.ru/")!).get()
        #expect(response.address.description == "https://adm.example.ru/portal/")
        #expect(String(decoding: response.body, as: UTF8.self) == "<p>дом</p>")
    }

    @Test func loopsAndLongChainsEndAsCaptureFailures() async throws {
        let loop = try set("https://a.example.ru/x\t\t2026-11-20T10:00:00+03:00\t302\t\t\t/y\nhttps://a.example.ru/y\t\t2026-11-20T10:00:00+03:00\t302\t\t\t/x\n")
        guard case .failure(let failure) = await RedirectFollower(loop).capture(WebAddress("https://a.example.ru/x")!) else { Issue.record("followed a loop"); return }
        #expect(failure.reason == .redirectLoop)
        let chain = (0..<12).map { "https://a.example.ru/\($0)\t\t2026-11-20T10:00:00+03:00\t301\t\t\t/\($0 + 1)" }.joined(separator: "\n")
        guard case .failure(let long) = await RedirectFollower(try set(chain)).capture(WebAddress("https://a.example.ru/0")!) else { Issue.record("followed 12 hops"); return }
        #expect(long.reason == .redirectLoop && long.detail?.contains("more than 10") == true)
        guard case .failure(let scheme) = await RedirectFollower(try set("https://a.example.ru/j\t\t2026-11-20T10:00:00+03:00\t302\t\t\tjavascript:alert(1)\n")).capture(WebAddress("https://a.example.ru/j")!) else { Issue.record("followed javascript:"); return }
        #expect(scheme.reason == .httpStatus)
    }
}

/// The compact index a folder set keeps of its manifest instead of the entries themselves.
@Suite struct ManifestIndexTests {
    let rows = """
    url\tfile\tcaptured_at\tstatus
    # comment
    https://adm.example.ru/\ta.html\t2026-11-20T10:00:00Z\t200
    http://www.adm.example.ru/\tb.html\t2026-11-20T10:01:00Z\t200

    https://adm.example.ru/contacts/\tc.html\t2026-11-20T10:02:00Z\t200
    https://api.vk.com/method/groups.getById?group_ids=adm_example&v=5.199\tg.json\t2026-11-20T10:03:00Z\t200
    https://api.vk.com/method/wall.get?domain=adm_example&count=100&v=5.199\tw.json\t2026-11-20T11:04:00Z\t200
    https://other.example.ru/\t\t2026-11-20T10:05:00Z\t0\n
    """

    func write(_ text: String) throws -> String {
        let path = try temporaryFolder("manifest").appendingPathComponent("manifest.tsv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// With the real hash and with one that makes every key collide, every lookup gives the entry
    /// the in-memory parse gives, loose matches go to the first capture, and API answers are found.
    @Test(arguments: [false, true]) func lookupsMatchTheParsedManifest(collide: Bool) throws {
        let path = try write(rows)
        let index: ManifestIndex
        if collide { index = try ManifestIndex(path: path, hash: { _ in 7 }) } else { index = try ManifestIndex(path: path) }
        let parsed = try SnapshotManifest.parse(rows, file: path)
        #expect(index.count == parsed.count)
        #expect(index.latestCaptureTime == parsed.map(\.capturedAt).max())
        let exactKeys: (ManifestEntry) -> [String] = { [$0.address.description] }
        for entry in parsed {
            let found = index.entry(for: entry.address.description, in: index.exact, keysOf: exactKeys)
            #expect(found == entry)
        }
        let loose = index.entry(for: WebAddress("https://www.adm.example.ru/")!.looseKey, in: index.loose, keysOf: { [$0.address.looseKey] })
        #expect(loose?.file == "a.html", "the first capture wins a loose match")
        let nowhere = index.entry(for: "https://nowhere.example/", in: index.exact, keysOf: exactKeys)
        #expect(nowhere == nil)
        let wall = try #require(WebAddress("https://api.vk.com/method/wall.get?domain=adm_example&count=20&v=5.199"))
        let key = try #require(VKAPIAnswerKey.keys(of: wall).first)
        let answer = index.entry(for: key, in: index.apiAnswers, keysOf: { VKAPIAnswerKey.keys(of: $0.address) })
        #expect(answer?.file == "w.json")
    }

    @Test(arguments: [false, true]) func duplicatesAndBadRowsNameTheirLines(collide: Bool) throws {
        let duplicate = try write(rows + "https://adm.example.ru/contacts/\td.html\t2026-11-20T10:02:00Z\t200\n")
        let hash: @Sendable (String) -> UInt64
        if collide { hash = { _ in 7 } } else { hash = { Shard.fnv1a64($0) } }
        #expect(throws: SnapshotError.duplicateAddress("https://adm.example.ru/contacts/", at: SourceLocation(file: duplicate, line: 10),
                                                       first: SourceLocation(file: duplicate, line: 6))) {
            try ManifestIndex(path: duplicate, hash: hash)
        }
        let bad = try write(rows + "https://x.example.ru/\tx.html\tyesterday\t200\n")
        #expect(throws: SnapshotError.badCaptureTime("yesterday", at: SourceLocation(file: bad, line: 10, column: 3))) { try ManifestIndex(path: bad, hash: hash) }
        let binary = try write("url\tfile\tcaptured_at\tstatus\nhttps://a.ru/\t\u{FFFD}\t2026-11-20T10:00:00Z\t200\n")
        try Data([0x68, 0x74, 0xFF, 0xFE, 0x0A]).append(toFile: binary)
        #expect(throws: SnapshotError.manifestUnreadable(path: binary, detail: "line 3 is not UTF-8")) { try ManifestIndex(path: binary, hash: hash) }
    }
}

extension Data {
    func append(toFile path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: self)
        try handle.close()
    }
}
