import Foundation
import Testing
@testable import PageAuditCore

/// Damaged and hostile archives: a clear error or a skipped record, never a crash, an unbounded
/// allocation, or a silently altered body.
@Suite struct WARCHostileInputTests {
    private func written(_ name: String) throws -> (URL, URL, [WARCFixture.Sample], [Int]) {
        let folder = try WARCFixture.folder()
        let samples = try WARCFixture.samples()
        let (file, offsets) = try WARCFixture.write(samples, name: name, in: folder)
        return (folder, file, samples, offsets)
    }

    @Test func aTruncatedGzipFileKeepsTheRecordsBeforeTheCut() async throws {
        let (folder, file, samples, offsets) = try written("run.warc.gz")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Data(contentsOf: file)
        // Cut inside the windows-1251 response's member.
        try data.prefix(offsets[1] + 40).write(to: file)
        let archive = try WARCArchive(file: file)
        #expect(try await archive.capture(samples[0].lookup).get().body.sha == WARCFixture.homeHTML.sha)
        #expect(archive.problems.count == 1)
        if case .damagedRecord(_, let offset, _, let detail) = archive.problems.first {
            #expect(offset == offsets[1] && detail.contains("truncated"))
        } else {
            Issue.record("no damage reported: \(archive.problems)")
        }
        guard case .failure(let failure) = await archive.capture(samples[1].lookup) else { Issue.record("read past the cut"); return }
        #expect([.unreadableFile, .notCaptured].contains(failure.reason))
    }

    @Test func aTruncatedPlainFileMarksTheCutRecordUnreadable() async throws {
        let (folder, file, samples, offsets) = try written("run.warc")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Data(contentsOf: file)
        // Cut 20 bytes into the windows-1251 response's block.
        let headerEnd = try #require(data[offsets[1]...].range(of: Data([13, 10, 13, 10])))
        try data.prefix(headerEnd.upperBound + 20).write(to: file)
        let archive = try WARCArchive(file: file)
        #expect(try await archive.capture(samples[0].lookup).get().body.sha == WARCFixture.homeHTML.sha)
        guard case .failure(let failure) = await archive.capture(samples[1].lookup) else { Issue.record("read past the cut"); return }
        #expect(failure.reason == .unreadableFile && failure.detail?.contains("Content-Length") == true)
        #expect(failure.detail?.contains("offset \(offsets[1])") == true)
    }

    @Test func aWrongContentLengthDamagesOnlyItsRecord() async throws {
        let (folder, file, samples, offsets) = try written("run.warc")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try #require(String(data: try Data(contentsOf: file), encoding: .isoLatin1))
        let length = samples[1].exchange.response.count
        let marker = "Content-Type: application/http;msgtype=response\r\nWARC-Block-Digest: \(SHA256Digest.label(of: samples[1].exchange.response))\r\nWARC-Payload-Digest: \(SHA256Digest.label(of: WARCFixture.cp1251Page))\r\nContent-Length: \(length)\r\n"
        #expect(text.contains(marker))
        for wrong in [length - 7, length + 7] {
            let tampered = text.replacingOccurrences(of: marker, with: marker.replacingOccurrences(of: "Content-Length: \(length)", with: "Content-Length: \(wrong)"))
            try #require(tampered.data(using: .isoLatin1)).write(to: file)
            let archive = try WARCArchive(file: file)
            guard case .failure(let failure) = await archive.capture(samples[1].lookup) else { Issue.record("used a record with a wrong length"); return }
            #expect(failure.reason == .unreadableFile)
            #expect(archive.problems.contains { if case .damagedRecord(_, offsets[1], _, _) = $0 { true } else { false } })
            for index in [0, 2, 3] {
                #expect(try await archive.capture(samples[index].lookup).get().body.sha == samples[index].body.sha)
            }
        }
    }

