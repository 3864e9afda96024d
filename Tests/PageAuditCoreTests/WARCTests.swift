import Foundation
import Testing
@testable import PageAuditCore

@Suite struct WARCRoundTripTests {
    @Test(arguments: ["run.warc.gz", "run.warc"])
    func readsBackExactlyTheOriginalBodies(name: String) async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try WARCFixture.samples()
        let (file, _) = try WARCFixture.write(samples, name: name, in: folder)
        let archive = try WARCArchive(file: file)
        #expect(archive.problems.isEmpty)
        #expect(archive.verify().isEmpty)

        for sample in samples {
            let response = try await archive.capture(sample.lookup).get()
            #expect(response.body.sha == sample.body.sha, "body of \(sample.exchange.targetURI)")
            #expect(response.status == sample.status)
            #expect(response.contentType == sample.contentType)
            #expect(abs(response.capturedAt.timeIntervalSince(sample.exchange.date)) < 0.000_001)
            #expect(response.address == WebAddress(sample.exchange.targetURI)!)
        }
        // The newest capture time is that of the capture failure, written last.
        #expect(archive.latestCaptureTime.map { abs($0.timeIntervalSince(WARCFixture.t0.addingTimeInterval(20))) < 0.000_001 } == true)

        guard case .failure(let down) = await archive.capture(WebAddress("https://down.example.ru/")!) else {
            Issue.record("a capture failure was read as a response"); return
        }
        #expect(down.reason == .network && down.detail == "connection timed out after 30 s")
        guard case .failure(let missing) = await archive.capture(WebAddress("https://other.example.ru/")!) else {
            Issue.record("an address never captured was found"); return
        }
        #expect(missing.reason == .notCaptured)
    }

    @Test func theNewestCaptureWinsWhateverTheOrderInTheFile() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func page(_ text: String, at date: Date, uri: String = "https://adm.example.ru/news") -> WARCFixture.Sample {
            let body = Data(text.utf8)
            return WARCFixture.Sample(
                exchange: HTTPExchange(targetURI: uri, request: WARCFixture.request("/news", host: "adm.example.ru"),
                                       response: WARCFixture.response("HTTP/1.1 200 OK\nContent-Length: \(body.count)", body: body), date: date),
                lookup: WebAddress(uri)!, status: 200, contentType: nil, body: body)
        }
        // Newer first, then older, then an equally new one: the tie goes to the later record.
        let samples = [page("newer", at: WARCFixture.t0.addingTimeInterval(60)), page("older", at: WARCFixture.t0),
                       page("http twin", at: WARCFixture.t0.addingTimeInterval(30), uri: "http://www.adm.example.ru/news"),
                       page("newest tie", at: WARCFixture.t0.addingTimeInterval(60))]
        let (file, _) = try WARCFixture.write(samples, in: folder)
        let archive = try WARCArchive(file: file)
        let exact = try await archive.capture(WebAddress("https://adm.example.ru/news")!).get()
        #expect(String(decoding: exact.body, as: UTF8.self) == "newest tie")
        let twin = try await archive.capture(WebAddress("http://www.adm.example.ru/news")!).get()
        #expect(String(decoding: twin.body, as: UTF8.self) == "http twin")
        let loose = try await archive.capture(WebAddress("https://www.adm.example.ru/news")!).get()
        #expect(String(decoding: loose.body, as: UTF8.self) == "newest tie")
    }

    @Test func vkAnswersAreFoundByMethodAndGroup() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, _) = try WARCFixture.write(try WARCFixture.samples(), in: folder)
        let archive = try WARCArchive(file: file)
        let answer = try await archive.capture(WebAddress("https://api.vk.com/method/groups.getById?group_id=ADM_CITY&v=5.131")!).get()
        #expect(answer.body.sha == WARCFixture.vkJSON.sha)
        guard case .failure(let other) = await archive.capture(VKAPIAnswerKey.wallAddress(domain: "adm_city")) else {
            Issue.record("a wall.get answer was found where only groups.getById was captured"); return
        }
        #expect(other.reason == .notCaptured)
    }

    @Test func recordsAreWARC11WithLinkedRequestAndResponse() throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try WARCFixture.samples()
        let (file, offsets) = try WARCFixture.write(samples, name: "run.warc", in: folder)
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let data = try Data(contentsOf: file)
        let records = text.components(separatedBy: "WARC/1.1\r\n").dropFirst().map { "WARC/1.1\r\n" + $0 }
        func field(_ name: String, in record: String) -> String? {
            record.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
        }
        #expect(records.count == 1 + 2 * samples.count + 1)

        let info = records[0]
        #expect(info.contains("WARC-Type: warcinfo\r\n"))
        #expect(info.contains("Content-Type: application/warc-fields\r\n"))
        #expect(info.contains("software: pageaudit/\(PageAuditVersion.current)\r\n"))
        #expect(info.contains("format: WARC File Format 1.1\r\n"))
        #expect(info.contains("checklist: 270-fz 2026.1\r\n"))
        #expect(info.contains("WARC-Filename: run.warc\r\n"))
        let infoID = try #require(field("WARC-Record-ID", in: info))

        let uuid = try Regex("^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}>$")
        for (index, sample) in samples.enumerated() {
            // Response first, then its request; each names the other.
            let response = records[1 + 2 * index], request = records[2 + 2 * index]
            #expect(response.contains("WARC-Type: response\r\n"))
            #expect(request.contains("WARC-Type: request\r\n"))
            let responseID = try #require(field("WARC-Record-ID", in: response))
            let requestID = try #require(field("WARC-Record-ID", in: request))
            #expect(responseID.wholeMatch(of: uuid) != nil && requestID.wholeMatch(of: uuid) != nil && responseID != requestID)
            #expect(field("WARC-Concurrent-To", in: response) == requestID)
            #expect(field("WARC-Concurrent-To", in: request) == responseID)
            #expect(field("WARC-Warcinfo-ID", in: response) == infoID)
            #expect(field("Content-Type", in: response) == "application/http;msgtype=response")
            #expect(field("Content-Type", in: request) == "application/http;msgtype=request")
            #expect(field("WARC-Target-URI", in: response) == sample.exchange.targetURI)
            #expect(field("WARC-Target-URI", in: request) == sample.exchange.targetURI)
            #expect(field("WARC-IP-Address", in: response) == sample.exchange.peerIP)
            #expect(field("WARC-Date", in: response) == field("WARC-Date", in: request))
            #expect(field("WARC-Block-Digest", in: response) == SHA256Digest.label(of: sample.exchange.response))
            #expect(field("Content-Length", in: response) == String(sample.exchange.response.count))
            // The offset write() returned is where the response record starts.
            #expect(data[offsets[index]..<(offsets[index] + 9)] == Data("WARC/1.1\r".utf8))
            #expect(String(decoding: data[offsets[index]...].prefix(40), as: UTF8.self).contains("WARC-Type: response"))
        }
        #expect(field("WARC-Date", in: records[1]) == "2026-11-20T07:15:04.000000Z")
        // The chunked, gzip-encoded home page: the payload digest is over the de-chunked body
        // (WARC 1.1 §6.3.2), which is still gzip.
        let gzipped = try Gzip.member(WARCFixture.homeHTML)
        #expect(field("WARC-Payload-Digest", in: records[1]) == SHA256Digest.label(of: gzipped))
        let metadata = try #require(records.last)
        #expect(metadata.contains("WARC-Type: metadata\r\n") && metadata.contains("pageaudit-capture-error: connection timed out after 30 s\r\n"))
    }

    @Test func eachRecordIsItsOwnGzipMember() throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try WARCFixture.samples()
        let (file, offsets) = try WARCFixture.write(samples, in: folder)
        let data = try Data(contentsOf: file)
        let members = WARCFixture.members(of: data)
        #expect(members.count == 1 + 2 * samples.count + 1)
        #expect(members.map { $0.0 + $0.1 }.last == data.count)
        for member in members {
            let text = String(decoding: member.2, as: UTF8.self)
            #expect(text.hasPrefix("WARC/1.1\r\n") && text.hasSuffix("\r\n\r\n"))
            #expect(text.components(separatedBy: "WARC/1.1\r\nWARC-Type").count == 2, "one record per member")
        }
        #expect(offsets == members.enumerated().filter { $0.offset % 2 == 1 && $0.offset < 1 + 2 * samples.count }.map { $0.element.0 })
    }
}

