import Foundation
import Testing
@testable import PageAuditCore

/// Runs python3 for the interoperability tests.
enum WARCPython {
    static let scriptURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/verify-warc.py")

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runProcess("/usr/bin/env", ["python3"] + arguments)
    }

    static let warcioAvailable: Bool = (try? run(["-c", "import warcio"]).status == 0) ?? false

    /// CI sets this, so that a missing warcio fails the run instead of skipping these tests.
    static var required: Bool { ProcessInfo.processInfo.environment["PAGEAUDIT_REQUIRE_WARCIO"] == "1" }
}

/// What we write is checked by an independent implementation (warcio, through
/// scripts/verify-warc.py), and what warcio writes we read.
///
/// Skipped, with this reason shown, when python3 cannot import warcio; with
/// `PAGEAUDIT_REQUIRE_WARCIO=1` they run anyway and fail.
@Suite(.enabled(if: WARCPython.warcioAvailable || WARCPython.required,
                "python3 with warcio is not installed (pip install warcio); set PAGEAUDIT_REQUIRE_WARCIO=1 to fail instead of skipping"))
struct WARCInteropTests {
    @Test func warcioIsInstalled() throws {
        #expect(WARCPython.warcioAvailable, "python3 -c 'import warcio' failed: pip install warcio")
    }

    @Test(arguments: ["run.warc.gz", "run.warc"])
    func warcioVerifiesEveryRecordAndTheIndex(name: String) throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try WARCFixture.samples()
        let (file, _) = try WARCFixture.write(samples, name: name, in: folder)
        let (status, output) = try WARCPython.run([WARCPython.scriptURL.path, file.path])
        #expect(status == 0, "verify-warc.py said:\n\(output)")
        #expect(output.contains("\(1 + 2 * samples.count + 1) records"), "\(output)")
        #expect(output.contains("block digests verified by warcio: \(1 + 2 * samples.count + 1) of"), "\(output)")
        #expect(output.contains("1 chunked"), "\(output)")
        #expect(output.contains("index \(name).cdxj: \(samples.count) lines checked"), "\(output)")
        #expect(output.hasSuffix("OK\n"), "\(output)")
    }

    @Test func theScriptFailsOnATamperedArchiveAndABrokenIndex() throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, _) = try WARCFixture.write(try WARCFixture.samples(), name: "run.warc", in: folder)
        let original = try Data(contentsOf: file)
        var data = original
        let range = try #require(data.range(of: Data("priemnaya@".utf8)))
        data[range.lowerBound] = UInt8(ascii: "P")
        try data.write(to: file)
        let (status, output) = try WARCPython.run([WARCPython.scriptURL.path, file.path])
        #expect(status == 1, "\(output)")
        #expect(output.contains("block digest failed"), "\(output)")

        try original.write(to: file)
        let index = URL(fileURLWithPath: file.path + ".cdxj")
        let lines = try String(contentsOf: index, encoding: .utf8).split(separator: "\n").reversed().joined(separator: "\n") + "\n"
        try lines.write(to: index, atomically: true, encoding: .utf8)
        let (indexStatus, indexOutput) = try WARCPython.run([WARCPython.scriptURL.path, file.path])
        #expect(indexStatus == 1 && indexOutput.contains("not sorted"), "\(indexOutput)")

        let (gzipFile, offsets) = try WARCFixture.write(try WARCFixture.samples(), name: "cut.warc.gz", in: folder)
        try Data(try Data(contentsOf: gzipFile).prefix(offsets[1] + 100)).write(to: gzipFile)
        let (cutStatus, cutOutput) = try WARCPython.run([WARCPython.scriptURL.path, gzipFile.path, "--index", "/nonexistent"])
        #expect(cutStatus == 1 && cutOutput.contains("truncated"), "\(cutOutput)")
    }

    /// A WARC/1.0 file as warcio writes it: SHA-1 base32 digests, the payload digest of a chunked
    /// response over the chunk framing, gzip members.
    @Test func weReadWhatWarcioWrites() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("warcio.warc.gz")
        let program = """
        import io, sys
        from warcio.warcwriter import WARCWriter
        from warcio.statusandheaders import StatusAndHeaders
        with open(sys.argv[1], "wb") as out:
            writer = WARCWriter(out, gzip=True)
            page = "<p>Контакты</p>".encode("utf-8")
            chunked = b"5\\r\\n" + page[:5] + b"\\r\\n" + b"%x\\r\\n" % (len(page) - 5) + page[5:] + b"\\r\\n0\\r\\n\\r\\n"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://example.ru/", "response", payload=io.BytesIO(chunked), http_headers=http))
            plain = b'{"response":[]}'
            http = StatusAndHeaders("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(plain)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://example.ru/data.json", "response", payload=io.BytesIO(plain), http_headers=http))
        """
        let (status, output) = try WARCPython.run(["-c", program, file.path])
        try #require(status == 0, "\(output)")
        let text = String(decoding: WARCFixture.members(of: try Data(contentsOf: file)).map(\.2).reduce(Data(), +), as: UTF8.self)
        #expect(text.contains("WARC-Payload-Digest: sha1:"), "warcio was expected to write SHA-1 digests")

        let archive = try WARCArchive(file: file)
        #expect(archive.problems.isEmpty)
        #expect(archive.verify().isEmpty)
        let page = try await archive.capture(WebAddress("https://example.ru/")!).get()
        #expect(page.body.sha == Data("<p>Контакты</p>".utf8).sha)
        #expect(page.contentType == "text/html; charset=utf-8")
        let json = try await archive.capture(WebAddress("https://example.ru/data.json")!).get()
        #expect(json.body.sha == Data(#"{"response":[]}"#.utf8).sha)
    }
}
