import Foundation
import Testing
@testable import PageAuditCore

/// RFC 9309 robots.txt parsing and matching: the RFC's own examples, the tricky cases of Google's
/// reference tests (google/robotstxt robots_test.cc, rewritten here), the real files in
/// Fixtures/real-robots (see SOURCES.md there), and hostile input.
@Suite struct RobotsTxtTests {
    func robots(_ text: String) -> RobotsTxt { RobotsTxt(parsing: Data(text.utf8)) }

    func realRobots(_ host: String) throws -> RobotsTxt {
        RobotsTxt(parsing: try realBytes(host))
    }

    func realBytes(_ host: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures/real-robots/egonkm__\(host).robots.txt"))
    }

    // MARK: - RFC 9309 examples

    @Test func rfcSection221GroupsByUserAgent() {
        let file = robots("""
            user-agent: a
            disallow: /c

            user-agent: b
            disallow: /d

            user-agent: e
            user-agent: f
            disallow: /g

            user-agent: h
            """)
        #expect(!file.isAllowed("/c", userAgent: "a") && file.isAllowed("/d", userAgent: "a"))
        #expect(!file.isAllowed("/d", userAgent: "b") && file.isAllowed("/c", userAgent: "b"))
        #expect(!file.isAllowed("/g", userAgent: "e") && !file.isAllowed("/g", userAgent: "f"))
        #expect(file.isAllowed("/c", userAgent: "e"))
        // h's group has no rules, and no `*` group exists: everything is allowed.
        #expect(file.isAllowed("/c", userAgent: "h") && file.isAllowed("/g", userAgent: "h"))
        #expect(file.isAllowed("/c", userAgent: "pageaudit") && file.isAllowed("/g", userAgent: "*"))
    }