@Suite struct WARCIndexTests {
    @Test(arguments: ["run.warc.gz", "run.warc"])
    func indexLinesAreSortedAndPointAtTheResponses(name: String) throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try WARCFixture.samples()
        let (file, offsets) = try WARCFixture.write(samples, name: name, in: folder)
        let text = try String(contentsOf: URL(fileURLWithPath: file.path + ".cdxj"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == samples.count)
        #expect(lines == lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let entries = try #require(CDXJIndex.parse(text))
        #expect(Set(entries.map(\.offset)) == Set(offsets))

        let data = try Data(contentsOf: file)
        for entry in entries {
            let sample = try #require(samples.first { $0.exchange.targetURI == entry.url })
            #expect(entry.filename == name)
            #expect(entry.urlKey == CDXJIndex.surt(entry.url))
            #expect(entry.timestamp == WARCDate.timestamp14(from: sample.exchange.date))
            #expect(entry.status == String(sample.status))
            // The bytes at offset..<offset+length are the response record, and nothing more.
            var record = Data(data[entry.offset..<(entry.offset + entry.length)])
            if name.hasSuffix(".gz") {
                let members = WARCFixture.members(of: record)
                #expect(members.count == 1 && members[0].1 == entry.length)
                record = members.first?.2 ?? Data()
            } else {
                #expect(data[(entry.offset + entry.length)..<(entry.offset + entry.length + 4)] == Data([13, 10, 13, 10]))
            }
            let head = String(decoding: record.prefix(2048), as: UTF8.self)
            #expect(head.hasPrefix("WARC/1.1\r\nWARC-Type: response\r\n"))
            #expect(head.contains("WARC-Target-URI: \(entry.url)\r\n"))
            #expect(head.contains("WARC-Payload-Digest: \(entry.digest ?? "none")\r\n"))
        }
        let home = try #require(entries.first { $0.url == "https://www.adm.example.ru/" })
        #expect(home.urlKey == "ru,example,adm)/" && home.mime == "text/html")
        #expect(home.line.hasPrefix(#"ru,example,adm)/ 20261120071504 {"url": "https://www.adm.example.ru/", "mime": "text/html", "status": "200", "digest": "sha256:"#))
        let vk = try #require(entries.first { $0.url.contains("api.vk.com") })
        #expect(vk.urlKey == "com,vk,api)/method/groups.getbyid?fields=description,site,contacts&group_ids=adm_city&v=5.199")
    }