    @Test(arguments: ["run.warc.gz", "run.warc"])
    func garbageBetweenRecordsIsSkippedAndReported(name: String) async throws {
        let (folder, file, samples, offsets) = try written(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Data(contentsOf: file)
        var random = WARCRandom(state: 7)
        var garbage = Data((0..<1000).map { _ in UInt8.random(in: 0...255, using: &random) })
        garbage[0] = UInt8(ascii: "G")  // not a blank line, which readers skip silently
        var spliced = Data(data[..<offsets[2]])
        spliced.append(garbage)
        spliced.append(data[offsets[2]...])
        try spliced.write(to: file)
        let archive = try WARCArchive(file: file)
        for sample in samples {
            #expect(try await archive.capture(sample.lookup).get().body.sha == sample.body.sha)
        }
        #expect(archive.problems == [.garbage(path: file.path, offset: offsets[2], length: 1000)])
    }

    @Test(arguments: ["run.warc.gz", "run.warc"])
    func aTwoGigabyteContentLengthClaimIsRefusedWithoutAllocating(name: String) async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        let good = try WARCFixture.samples()[3]
        // A valid archive of one response, then a record claiming 2 GB that holds 10 bytes.
        try WARCFixture.write([good], name: name, in: folder)
        var data = try Data(contentsOf: file)
        let liar = Data("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\nWARC-Date: 2027-01-01T00:00:00Z\r\nWARC-Target-URI: https://liar.example.ru/\r\nContent-Length: 2000000000\r\n\r\nHTTP/1.1 2\r\n\r\n".utf8)
        data.append(name.hasSuffix(".gz") ? try Gzip.member(liar) : liar)
        try data.write(to: file)
        let archive = try WARCArchive(file: file)
        guard case .failure(let failure) = await archive.capture(WebAddress("https://liar.example.ru/")!) else {
            Issue.record("a record claiming 2 GB was used"); return
        }
        #expect(failure.reason == .unreadableFile && failure.detail?.contains("2000000000") == true)
        #expect(try await archive.capture(good.lookup).get().body.sha == good.body.sha)
    }