    @Test func rfcSection221GroupsForTheSameAgentAreMerged() {
        let file = robots("""
            user-agent: ExampleBot
            disallow: /foo
            disallow: /bar

            user-agent: ExampleBot
            disallow: /baz
            """)
        for path in ["/foo", "/bar", "/baz/x"] { #expect(!file.isAllowed(path, userAgent: "examplebot")) }
        #expect(file.isAllowed("/qux", userAgent: "ExampleBot"))
    }

    @Test func rfcSection51SimpleExample() {
        let file = robots("""
            User-Agent: *
            Disallow: *.gif$
            Disallow: /example/
            Allow: /publications/

            User-Agent: foobot
            Disallow:/
            Allow:/example/page.html
            Allow:/example/allowed.gif

            User-Agent: barbot
            User-Agent: bazbot
            Disallow: /example/page.html

            User-Agent: quxbot

            EOF
            """)
        // No named group: the `*` group.
        #expect(!file.isAllowed("/image.gif", userAgent: "pageaudit"))
        #expect(!file.isAllowed("/a/b/image.gif", userAgent: "pageaudit"))
        #expect(file.isAllowed("/image.gif?x=1", userAgent: "pageaudit"))
        #expect(!file.isAllowed("/example/x", userAgent: "pageaudit"))
        #expect(file.isAllowed("/publications/x", userAgent: "pageaudit"))
        #expect(file.isAllowed("/", userAgent: "pageaudit"))
        // foobot: only the two allowed paths.
        #expect(file.isAllowed("/example/page.html", userAgent: "foobot"))
        #expect(file.isAllowed("/example/allowed.gif", userAgent: "foobot"))
        #expect(!file.isAllowed("/", userAgent: "foobot") && !file.isAllowed("/publications/x", userAgent: "foobot"))
        // barbot and bazbot share a group, and the `*` rules do not apply to them.
        for agent in ["barbot", "bazbot"] {
            #expect(!file.isAllowed("/example/page.html", userAgent: agent))
            #expect(file.isAllowed("/example/other", userAgent: agent) && file.isAllowed("/image.gif", userAgent: agent))
        }
        // quxbot: an empty group at the end allows everything.
        #expect(file.isAllowed("/example/page.html", userAgent: "quxbot") && file.isAllowed("/a.gif", userAgent: "quxbot"))
    }

    @Test func rfcSection52LongestMatch() {
        let file = robots("""
            User-Agent: foobot
            Allow: /example/page/
            Disallow: /example/page/disallowed.gif
            """)
        #expect(!file.isAllowed("/example/page/disallowed.gif", userAgent: "foobot"))
        #expect(file.isAllowed("/example/page/", userAgent: "foobot"))
        #expect(file.isAllowed("/example/page/allowed.gif", userAgent: "foobot"))
    }

    /// RFC 9309 2.2.2, the encoding table.
    @Test func rfcSection222PercentEncoding() {
        func disallows(_ rule: String, _ path: String) -> Bool {
            !robots("User-agent: *\nDisallow: \(rule)\n").isAllowed(path, userAgent: "pageaudit")
        }
        #expect(disallows("/foo/bar?baz=quz", "/foo/bar?baz=quz"))
        // Non-ASCII in the rule is encoded; the URI's escapes match whatever their hex case.
        #expect(disallows("/foo/bar/ツ", "/foo/bar/%E3%83%84"))
        #expect(disallows("/foo/bar/ツ", "/foo/bar/%e3%83%84"))
        #expect(disallows("/foo/bar/%E3%83%84", "/foo/bar/ツ"))
        #expect(disallows("/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84"))
        // Escaped unreserved ASCII is decoded, on either side.
        #expect(disallows("/foo/bar/%62%61%7A", "/foo/bar/baz"))
        #expect(disallows("/foo/bar/baz", "/foo/bar/%62%61%7A"))
        #expect(disallows("/~user", "/%7Euser/x"))
        // Reserved characters are compared as written: an escaped `/` is not a path separator.
        #expect(!disallows("/a%2Fb", "/a/b") && !disallows("/a/b", "/a%2Fb"))
        #expect(disallows("/a%2fb", "/a%2Fb"))
        #expect(disallows("/foo/bar?qux=taz&baz=http://foo.bar?tar&par", "/foo/bar?qux=taz&baz=http://foo.bar?tar&par"))
        // Cyrillic paths, as Russian sites write them.
        #expect(disallows("/новости", "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1"))
        #expect(!disallows("/новости", "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C"))
    }

    /// RFC 9309 2.2.3: `*`, `$`, `#`, and escaped `*` and `$` as literals (Figure 6).
    @Test func rfcSection223SpecialCharacters() {
        let file = robots("""
            User-agent: *
            Disallow: /these/*/exactly
            Disallow: /this/path/exactly$
            Disallow: /path/file-with-a-%2A.html
            Disallow: /path/foo-%24
            Disallow: /a$b
            Allow: / # comment in line
            # comment at the end
            """)
        #expect(!file.isAllowed("/these/a/b/exactly", userAgent: "x") && !file.isAllowed("/these//exactly", userAgent: "x"))
        #expect(file.isAllowed("/these/exactly", userAgent: "x"))
        #expect(!file.isAllowed("/this/path/exactly", userAgent: "x"))
        #expect(file.isAllowed("/this/path/exactly/not", userAgent: "x"))
        #expect(!file.isAllowed("/path/file-with-a-*.html", userAgent: "x"))
        #expect(!file.isAllowed("/path/file-with-a-%2a.html", userAgent: "x"))
        #expect(file.isAllowed("/path/file-with-a-x.html", userAgent: "x"))
        #expect(!file.isAllowed("/path/foo-$", userAgent: "x"))
        #expect(file.isAllowed("/path/foo-", userAgent: "x"))
        // `$` before the end of a pattern is a literal.
        #expect(!file.isAllowed("/a$b/c", userAgent: "x") && file.isAllowed("/ab", userAgent: "x"))
        // An anchored last piece must start after the pieces before it.
        let overlap = robots("User-agent: *\nDisallow: /ab*b$\n")
        #expect(overlap.isAllowed("/ab", userAgent: "x") && overlap.isAllowed("/abbc", userAgent: "x"))
        #expect(!overlap.isAllowed("/abb", userAgent: "x") && !overlap.isAllowed("/ab/b", userAgent: "x"))
    }

    @Test func robotsTxtIsAlwaysAllowed() {
        let file = robots("User-agent: *\nDisallow: /\nDisallow: /robots.txt$\n")
        #expect(file.isAllowed("/robots.txt", userAgent: "pageaudit"))
        #expect(RobotsTxt.disallowAll.isAllowed("/robots.txt", userAgent: "pageaudit"))
        #expect(!file.isAllowed("/robots.txt.bak", userAgent: "pageaudit"))
        #expect(!file.isAllowed("/", userAgent: "pageaudit"))
    }

    @Test func policyForStatus() {
        #expect(RobotsTxt.policy(forStatus: 200) == nil && RobotsTxt.policy(forStatus: 204) == nil)
        for status in [400, 401, 403, 404, 410, 451, 301] { #expect(RobotsTxt.policy(forStatus: status) == .allowAll) }
        for status in [0, 100, 429, 500, 502, 503, 599, 600, -1] { #expect(RobotsTxt.policy(forStatus: status) == .disallowAll) }
        #expect(RobotsTxt.allowAll.isAllowed("/anything", userAgent: "pageaudit"))
        #expect(!RobotsTxt.disallowAll.isAllowed("/anything", userAgent: "pageaudit"))
        #expect(!RobotsTxt.disallowAll.isAllowed("/", userAgent: "*"))
    }

    @Test func presetsEqualTheFilesTheyStandFor() {
        #expect(robots("") == .allowAll)
        #expect(robots("# nothing here\n\n") == .allowAll)
        #expect(robots("User-agent: *\nDisallow: /\n") == .disallowAll)
        #expect(robots("\u{FEFF}user-agent:*\r\ndisallow: / # all\r\n") == .disallowAll)
        #expect(robots("User-agent: *\nDisallow: /x\n") != .disallowAll)
        #expect(RobotsTxt.allowAll != .disallowAll)
    }

    // MARK: - Cases from Google's reference tests

    @Test func recordNamesAreCaseInsensitiveAndAMissingColonIsTolerated() {
        for text in ["USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n",
                     "user-agent FooBot\nallow /x/\ndisallow /\n"] {
            let file = robots(text)
            #expect(file.isAllowed("/x/y", userAgent: "FooBot"), "\(text)")
            #expect(!file.isAllowed("/a/b", userAgent: "FooBot"), "\(text)")
        }
        #expect(robots("foo: FooBot\nbar: /\n").isAllowed("/x/y", userAgent: "FooBot"))
        // Three words without a colon are not a record.
        #expect(robots("user-agent: FooBot\ndisallow / x\n").isAllowed("/x", userAgent: "FooBot"))
    }

    @Test func groupsAreUserAgentRunsAndStrayRulesAreIgnored() {
        let file = robots("""
            allow: /foo/bar/

            user-agent: FooBot
            disallow: /
            allow: /x/
            user-agent: BarBot
            disallow: /
            allow: /y/


            allow: /w/
            user-agent: BazBot

            user-agent: FooBot
            allow: /z/
            disallow: /
            """)
        #expect(file.isAllowed("/x/b", userAgent: "FooBot") && file.isAllowed("/z/d", userAgent: "FooBot"))
        #expect(!file.isAllowed("/y/c", userAgent: "FooBot"))
        #expect(file.isAllowed("/y/c", userAgent: "BarBot") && file.isAllowed("/w/a", userAgent: "BarBot"))
        #expect(!file.isAllowed("/z/d", userAgent: "BarBot"))
        #expect(file.isAllowed("/z/d", userAgent: "BazBot"))
        // The rule before any user-agent line belongs to nobody.
        for agent in ["FooBot", "BarBot", "BazBot"] { #expect(!file.isAllowed("/foo/bar/", userAgent: agent)) }
    }

    @Test func userAgentValuesMatchTheirProductTokenCaseInsensitively() {
        for value in ["FOO BAR", "foo bar", "FoO bAr", "Foo/1.0"] {
            let file = robots("User-Agent: \(value)\nAllow: /x/\nDisallow: /\n")
            #expect(file.isAllowed("/x/y", userAgent: "Foo") && file.isAllowed("/x/y", userAgent: "foo"), "\(value)")
            #expect(!file.isAllowed("/a/b", userAgent: "Foo") && !file.isAllowed("/a/b", userAgent: "foo"), "\(value)")
        }
        let file = robots("User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n")
        #expect(file.isAllowed("/x/y", userAgent: "Foo"))
        // Our own full User-Agent string is cut to its product token.
        #expect(file.isAllowed("/x/y", userAgent: "Foo/2.1 (+https://example.org)"))
        // Matching is exact, not by prefix: `Foobar` and `Fo` are other crawlers.
        #expect(!file.isAllowed("/x/y", userAgent: "Foobar") && !file.isAllowed("/x/y", userAgent: "Fo"))
        // An empty token gets the `*` group.
        #expect(!file.isAllowed("/x/y", userAgent: ""))
    }

    @Test func theStarGroupAppliesOnlyWhenNoGroupNamesTheAgent() {
        let global = robots("user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n")
        #expect(!global.isAllowed("/x/y", userAgent: "FooBot"))
        #expect(global.isAllowed("/x/y", userAgent: "BarBot"))
        let onlySpecific = robots("user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n")
        #expect(onlySpecific.isAllowed("/x/y", userAgent: "QuxBot"))
        let merged = robots("User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n")
        #expect(merged.isAllowed("/x/page", userAgent: "FooBot") && !merged.isAllowed("/y/page", userAgent: "FooBot"))
        #expect(robots("User-agent: *\nDisallow: /a\n\nUser-agent: *\nDisallow: /b\n").isAllowed("/c", userAgent: "x"))
        #expect(!robots("User-agent: *\nDisallow: /a\n\nUser-agent: *\nDisallow: /b\n").isAllowed("/b", userAgent: "x"))
    }

    @Test func pathMatchingIsCaseSensitive() {
        #expect(!robots("user-agent: FooBot\ndisallow: /x/\n").isAllowed("/x/y", userAgent: "FooBot"))
        #expect(robots("user-agent: FooBot\ndisallow: /X/\n").isAllowed("/x/y", userAgent: "FooBot"))
    }

    @Test func longestMatchWinsAndAllowWinsATie() {
        func allowed(_ rules: String, _ path: String) -> Bool {
            robots("user-agent: FooBot\n" + rules).isAllowed(path, userAgent: "FooBot")
        }
        #expect(!allowed("disallow: /x/page.html\nallow: /x/\n", "/x/page.html"))
        #expect(allowed("allow: /x/page.html\ndisallow: /x/\n", "/x/page.html"))
        #expect(!allowed("allow: /x/page.html\ndisallow: /x/\n", "/x/"))
        #expect(allowed("disallow: \nallow: \n", "/x/page.html"))
        #expect(allowed("disallow: /\nallow: /\n", "/x/page.html"))
        #expect(allowed("disallow: /x/page.html\nallow: /x/page.html\n", "/x/page.html"))
        #expect(!allowed("disallow: /x\nallow: /x/\n", "/x") && allowed("disallow: /x\nallow: /x/\n", "/x/"))
        #expect(!allowed("allow: /page\ndisallow: /*.html\n", "/page.html") && allowed("allow: /page\ndisallow: /*.html\n", "/page"))
        #expect(allowed("allow: /x/page.\ndisallow: /*.html\n", "/x/page.html"))
        #expect(!allowed("allow: /x/page.\ndisallow: /*.html\n", "/x/y.html"))
        #expect(allowed("allow: /p\ndisallow: /\n", "/page"))
        #expect(allowed("allow: /folder\ndisallow: /folder\n", "/folder/page"))
        #expect(!allowed("allow: /page\ndisallow: /*.htm\n", "/page.htm"))
        #expect(allowed("allow: /$\ndisallow: /\n", "/") && !allowed("allow: /$\ndisallow: /\n", "/page.html"))
        // An empty disallow allows everything.
        #expect(allowed("disallow:\n", "/anything") && allowed("disallow:    # nothing\n", "/"))
    }

    /// Google's "URL matching based on path values" documentation examples.
    @Test func wildcardDocumentationExamples() {
        func allowed(_ pattern: String, _ path: String) -> Bool {
            robots("user-agent: FooBot\ndisallow: /\nallow: \(pattern)\n").isAllowed(path, userAgent: "FooBot")
        }
        for pattern in ["/fish", "/fish*"] {
            for path in ["/fish", "/fish.html", "/fish/salmon.html", "/fishheads", "/fishheads/yummy.html", "/fish.html?id=anything"] {
                #expect(allowed(pattern, path), "\(pattern) \(path)")
            }
            for path in ["/Fish.asp", "/catfish", "/?id=fish", "/bar"] { #expect(!allowed(pattern, path), "\(pattern) \(path)") }
        }
        for path in ["/fish/", "/fish/salmon", "/fish/?salmon", "/fish/?id=anything"] { #expect(allowed("/fish/", path), "\(path)") }
        for path in ["/fish", "/fish.html", "/Fish/Salmon.html"] { #expect(!allowed("/fish/", path), "\(path)") }
        for path in ["/filename.php", "/folder/filename.php", "/folder/filename.php?parameters", "//folder/any.php.file.html",
                     "/filename.php/", "/index?f=filename.php/"] { #expect(allowed("/*.php", path), "\(path)") }
        for path in ["/php/", "/index?php", "/windows.PHP"] { #expect(!allowed("/*.php", path), "\(path)") }
        for path in ["/filename.php", "/folder/filename.php"] { #expect(allowed("/*.php$", path), "\(path)") }
        for path in ["/filename.php?parameters", "/filename.php/", "/filename.php5", "/php/", "/filename?php", "/aaaphpaaa",
                     "//windows.PHP"] { #expect(!allowed("/*.php$", path), "\(path)") }
        #expect(allowed("/fish*.php", "/fish.php") && allowed("/fish*.php", "/fishheads/catfish.php?parameters"))
        #expect(!allowed("/fish*.php", "/Fish.PHP"))
        #expect(!allowed("/foo/*/qux", "/foo/bar/quz") && allowed("/foo/*/qux", "/foo/bar/qux") && allowed("/foo/*/qux", "/foo//qux"))
    }

    @Test func allLineEndingsAndNoFinalLineBreak() {
        let lines = ["User-Agent: foo", "Disallow: /some/path", "User-Agent: bar", "", "", "Disallow: /"]
        let files = [lines.joined(separator: "\n") + "\n", lines.joined(separator: "\r\n") + "\r\n",
                     lines.joined(separator: "\r") + "\r", lines.joined(separator: "\n"),
                     "User-Agent: foo\nDisallow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /"]
        for text in files {
            let file = robots(text)
            // Two groups: the rule after foo ends its run, so bar starts a new group.
            #expect(!file.isAllowed("/some/path", userAgent: "foo"), "\(text.debugDescription)")
            #expect(file.isAllowed("/other", userAgent: "foo"), "\(text.debugDescription)")
            #expect(!file.isAllowed("/other", userAgent: "bar"), "\(text.debugDescription)")
        }
    }

    @Test func byteOrderMarkIsSkippedOnlyAtTheStart() {
        for bom in [[0xEF, 0xBB, 0xBF], [0xEF, 0xBB], [0xEF]] as [[UInt8]] {
            let file = RobotsTxt(parsing: Data(bom + Array("User-Agent: foo\nDisallow: /AnyValue\n".utf8)))
            #expect(!file.isAllowed("/AnyValue", userAgent: "foo"), "\(bom)")
        }
        let broken = RobotsTxt(parsing: Data([0xEF, 0x11, 0xBF] + Array("User-Agent: foo\nDisallow: /AnyValue\n".utf8)))
        #expect(broken.isAllowed("/AnyValue", userAgent: "foo"))
        let middle = RobotsTxt(parsing: Data(Array("User-Agent: foo\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("Disallow: /AnyValue\n".utf8)))
        #expect(middle.isAllowed("/AnyValue", userAgent: "foo"))
    }

    @Test func sitemapsAnywhereAndOtherRecordsDoNotEndAGroup() {
        let file = robots("""
            Sitemap: http://foo.bar/sitemap.xml
            User-Agent: foo
            Crawl-delay: 3
            Sitemap: http://foo.bar/news.xml # the news
            User-Agent: bar
            Clean-param: ref /
            Disallow: /private
            sitemap:http://foo.bar/sitemap.xml
            Allow: /private/open
            """)
        #expect(file.sitemaps == ["http://foo.bar/sitemap.xml", "http://foo.bar/news.xml"])
        for agent in ["foo", "bar"] {
            #expect(!file.isAllowed("/private/x", userAgent: agent), "\(agent)")
            #expect(file.isAllowed("/private/open/x", userAgent: agent), "\(agent)")
            #expect(file.crawlDelay(userAgent: agent) == 3, "\(agent)")
        }
        #expect(file.isAllowed("/private/x", userAgent: "pageaudit") && file.crawlDelay(userAgent: "pageaudit") == nil)
    }

    // MARK: - Crawl-delay and request paths

    @Test func crawlDelayComesFromTheMatchingGroup() {
        let file = robots("""
            User-agent: *
            Crawl-delay: 2
            Disallow: /x

            User-agent: pageaudit
            Crawl-delay: 0.5
            Disallow: /y

            User-agent: Yandex
            Disallow: /z

            User-agent: PageAudit
            Crawl-delay: 1,5
            Disallow:

            User-agent: bad
            Crawl-delay: -1
            Crawl-delay: inf
            Crawl-delay: 0x10
            Crawl-delay: 10 seconds
            """)
        #expect(file.crawlDelay(userAgent: "pageaudit") == 1.5)  // the largest of the merged groups
        #expect(file.crawlDelay(userAgent: "somebot") == 2)
        #expect(file.crawlDelay(userAgent: "yandex") == nil)      // its own group has none: no fallback to `*`
        #expect(file.crawlDelay(userAgent: "bad") == nil)
        #expect(robots("Crawl-delay: 5\nUser-agent: *\nDisallow: /\n").crawlDelay(userAgent: "x") == nil)
    }

    @Test func requestPathsAreNormalised() {
        let file = robots("User-agent: *\nDisallow: /private\nDisallow: /*?secret\nAllow: /$\n")
        #expect(!file.isAllowed("/private/a#frag", userAgent: "x"))
        #expect(file.isAllowed("/public#/private", userAgent: "x"))
        #expect(!file.isAllowed("private/a", userAgent: "x"))
        #expect(!file.isAllowed("https://example.ru/private/a", userAgent: "x"))
        #expect(file.isAllowed("https://example.ru", userAgent: "x") && file.isAllowed("", userAgent: "x"))
        #expect(!file.isAllowed("https://example.ru?secret=1", userAgent: "x") && !file.isAllowed("?secret", userAgent: "x"))
        #expect(!file.isAllowed("/%70rivate", userAgent: "x"))
    }

    // MARK: - Real files

    @Test func vkCommunityPagesAreAllowedAndServicePagesAreNot() throws {
        let vk = try realRobots("vk.com")
        for agent in ["pageaudit", "*"] {
            for path in ["/club1", "/public1", "/event1", "/mchs_official", "/gosuslugi", "/club1?offset=20", "/wall-1_100"] {
                #expect(vk.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
            for path in ["/club1?w=wall-1_100", "/away.php?to=https%3A%2F%2Fexample.ru", "/feed", "/feed?section=search&q=x",
                         "/im?sel=1", "/page-1_2", "/wall-1?q=test", "/club1?utm_source=x", "/doc1_2", "/search?a=1&b=2&c=3&d=4",
                         "/public1?act=s", "/login?to=x"] {
                #expect(!vk.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
            // Longer Allow lines beat the Disallow lines they overlap.
            #expect(vk.isAllowed("/feed?section=coronavirus", userAgent: agent))
            #expect(!vk.isAllowed("/feed?section=coronavirus&x=1", userAgent: agent))
            #expect(vk.isAllowed("/page-777107_28406709", userAgent: agent))
            #expect(vk.isAllowed("/search?a&b&c&offset=10", userAgent: agent))
            #expect(vk.isAllowed("/robots.txt", userAgent: agent))
            #expect(vk.crawlDelay(userAgent: agent) == nil)
        }
        // Googlebot has its own group, which does not disallow /page-.
        #expect(vk.isAllowed("/page-1_2", userAgent: "Googlebot") && !vk.isAllowed("/page-1_2", userAgent: "Yandex"))
        #expect(!vk.isAllowed("/feed", userAgent: "googlebot"))
        #expect(vk.sitemaps.isEmpty)
    }

    @Test func okGroupPagesAreAllowed() throws {
        let data = try realBytes("ok.ru")
        #expect(data.range(of: Data("\r\n".utf8)) != nil)  // the fixture must keep its CRLF line endings
        let ok = RobotsTxt(parsing: data)
        for agent in ["pageaudit", "*"] {
            for path in ["/group/123", "/group/53018246086877", "/group53018246086877", "/mchsrussia", "/group/123/topic/456", "/"] {
                #expect(ok.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
            for path in ["/dk?st.cmd=altGroupMain&st.groupId=1", "/group/123?st.redirect=1", "/group/123;jsessionid=ABC",
                         "/hobby-mailru", "/hobby-mailru/x", "/messages/join/abc", "/mapi?x", "/discussions/1", "/?cmd=x",
                         "/group/1?fromTime=10"] {
                #expect(!ok.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
            #expect(ok.crawlDelay(userAgent: agent) == nil)
        }
        #expect(ok.sitemaps.count == 16)
        #expect(ok.sitemaps.first == "https://ok.ru/sitemap-index-misc.xml.gz")
        #expect(ok.sitemaps.last == "https://ok.ru/sitemap-index-video.xml.gz")
        #expect(ok.sitemaps.contains("https://ok.ru/sitemap-index-group.xml.gz"))
    }

    @Test func mobileOkGroupPagesAreAllowed() throws {
        let data = try realBytes("m.ok.ru")
        #expect(data.last != 0x0A)  // no final line break in the fixture
        let mobile = RobotsTxt(parsing: data)
        for agent in ["pageaudit", "*"] {
            for path in ["/group/123", "/mchsrussia", "/dk", "/group/123/topics"] {
                #expect(mobile.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
            for path in ["/dk?st.cmd=altGroupMain&st.groupId=1", "/cdk/x", "/groupcallembed/1", "/group/1?cmd=x", "/videoembed/1",
                         "/x;jsessionid=1", "/discussions/1"] {
                #expect(!mobile.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
        }
        #expect(mobile.sitemaps.isEmpty && mobile.crawlDelay(userAgent: "pageaudit") == nil)
    }

    @Test func telegramServedAnHTMLPageWhichHasNoRules() throws {
        let telegram = try realRobots("t.me")
        #expect(telegram == .allowAll)
        for agent in ["pageaudit", "*"] {
            for path in ["/s/mchs_official", "/s/mchs_official?before=100", "/mchs_official", "/"] {
                #expect(telegram.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
        }
        #expect(telegram.sitemaps.isEmpty && telegram.crawlDelay(userAgent: "pageaudit") == nil)
    }

    @Test func minprom19WordPressRulesAndAForeignSitemap() throws {
        let site = try realRobots("www.minprom19.ru")
        for agent in ["pageaudit", "*"] {
            for path in ["/", "/kontakty/", "/?p=12", "/wp-content/uploads/2020/logo.png", "/news/"] {
                #expect(site.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
            for path in ["/wp-admin/", "/wp-adminx", "/wp-json/wp/v2/posts", "/?s=министерство", "/xmlrpc.php",
                         "/wp-content/plugins/x.js", "/readme.html"] {
                #expect(!site.isAllowed(path, userAgent: agent), "\(agent) \(path)")
            }
        }
        #expect(site.sitemaps == ["https://2mckk.ru/sitemap.xml"])
        #expect(site.crawlDelay(userAgent: "pageaudit") == nil)
    }

    // MARK: - Hostile input

    @Test func wildcardPatternsDoNotBacktrack() {
        let file = robots("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*b\nDisallow: /*a*a*a*a*a*a*a*a*a*c$\n")
        let long = "/" + String(repeating: "a", count: 100_000)
        #expect(file.isAllowed(long, userAgent: "x"))
        #expect(!file.isAllowed(long + "b", userAgent: "x"))
        #expect(!file.isAllowed(long + "c", userAgent: "x"))
        #expect(file.isAllowed(long + "cd", userAgent: "x"))
        // A long pattern of many stars and a long literal tail.
        let manyStars = "/" + String(repeating: "*a", count: 5_000) + String(repeating: "a", count: 2_000) + "b"
        let hostile = robots("User-agent: *\nDisallow: \(manyStars)\n")
        #expect(hostile.isAllowed(long, userAgent: "x"))
        #expect(!hostile.isAllowed(long + "b", userAgent: "x"))
    }

    @Test func nulBytesAndInvalidUTF8AreOrdinaryOctets() {
        var bytes = Array("User-agent: *\nDisallow: /a".utf8) + [0x00] + Array("b\n".utf8)
        bytes += [0x00, 0x00, 0xFF, 0xFE, 0x0A] + Array("Disallow: /c".utf8) + [0xFF] + Array("\nDisallow: /d\n".utf8)
        bytes += Array("User-agent: x".utf8) + [0x00] + Array("y\nDisallow: /e\n".utf8)
        let file = RobotsTxt(parsing: Data(bytes))
        #expect(!file.isAllowed("/a%00b", userAgent: "pageaudit"))
        #expect(file.isAllowed("/a", userAgent: "pageaudit"))
        #expect(!file.isAllowed("/c%FF", userAgent: "pageaudit") && file.isAllowed("/c", userAgent: "pageaudit"))
        #expect(!file.isAllowed("/d", userAgent: "pageaudit"))
        // `x\0y` names the product token `x`.
        #expect(!file.isAllowed("/e", userAgent: "x") && file.isAllowed("/d", userAgent: "x"))
    }

    @Test func onlyTheFirst500KiBAreParsed() {
        var generator = GarbageGenerator(state: 42)
        var garbage: [UInt8] = []
        garbage.reserveCapacity(1_000_000)
        while garbage.count < 1_000_000 { withUnsafeBytes(of: generator.next()) { garbage += $0 } }
        let rules = Array("\nUser-agent: *\nDisallow: /private\n".utf8)
        // Rules at the start count; garbage after them changes nothing.
        #expect(!RobotsTxt(parsing: Data(rules + garbage)).isAllowed("/private", userAgent: "pageaudit"))
        // Rules after 500 KiB are never read.
        #expect(RobotsTxt(parsing: Data(garbage + rules)).isAllowed("/private", userAgent: "pageaudit"))
        // At the limit. Everything before the last line is `Disallow: /` and a comment filling the space.
        let header = Array("User-agent: *\nDisallow: /\n".utf8)
        func file(endingAtTheLimitWith tail: String, then rest: String) -> RobotsTxt {
            let filler = [UInt8](repeating: UInt8(ascii: "#"), count: RobotsTxtParser.parsingLimit - header.count - 1 - tail.utf8.count)
            let bytes = header + filler + [0x0A] + Array(tail.utf8) + Array(rest.utf8)
            #expect(bytes.count > RobotsTxtParser.parsingLimit)
            return RobotsTxt(parsing: Data(bytes))
        }
        // A line ending on the last byte counts; what follows does not.
        let whole = file(endingAtTheLimitWith: "Allow: /a/b\n", then: "Allow: /c\n")
        #expect(whole.isAllowed("/a/b", userAgent: "x") && !whole.isAllowed("/c", userAgent: "x"))
        // So does a line whose line break is the first byte past the limit.
        let beforeBreak = file(endingAtTheLimitWith: "Allow: /a/b", then: "\nAllow: /c\n")
        #expect(beforeBreak.isAllowed("/a/b", userAgent: "x") && !beforeBreak.isAllowed("/c", userAgent: "x"))
        // A line the limit cuts after `Allow: /a` is dropped, not read as `Allow: /a`.
        let cut = file(endingAtTheLimitWith: "Allow: /a", then: "/b\nAllow: /c\n")
        #expect(!cut.isAllowed("/a/c", userAgent: "x") && !cut.isAllowed("/a/b", userAgent: "x"))
    }

    @Test func aHundredThousandLines() {
        var text = "User-agent: *\n"
        for index in 0..<100_000 { text += "Disallow: /p\(index)$\n" }
        let bytes = Array(text.utf8)
        #expect(bytes.count > RobotsTxtParser.parsingLimit)
        // The last line read is the last one ending within the limit.
        let lastBreak = bytes[...RobotsTxtParser.parsingLimit].lastIndex(of: 0x0A)!
        let lastRead = bytes[..<lastBreak].split(separator: 0x0A).last.map { String(decoding: $0, as: UTF8.self) }
        let lastIndex = Int(lastRead?.dropFirst("Disallow: /p".count).dropLast() ?? "") ?? -1
        #expect(lastIndex > 20_000 && lastIndex < 100_000)
        let file = RobotsTxt(parsing: Data(bytes))
        #expect(!file.isAllowed("/p0", userAgent: "pageaudit"))
        #expect(!file.isAllowed("/p\(lastIndex)", userAgent: "pageaudit"))
        #expect(file.isAllowed("/p\(lastIndex + 1)", userAgent: "pageaudit"))
        #expect(file.isAllowed("/p99999", userAgent: "pageaudit"))
        #expect(file.isAllowed("/p0/x", userAgent: "pageaudit"))
        #expect(file.groups.count == 1 && file.groups[0].rules.count == lastIndex + 1)
    }

    @Test func manyUserAgentLinesShareOneGroup() {
        var text = ""
        // Product tokens are letters: index 123 names `bot-bcd`.
        func name(_ index: Int) -> String { "bot-" + String(String(index).map { Character(UnicodeScalar(UInt8(97 + $0.wholeNumberValue!))) }) }
        for index in 0..<20_000 { text += "User-agent: \(name(index))\n" }
        text += "Disallow: /x\n"
        #expect(text.utf8.count < RobotsTxtParser.parsingLimit)
        let file = robots(text)
        #expect(file.groups.count == 1)
        #expect(!file.isAllowed("/x", userAgent: "bot-a") && !file.isAllowed("/x", userAgent: "bot-bcd") && !file.isAllowed("/x", userAgent: name(19_999)))
        #expect(file.isAllowed("/x", userAgent: "pageaudit"))
    }
}

extension RobotsTxtTests {
    /// A deterministic generator for test data (SplitMix64), so a failure can be reproduced.
    struct GarbageGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }
}
