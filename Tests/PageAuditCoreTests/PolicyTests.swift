import Foundation
import Testing
@testable import PageAuditCore

@Suite struct BaselineDiffTests {
    @Test(arguments: [
        ("pass", "fail", BaselineDiff.Change.new), (nil, "warn", .new), ("fail", "pass", .resolved), ("warn", "notApplicable", .resolved),
        ("fail", "fail", .stillFailing), ("fail", "unverifiable", .stillFailing), ("unverifiable", "fail", .stillFailing),
        ("unverifiable", "pass", .unchanged), ("pass", "unverifiable", .unchanged), ("pass", "pass", .unchanged),
    ] as [(String?, String?, BaselineDiff.Change)])
    func flipsToOrFromUnverifiableAreNeitherRegressionsNorFixes(before: String?, after: String?, change: BaselineDiff.Change) {
        #expect(BaselineDiff.classify(before, after) == change)
    }
}

@Suite struct ExitPolicyTests {
    func audits(_ statuses: [FindingStatus], waived: Bool = false) -> [AgencyAudit] {
        let agency = Agency(id: "a", name: "А", kind: .municipal, region: nil, timeZoneIdentifier: "Europe/Moscow", website: nil,
                            declaredPages: [], source: SourceLocation(file: "r", line: 2))
        let text = LocalizedText(ru: "т", en: "t")
        let findings = statuses.enumerated().map { index, status in
            Finding(ruleID: "R\(index)", title: text, strength: status == .warn ? .practice : .law, confidence: .Q, basis: text, status: status,
                    message: text, evidence: [], waiver: waived ? WaiverNote(reason: "спор", approvedBy: "Иванов", expires: "2027-01-01") : nil)
        }
        return [AgencyAudit(agency: agency, site: .notDeclared, pages: [], findings: findings)]
    }

    @Test func policiesDecideOnOpenFindingsOnly() {
        #expect(ExitPolicy.law.shouldFail(audits([.pass, .fail]), diff: nil))
        #expect(!ExitPolicy.law.shouldFail(audits([.pass, .warn, .unverifiable]), diff: nil))
        #expect(ExitPolicy.any.shouldFail(audits([.pass, .warn]), diff: nil))
        #expect(!ExitPolicy.law.shouldFail(audits([.fail], waived: true), diff: nil))
        #expect(!ExitPolicy.none.shouldFail(audits([.fail]), diff: nil))
        let diff = BaselineDiff(baseline: "b", entries: [.init(agency: "a", rule: "R0", change: .new, before: "pass", after: "fail")])
        #expect(ExitPolicy.new.shouldFail(audits([.fail]), diff: diff))
        #expect(!ExitPolicy.new.shouldFail(audits([.fail], waived: true), diff: diff))
    }

    /// Without waivers the decision is taken from the totals, without reading agencies: it must agree.
    @Test func totalsDecideAsReadingDoesWithoutWaivers() {
        let diff = BaselineDiff(baseline: "b", entries: [.init(agency: "a", rule: "R0", change: .new, before: "pass", after: "fail")])
        for statuses: [FindingStatus] in [[.pass], [.pass, .fail], [.warn], [.unverifiable, .notApplicable], [.error], []] {
            for policy in ExitPolicy.allCases {
                for baseline in [nil, diff] {
                    let list = audits(statuses)
                    #expect(policy.shouldFail(AuditResults(list), waived: false, diff: baseline) == policy.shouldFail(list, diff: baseline),
                            "\(policy) \(statuses)")
                }
            }
        }
    }
}

@Suite struct WaiverAndBaselineCommandTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func waivers(_ entries: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("waivers.json")
        try "{\"format\": \"pageaudit.waivers/1\", \"waivers\": [\(entries)]}".write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func waiversMarkFindingsReportExpiredOnesAndRejectUnknownIDs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try waivers("""
        {"agency": "gzhi-kursk", "rule": "SITE-EMAIL", "reason": "почта в разработке", "approvedBy": "Петрова А. А.", "expires": "2027-03-01"},
        {"agency": "gzhi-kursk", "rule": "SITE-CONTACTS", "reason": "старое", "approvedBy": "Петрова А. А.", "expires": "2025-01-01"}
        """, in: folder)
        let result = try runPageAudit(["audit", "--format", "json", "--waivers", file])
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let agency = (report["agencies"] as! [[String: Any]]).first { $0["id"] as? String == "gzhi-kursk" }!
        let findings = agency["findings"] as! [[String: Any]]
        let email = findings.first { $0["ruleID"] as? String == "SITE-EMAIL" }!
        #expect(email["status"] as? String == "fail")
        #expect((email["waiver"] as? [String: Any])?["approvedBy"] as? String == "Петрова А. А.")
        #expect(findings.first { $0["ruleID"] as? String == "SITE-CONTACTS" }?["waiver"] == nil)
        #expect((report["expiredWaivers"] as? [[String: Any]])?.first?["rule"] as? String == "SITE-CONTACTS")
        #expect(result.stderr.contains("waiver expired on 2025-01-01"))

        let unknown = try waivers("{\"agency\": \"no-such\", \"rule\": \"SITE-EMAIL\", \"reason\": \"x\", \"approvedBy\": \"y\", \"expires\": \"2027-01-01\"}", in: folder)
        let bad = try runPageAudit(["audit", "--waivers", unknown])
        #expect(bad.status == 2 && bad.stderr.contains("waivers.json:1:") && bad.stderr.contains("[0].agency"))
    }

    @Test func baselineClassifiesChangesAndFailOnNewGatesCI() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("old.json")
        #expect(try runPageAudit(["audit", "--format", "json", "--output", first.path]).status == 1)
        // Same evidence, same findings: nothing new, and --fail-on new passes.
        let same = try runPageAudit(["audit", "--baseline", first.path, "--fail-on", "new"])
        #expect(same.status == 0 && same.stdout.contains("новые 0"))

        // Pretend last night one failure was a pass (so it is new now) and another was unverifiable (flap: not new).
        var old = try JSONSerialization.jsonObject(with: Data(contentsOf: first)) as! [String: Any]
        var agencies = old["agencies"] as! [[String: Any]]
        let index = agencies.firstIndex { $0["id"] as? String == "gzhi-kursk" }!
        var findings = agencies[index]["findings"] as! [[String: Any]]
        for (position, finding) in findings.enumerated() {
            if finding["ruleID"] as? String == "SITE-EMAIL" { findings[position]["status"] = "pass" }
            if finding["ruleID"] as? String == "SITE-CONTACTS" { findings[position]["status"] = "unverifiable" }
        }
        agencies[index]["findings"] = findings
        old["agencies"] = agencies
        let edited = folder.appendingPathComponent("edited.json")
        try JSONSerialization.data(withJSONObject: old).write(to: edited)

        let changed = try runPageAudit(["audit", "--format", "json", "--baseline", edited.path, "--fail-on", "new"])
        #expect(changed.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as! [String: Any]
        let diff = report["diff"] as! [String: Any]
        #expect((diff["counts"] as! [String: Int])["new"] == 1)
        let changes = diff["changes"] as! [[String: Any]]
        #expect(changes.contains { $0["rule"] as? String == "SITE-EMAIL" && $0["change"] as? String == "new" })
        #expect(changes.contains { $0["rule"] as? String == "SITE-CONTACTS" && $0["change"] as? String == "stillFailing" })

        let text = try runPageAudit(["diff", edited.path, first.path, "--lang", "en"])
        #expect(text.status == 0 && text.stdout.contains("new 1") && text.stdout.contains("gzhi-kursk SITE-EMAIL (pass → fail)"))
        #expect(try runPageAudit(["diff", edited.path, first.path, "--fail-on", "new"]).status == 1)
        #expect(try runPageAudit(["audit", "--fail-on", "new"]).status == 2)  // needs --baseline
    }
}