    @Test(arguments: [
        ("https://www.Adm.example.ru/Kontakty/?b=2&a=1", "ru,example,adm)/kontakty?a=1&b=2"),
        ("http://www12.example.ru", "ru,example)/"),
        ("http://www2example.ru/x", "ru,www2example)/x"),
        ("https://example.ru:8443/a/", "ru,example:8443)/a"),
        ("https://example.ru:443/", "ru,example)/"),
        ("http://192.0.2.1/", "1,2,0,192)/"),
        ("https://xn--80aesfpebagmfblc0a.xn--p1ai/?q", "xn--p1ai,xn--80aesfpebagmfblc0a)/?q"),
        ("https://example.ru/?b=1&a&a=2", "ru,example)/?a&a=2&b=1"),
    ])
    func surtKeysFollowPywb(uri: String, key: String) {
        #expect(CDXJIndex.surt(uri) == key)
    }

    @Test func jsonEscapesLikePython() {
        let entry = CDXJEntry(urlKey: "k", timestamp: "20261120071504", url: "https://x.ru/\"q\\", mime: nil, status: nil,
                              digest: nil, length: 1, offset: 2, filename: "снимок.warc.gz")
        #expect(entry.line == #"k 20261120071504 {"url": "https://x.ru/\"q\\", "length": "1", "offset": "2", "filename": "\u0441\u043d\u0438\u043c\u043e\u043a.warc.gz"}"#)
        #expect(CDXJIndex.parse(entry.line) == [entry])
        #expect(CDXJIndex.parse("k 2026 {}") == nil)
    }
}

@Suite struct WARCDigestTests {
    @Test func verifiesHexBase32AndBase64OfSha1AndSha256() {
        let empty = Data()
        #expect(WARCDigest.verify("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", of: empty) == .matches)
        #expect(WARCDigest.verify("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", of: empty) == .matches)
        #expect(WARCDigest.verify("SHA-1:2jmj7l5rSw0yVb/vlWAYkK/YBwk=", of: empty) == .matches)
        #expect(WARCDigest.verify("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", of: empty) == .matches)
        #expect(WARCDigest.verify("sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====", of: empty) == .matches)
        #expect(WARCDigest.verify("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", of: Data("x".utf8)) == .differs)
        #expect(WARCDigest.verify("md5:d41d8cd98f00b204e9800998ecf8427e", of: empty) != .matches)
        #expect(WARCDigest.verify("sha256:zzzz", of: empty) != .matches)
        #expect(WARCDigest.base32String(Array(repeating: 0xFF, count: 20)).count == 32)
        #expect(WARCDigest.label(of: empty) == SHA256Digest.label(of: empty))
    }

