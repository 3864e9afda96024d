import Foundation
import Testing
@testable import PageAuditCore

/// A live audit of a loopback farm, then an offline audit of the WARC it wrote: the evidence must
/// reproduce the findings exactly, pass an independent WARC reader, and hold no secret.
@Suite(.serialized) struct LiveReplayTests {
    let token = "vk1.secret-token-7f3a9"
    let secretHeader = "k-SECRET-header-4242"

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try runPageAudit(arguments, environment: environment)
    }

    func shell(_ command: String) throws -> (Int32, String) {
        try runProcess("/bin/sh", ["-c", command], in: repositoryRoot)
    }

    @Test func liveRunAndItsArchiveGiveIdenticalFindings() throws {
        let farm = try TestFarm(hosts: 5)
        defer { farm.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = folder.appendingPathComponent("registry.csv")
        try """
        id;name;kind;website;vk
        a;Администрация посёлка А;municipal;\(farm.url(host: 0, "/"));https://vk.com/farm_host0
        b;Министерство Б;regional;\(farm.url(host: 1, "/"));
        c;Комитет В;regional;\(farm.url(host: 2, "/"));
        d;Районный суд;court;\(farm.url(host: 3, "/"));https://vk.com/club42
        e;Школа № 1;subordinate;\(farm.url(host: 4, "/status/404"));
        """.write(to: registry, atomically: true, encoding: .utf8)
        let warc = folder.appendingPathComponent("run.warc.gz")
        let liveJSON = folder.appendingPathComponent("live.json"), replayJSON = folder.appendingPathComponent("replay.json")
        let apiBase = String(farm.url(host: 0, "").dropLast())

        let live = try run(["audit", "--live", "--allow-private", "--loopback-only", "--min-interval", "0", "--registry", registry.path,
                            "--warc", warc.path, "--vk-api-base", apiBase, "--format", "json", "--output", liveJSON.path,
                            "--header", "X-Audit-Run: nightly-7", "--secret-header", "X-Api-Key: \(secretHeader)"],
                           environment: ["PAGEAUDIT_VK_TOKEN": token])
        #expect(live.status == 0 || live.status == 1, "\(live.stderr)")
        let replay = try run(["audit", "--snapshots", warc.path, "--registry", registry.path, "--format", "json", "--output", replayJSON.path])
        #expect(replay.status == live.status, "\(replay.stderr)")

        let liveReport = try JSONSerialization.jsonObject(with: Data(contentsOf: liveJSON)) as! [String: Any]
        let replayReport = try JSONSerialization.jsonObject(with: Data(contentsOf: replayJSON)) as! [String: Any]
        #expect(liveReport["asOf"] as? String == replayReport["asOf"] as? String)
        let liveAgencies = liveReport["agencies"] as! [[String: Any]], replayAgencies = replayReport["agencies"] as! [[String: Any]]
        #expect(liveAgencies.count == 5)
        for (one, other) in zip(liveAgencies, replayAgencies) {
            #expect(NSDictionary(dictionary: one).isEqual(to: other), "agency \(one["id"] ?? "?") differs between live and replay")
        }

        // What the live run met, seen in the findings.
        func status(_ id: String, _ rule: String) -> String? {
            (liveAgencies.first { $0["id"] as? String == id }?["findings"] as? [[String: Any]])?.first { $0["ruleID"] as? String == rule }?["status"] as? String
        }
        #expect(status("a", "SITE-CONTACTS") == "pass")
        #expect(status("a", "PAGE-EXISTS") == "pass")
        #expect(status("b", "SITE-EXISTS") == "unverifiable")   // robots.txt disallows pageaudit
        #expect(status("c", "SITE-EXISTS") == "unverifiable")   // robots.txt answers 500
        #expect(status("d", "SITE-EXISTS") == "pass")
        #expect(status("e", "SITE-EXISTS") == "notApplicable")  // a school; its site answers 404

        // Politeness as the server saw it (the farm logs a request just after answering it: let the last lines land).
        let log = try farm.waitForRequests(count: .max, timeout: 0.5)
        #expect(!TestFarm.overlaps(log))
        #expect(!log.contains { $0.pathOnly.hasPrefix("/private") })
        #expect(!log.contains { ($0.hostIndex == 1 || $0.hostIndex == 2) && $0.pathOnly != "/robots.txt" })
        #expect(log.contains { $0.path.contains("access_token=") }, "the token was sent to the API")
        #expect(log.contains { $0.headers["X-Api-Key"] == secretHeader && $0.headers["X-Audit-Run"] == "nightly-7" }, "both headers were sent")
        // Both declared communities came in one batched groups.getById call; single calls remain only for
        // pages the sites link (unknown before the sites are read).
        let groupCalls = log.filter { $0.pathOnly == "/method/groups.getById" }
        #expect(groupCalls.first?.path.contains("group_ids=42,farm_host0") == true)
        #expect(!groupCalls.dropFirst().contains { $0.path.contains("group_id=42") || $0.path.contains("group_id=farm_host0") })

        // No secret in the archive, its index, the journal, the reports or the messages; the archive
        // shows that the secret header was sent, and the ordinary one as it was.
        let (_, archiveText) = try shell("gzip -dc '\(warc.path)'")
        #expect(archiveText.contains("groups.getById"))
        #expect(archiveText.contains("X-Api-Key: [secret]") && archiveText.contains("X-Audit-Run: nightly-7"))
        #expect(archiveText.contains("--secret-header [secret]"), "the recorded command line hides the value")
        for text in [archiveText, try String(contentsOf: URL(fileURLWithPath: warc.path + ".cdxj"), encoding: .utf8),
                     try String(contentsOf: liveJSON, encoding: .utf8), try String(contentsOf: URL(fileURLWithPath: liveJSON.path + ".journal.jsonl"), encoding: .utf8),
                     live.stderr, live.stdout, replay.stderr, try String(contentsOf: replayJSON, encoding: .utf8)] {
            #expect(!text.contains(token))
            #expect(!text.contains("access_token="))
            #expect(!text.contains(secretHeader))
        }
        let badHeader = try run(["audit", "--live", "--registry", registry.path, "--secret-header", "X-Api-Key \(secretHeader)"])
        #expect(badHeader.status == 2 && badHeader.stderr.contains("--secret-header") && !badHeader.stderr.contains(secretHeader), "\(badHeader.stderr)")

        // An independent reader: warcio (installed by .ci/run) reads every record and verifies its digests.
        let (hasWarcio, _) = try shell("python3 -c 'import warcio'")
        if hasWarcio == 0 {
            let (verified, output) = try shell("python3 scripts/verify-warc.py '\(warc.path)'")
            #expect(verified == 0, "\(output)")
        } else {
            Issue.record("warcio is not installed: pip install warcio (CI installs it)")
        }
    }
}