    @Test func aGzipBombBodyGivesAFailure() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bomb = try Gzip.member(Data(count: 80 * 1024 * 1024))
        #expect(bomb.count < 200 * 1024)
        let exchange = HTTPExchange(targetURI: "https://bomb.example.ru/", request: WARCFixture.request("/", host: "bomb.example.ru"),
                                    response: WARCFixture.response("HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\nContent-Length: \(bomb.count)", body: bomb),
                                    date: WARCFixture.t0)
        let file = folder.appendingPathComponent("bomb.warc.gz")
        let writer = try WARCWriter(file: file, info: [])
        try writer.write(exchange)
        try writer.finish()
        let archive = try WARCArchive(file: file)
        guard case .failure(let failure) = await archive.capture(WebAddress("https://bomb.example.ru/")!) else {
            Issue.record("a gzip bomb was inflated"); return
        }
        #expect(failure.reason == .unreadableFile && failure.detail?.contains("more than \(WARCArchive.bodyLimit) bytes") == true)
    }

    @Test func aGzipMemberHoldingMoreThanItsRecordIsDamaged() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bomb.warc.gz")
        try WARCFixture.write([try WARCFixture.samples()[3]], in: folder.appendingPathComponent("x"))
        var data = try Data(contentsOf: folder.appendingPathComponent("x/run.warc.gz"))
        var record = Data("WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2027-01-01T00:00:00Z\r\nWARC-Target-URI: https://bomb.example.ru/\r\nContent-Length: 10\r\n\r\n".utf8)
        record.append(Data(count: 20 * 1024 * 1024))
        data.append(try Gzip.member(record))
        try data.write(to: file)
        let archive = try WARCArchive(file: file)
        guard case .failure(let failure) = await archive.capture(WebAddress("https://bomb.example.ru/")!) else {
            Issue.record("an oversized member was used"); return
        }
        #expect(failure.reason == .unreadableFile && failure.detail?.contains("more than its record") == true)
    }

    @Test func aWholeFileGzipStreamIsRefusedWithAHint() throws {
        let (folder, file, _, _) = try written("run.warc")
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.warc.gz")
        try Gzip.member(try Data(contentsOf: file)).write(to: whole)
        #expect {
            try WARCArchive(file: whole)
        } throws: { error in
            guard let error = error as? WARCError, case .noRecords(_, let first) = error else { return false }
            return first?.contains("one gzip stream") == true && error.fix.en.contains("warcio recompress")
        }
    }

    @Test func filesThatAreNotWARCAreRefused() throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("missing.warc")
        #expect { try WARCArchive(file: missing) } throws: { ($0 as? WARCError).map { if case .fileUnreadable = $0 { true } else { false } } ?? false }
        for (name, bytes) in [("empty.warc", Data()), ("html.warc", Data("<html>WARC/1.1 is not at a line start</html>".utf8)),
                              ("fake.warc.gz", Data([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3])),
                              ("header.warc", Data(("WARC/1.1\r\nX: " + String(repeating: "a", count: 70_000)).utf8))] {
            let file = folder.appendingPathComponent(name)
            try bytes.write(to: file)
            #expect(throws: WARCError.self, "\(name)") { try WARCArchive(file: file) }
        }
    }

    @Test func malformedHTTPBodiesAreUnreadable() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.warc.gz")
        let writer = try WARCWriter(file: file, info: [])
        let cases: [(String, String, Data)] = [
            ("unfinished-chunks", "HTTP/1.1 200 OK\nTransfer-Encoding: chunked", Data("5\r\nhello\r\n".utf8)),
            ("bad-chunk-size", "HTTP/1.1 200 OK\nTransfer-Encoding: chunked", Data("zz\r\nhello\r\n0\r\n\r\n".utf8)),
            ("short-body", "HTTP/1.1 200 OK\nContent-Length: 100", Data("short".utf8)),
            ("brotli", "HTTP/1.1 200 OK\nContent-Encoding: br\nContent-Length: 3", Data("abc".utf8)),
            ("corrupt-gzip", "HTTP/1.1 200 OK\nContent-Encoding: gzip\nContent-Length: 12", Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF])),
            ("not-http", "garbage without a status line", Data()),
        ]
        for (path, head, body) in cases {
            try writer.write(HTTPExchange(targetURI: "https://bad.example.ru/\(path)", request: WARCFixture.request("/\(path)", host: "bad.example.ru"),
                                          response: WARCFixture.response(head, body: body), date: WARCFixture.t0))
        }
        try writer.finish()
        let archive = try WARCArchive(file: file)
        #expect(archive.problems.isEmpty)
        for (path, _, _) in cases {
            guard case .failure(let failure) = await archive.capture(WebAddress("https://bad.example.ru/\(path)")!) else {
                Issue.record("\(path) was read as a good body"); continue
            }
            #expect(failure.reason == .unreadableFile, "\(path)")
        }
    }

    /// Random truncations and byte flips: every capture is either the original body or a failure.
    @Test(arguments: ["run.warc.gz", "run.warc"])
    func randomDamageNeverYieldsAnAlteredBody(name: String) async throws {
        let (folder, file, samples, _) = try written(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: file)
        var random = WARCRandom(state: name.hasSuffix(".gz") ? 1 : 2)
        for round in 0..<120 {
            var data = original
            if round % 3 == 0 {
                data = data.prefix(Int.random(in: 0..<data.count, using: &random))
            } else {
                for _ in 0..<(1 + round % 4) {
                    data[Int.random(in: 0..<data.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            try data.write(to: file)
            guard let archive = try? WARCArchive(file: file) else { continue }
            // WARC digests cover blocks, not headers: damage to a Target-URI or a date may change
            // which record an address finds, but a block's bytes are either intact or refused.
            for sample in samples {
                if case .success(let response) = await archive.capture(sample.lookup) {
                    #expect(samples.contains { $0.body == response.body }, "round \(round): \(sample.exchange.targetURI) read with altered bytes")
                }
            }
        }
    }
}