    @Test func datesRoundTripWithMicroseconds() throws {
        let date = Date(timeIntervalSince1970: 1_795_158_904.25)
        #expect(WARCDate.string(from: date) == "2026-11-20T07:15:04.250000Z")
        #expect(WARCDate.date(from: "2026-11-20T07:15:04.250000Z") == date)
        #expect(WARCDate.date(from: "2026-11-20T07:15:04Z") == Date(timeIntervalSince1970: 1_795_158_904))
        #expect(WARCDate.timestamp14(from: date) == "20261120071504")
        for bad in ["2026-11-20T07:15:04", "2026-11-20 07:15:04Z", "2026-13-20T07:15:04Z", "2026-11-20T07:15:04.Z", "2026-02-30T00:00:00Z"] {
            #expect(WARCDate.date(from: bad) == nil, "\(bad)")
        }
    }
}

@Suite struct WARCTamperTests {
    @Test func aChangedBodyIsReportedNotUsed() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try WARCFixture.samples()
        let (file, _) = try WARCFixture.write(samples, name: "run.warc", in: folder)
        var data = try Data(contentsOf: file)
        // Change "priemnaya" to "priemnayb" in the windows-1251 page: same length, so only a
        // digest can tell.
        let range = try #require(data.range(of: Data("priemnaya@".utf8)))
        data[range.lowerBound + 8] = UInt8(ascii: "b")
        try data.write(to: file)

        let archive = try WARCArchive(file: file)
        guard case .failure(let failure) = await archive.capture(samples[1].lookup) else {
            Issue.record("a tampered record was used"); return
        }
        #expect(failure.reason == .unreadableFile)
        #expect(failure.detail?.contains("WARC-Block-Digest") == true && failure.detail?.contains("does not match") == true)
        #expect(failure.detail?.contains("offset") == true && failure.detail?.contains("urn:uuid:") == true)
        // The other captures are untouched and still read.
        #expect(try await archive.capture(samples[3].lookup).get().body.sha == WARCFixture.vkJSON.sha)
        #expect(archive.verify().count == 1)
    }

    @Test func aChangedPayloadDigestIsReported() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try WARCFixture.samples()
        let (file, _) = try WARCFixture.write(samples, name: "run.warc", in: folder)
        var text = try #require(String(data: try Data(contentsOf: file), encoding: .isoLatin1))
        // Replace the VK answer's payload digest with that of other bytes: the block digest still
        // matches (the header is not in the block), the payload digest must not.
        let right = SHA256Digest.label(of: WARCFixture.vkJSON), wrong = SHA256Digest.label(of: Data("{}".utf8))
        #expect(text.contains("WARC-Payload-Digest: \(right)"))
        text = text.replacingOccurrences(of: "WARC-Payload-Digest: \(right)", with: "WARC-Payload-Digest: \(wrong)")
        try #require(text.data(using: .isoLatin1)).write(to: file)
        let archive = try WARCArchive(file: file)
        guard case .failure(let failure) = await archive.capture(samples[3].lookup) else {
            Issue.record("a record with a wrong payload digest was used"); return
        }
        #expect(failure.reason == .unreadableFile && failure.detail?.contains("WARC-Payload-Digest") == true)
    }

    @Test func aTamperedGzipMemberIsReported() async throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try WARCFixture.samples()
        let (file, offsets) = try WARCFixture.write(samples, in: folder)
        let data = try Data(contentsOf: file)
        // Re-compress the contacts response with one body byte changed: the gzip is valid, the
        // digest is not.
        let members = WARCFixture.members(of: data)
        let index = try #require(members.firstIndex { $0.0 == offsets[1] })
        var record = members[index].2
        let range = try #require(record.range(of: Data("priemnaya@".utf8)))
        record[range.lowerBound] = UInt8(ascii: "P")
        var rebuilt = Data(data[..<members[index].0])
        rebuilt.append(try Gzip.member(record))
        rebuilt.append(data[(members[index].0 + members[index].1)...])
        try rebuilt.write(to: file)
        let archive = try WARCArchive(file: file)
        guard case .failure(let failure) = await archive.capture(samples[1].lookup) else {
            Issue.record("a tampered record was used"); return
        }
        #expect(failure.reason == .unreadableFile && failure.detail?.contains("WARC-Block-Digest") == true)
        #expect(try await archive.capture(samples[0].lookup).get().body.sha == WARCFixture.homeHTML.sha)
    }
}

