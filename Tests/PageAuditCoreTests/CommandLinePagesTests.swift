import Foundation
import Testing
@testable import PageAuditCore

/// The demo audit's official pages, end to end through the real executable and its JSON.
@Suite struct CommandLinePagesTests {
    let report: [String: Any]

    init() throws {
        let result = try runPageAudit(["audit", "--format", "json"])
        report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    func agency(_ id: String) throws -> [String: Any] {
        try #require((report["agencies"] as! [[String: Any]]).first { $0["id"] as? String == id })
    }

    func finding(_ rule: String, of id: String) throws -> [String: Any] {
        try #require((try agency(id)["findings"] as! [[String: Any]]).first { $0["ruleID"] as? String == rule })
    }

    @Test func pageAndCrossRulesShowEveryStatus() throws {
        var statuses = Set<String>()
        for agency in report["agencies"] as! [[String: Any]] {
            for finding in agency["findings"] as! [[String: Any]] where (finding["ruleID"] as! String).hasPrefix("PAGE-") || (finding["ruleID"] as! String).hasPrefix("CROSS-") {
                statuses.insert(finding["status"] as! String)
            }
        }
        #expect(statuses == ["pass", "fail", "warn", "notApplicable", "unverifiable"])
    }

    @Test func cadenceFindingCarriesItsPerWeekCounts() throws {
        let cadence = try finding("PAGE-ACTIVITY", of: "krasnozerskoe-sp")
        #expect(cadence["status"] as? String == "warn")
        let windows = try #require(cadence["windows"] as? [[String: Any]])
        #expect(windows.count == 4)
        #expect(windows.compactMap { $0["posts"] as? Int } == [4, 0, 3, 3])
        #expect(windows.allSatisfy { $0["from"] is String && $0["to"] is String && $0["page"] as? String == "vk.com/krasnozerskoe_sp" })
    }

    @Test func pageFactsAreInTheReport() throws {
        let pages = try #require(try agency("minles-omsk")["pages"] as? [[String: Any]])
        let vk = try #require(pages.first { $0["platform"] as? String == "vk" })
        #expect(vk["state"] as? String == "read")
        let facts = try #require(vk["facts"] as? [String: Any])
        #expect(facts["source"] as? String == "vkAPI")
        #expect(facts["existence"] as? String == "community")
        #expect(facts["governmentMark"] as? Bool == true)
        #expect(((facts["posts"] as? [[String: Any]])?.count ?? 0) > 3)
    }

    @Test func telegramOnlyAgencyStillHasNoOfficialPage() throws {
        #expect(try finding("PAGE-EXISTS", of: "pribrezhny-mo")["status"] as? String == "fail")
        let pages = try #require(try agency("pribrezhny-mo")["pages"] as? [[String: Any]])
        #expect(pages.contains { $0["platform"] as? String == "telegram" && $0["state"] as? String == "read" })
    }

    @Test func loginWallIsUnverifiableNotFailing() throws {
        let pages = try #require(try agency("dizo-nefteozersk")["pages"] as? [[String: Any]])
        let vk = try #require(pages.first { $0["platform"] as? String == "vk" })
        #expect(vk["state"] as? String == "unreadable")
        #expect((vk["failure"] as? [String: Any])?["reason"] as? String == "loginWall")
        #expect(try finding("SITE-LINKED-PAGE-VALID", of: "dizo-nefteozersk")["status"] as? String == "unverifiable")
    }

    @Test func deletedCommunityFailsExistenceAndLinkValidity() throws {
        #expect(try finding("PAGE-EXISTS", of: "school7-kamozersk")["status"] as? String == "fail")
        #expect(try finding("SITE-LINKED-PAGE-VALID", of: "school7-kamozersk")["status"] as? String == "fail")
    }

    @Test func onePageNamedTwoWaysIsReadOnceAndMatchesTheRegistry() throws {
        let pages = try #require(try agency("turizm-vologda")["pages"] as? [[String: Any]])
        #expect(pages.filter { $0["platform"] as? String == "vk" }.count == 1)
        #expect(try finding("CROSS-REGISTRY-MATCHES-SITE", of: "turizm-vologda")["status"] as? String == "pass")
    }

    @Test func sharedPageIsReportedForBothAgencies() throws {
        for id in ["kultura-zarechensk", "zarechny-sud"] {
            #expect(try finding("CROSS-PAGE-UNIQUE", of: id)["status"] as? String == "warn", "\(id)")
        }
    }
}