@Suite struct WARCWriterGuardTests {
    @Test(arguments: [
        ("https://api.vk.com/method/wall.get?owner_id=-1&access_token=vk1.a.SECRET&v=5.199", "/method/wall.get?owner_id=-1&v=5.199", "the target URI"),
        ("https://api.vk.com/method/wall.get?owner_id=-1&v=5.199", "/method/wall.get?owner_id=-1&ACCESS_TOKEN=vk1.a.SECRET&v=5.199", "the request"),
        ("https://api.vk.com/method/wall.get?owner_id=-1&access%5Ftoken=vk1.a.SECRET", "/method/wall.get?owner_id=-1", "the target URI"),
    ])
    func refusesAnExchangeThatStillCarriesAToken(uri: String, path: String, place: String) throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("run.warc")
        let writer = try WARCWriter(file: file, info: [])
        let exchange = HTTPExchange(targetURI: uri, request: WARCFixture.request(path, host: "api.vk.com"),
                                    response: WARCFixture.response("HTTP/1.1 200 OK\nContent-Length: 2", body: Data("{}".utf8)), date: WARCFixture.t0)
        #expect(throws: WARCWriteError.secretInExchange(targetURI: uri.replacingOccurrences(of: "vk1.a.SECRET", with: "…"), place: place)) {
            try writer.write(exchange)
        }
        // The message does not repeat the token either.
        do { try writer.write(exchange) } catch { #expect(!error.description.contains("SECRET")) }
        try writer.finish()
        #expect(!String(decoding: try Data(contentsOf: file), as: UTF8.self).contains("SECRET"))
    }

    @Test func aTokenInARedirectLocationIsRefusedButAnEmptyParameterIsNot() throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try WARCWriter(file: folder.appendingPathComponent("run.warc.gz"), info: [])
        let redirect = HTTPExchange(targetURI: "https://oauth.vk.com/blank.html", request: WARCFixture.request("/blank.html", host: "oauth.vk.com"),
                                    response: WARCFixture.response("HTTP/1.1 302 Found\nLocation: https://x.ru/#access_token=abc", body: Data()), date: WARCFixture.t0)
        #expect(throws: WARCWriteError.secretInExchange(targetURI: redirect.targetURI, place: "the response head")) { try writer.write(redirect) }
        let empty = HTTPExchange(targetURI: "https://x.ru/?access_token=&a=1", request: WARCFixture.request("/?access_token=&a=1", host: "x.ru"),
                                 response: WARCFixture.response("HTTP/1.1 200 OK\nContent-Length: 0", body: Data()), date: WARCFixture.t0)
        #expect(throws: Never.self) { try writer.write(empty) }
        #expect(throws: WARCWriteError.invalidInfoField(name: "command")) {
            try WARCWriter(file: folder.appendingPathComponent("b.warc"), info: [("command", "pageaudit --token access_token=abc")])
        }
    }

    @Test func refusesToOverwriteAndRejectsBadFields() throws {
        let folder = try WARCFixture.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nested/run.warc.gz")
        let writer = try WARCWriter(file: file, info: [])
        #expect(throws: WARCWriteError.fileExists(path: file.path)) { try WARCWriter(file: file, info: []) }
        let good = try WARCFixture.samples()[2].exchange
        var bad = good
        bad.targetURI = "https://adm.example.ru/a b"
        #expect(throws: WARCWriteError.invalidTargetURI(bad.targetURI)) { try writer.write(bad) }
        bad.targetURI = "ftp://adm.example.ru/"
        #expect(throws: WARCWriteError.invalidTargetURI(bad.targetURI)) { try writer.write(bad) }
        bad = good
        bad.peerIP = "1.2.3.4\r\nWARC-Type: evil"
        #expect(throws: WARCWriteError.invalidPeerIP(bad.peerIP!)) { try writer.write(bad) }
        #expect(throws: WARCWriteError.invalidInfoField(name: "a\r\nb")) { try WARCWriter(file: folder.appendingPathComponent("c.warc"), info: [("a\r\nb", "x")]) }
        #expect(throws: WARCWriteError.invalidInfoField(name: "note")) { try WARCWriter(file: folder.appendingPathComponent("d.warc"), info: [("note", "x\r\nWARC-Type: response")]) }
        try writer.finish()
        #expect(throws: WARCWriteError.closed(path: file.path)) { try writer.write(good) }
        #expect(FileManager.default.fileExists(atPath: file.path + ".cdxj"))
    }
}

@Suite struct SHA256DigestTests {
    /// FIPS 180-2 test vectors: evidence digests must be those any other tool computes.
    @Test func labelsMatchTheStandardVectors() {
        #expect(SHA256Digest.label(of: Data()) == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.label(of: Data("abc".utf8)) == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
