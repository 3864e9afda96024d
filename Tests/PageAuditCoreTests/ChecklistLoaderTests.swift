import Foundation
import Testing
@testable import PageAuditCore

/// The repository's own `checklists/` folder, found from this file's place in the tree.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct ChecklistLoaderTests {
    let bundled = repositoryRoot.appendingPathComponent("checklists/270-fz.json")

    /// Writes checklist files into a fresh folder and returns it.
    func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checklist-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    func minimal(rules: String, extra: String = "") -> String {
        """
        {"format": "pageaudit.checklist/1", "id": "t", "version": "1", "title": {"ru": "т", "en": "t"}\(extra),
         "rules": [\(rules)]}
        """
    }

    func rule(_ id: String, kind: String = "site.email", params: String = "{}") -> String {
        """
        {"id": "\(id)", "title": {"ru": "т", "en": "t"}, "fix": {"ru": "т", "en": "t"}, "basis": {"ru": "т", "en": "t"},
         "confidence": "Q", "strength": "law", "appliesTo": ["municipal"], "check": {"kind": "\(kind)", "params": \(params)}}
        """
    }

    @Test func bundled270FZChecklistEncodesEverySiteAndPageRule() throws {
        let checklist = try ChecklistLoader.load(from: bundled)
        let ids = Set(checklist.rules.map(\.id))
        #expect(ids == ["SITE-EXISTS", "SITE-EMAIL", "SITE-CONTACTS", "SITE-LINKS-TO-PAGES", "SITE-LINKED-PAGE-VALID", "SITE-POS-WIDGET",
                        "PAGE-EXISTS", "PAGE-CONTACTS", "PAGE-LINKS-SITE", "PAGE-DESCRIPTION", "PAGE-GOVMARK", "PAGE-POS-WIDGETS",
                        "PAGE-ACTIVITY", "PAGE-STALE", "PAGE-COMMENTS-OPEN", "PAGE-ADDRESS-MAP", "PAGE-DESIGN",
                        "CROSS-MUTUAL-LINKS", "CROSS-REGISTRY-MATCHES-SITE", "CROSS-PAGE-UNIQUE"])
        #expect(checklist.rule("PAGE-ACTIVITY")?.check == .pagePostingCadence(minPosts: 3, windowDays: 7, lookbackDays: 28))
        // Recommendations from monitoring practice must never be law rules.
        for id in ["SITE-POS-WIDGET", "PAGE-GOVMARK", "PAGE-POS-WIDGETS", "PAGE-ACTIVITY", "PAGE-STALE", "PAGE-COMMENTS-OPEN", "PAGE-DESIGN",
                   "CROSS-REGISTRY-MATCHES-SITE", "CROSS-PAGE-UNIQUE"] {
            #expect(checklist.rule(id)?.strength == .practice, "\(id)")
        }
        // A recalled basis must say it is to be confirmed.
        for rule in checklist.rules where rule.confidence == .R { #expect(rule.basis.ru.contains("уточняется"), "\(rule.id)") }
    }

    @Test func regionalExampleExtendsAndOverridesParameters() throws {
        let checklist = try ChecklistLoader.load(from: repositoryRoot.appendingPathComponent("checklists/examples/spb-stricter.json"))
        #expect(checklist.extends == ["270-fz"])
        guard case .pagePostingCadence(let minPosts, let windowDays, _) = checklist.rule("PAGE-ACTIVITY")?.check else {
            Issue.record("PAGE-ACTIVITY missing"); return
        }
        #expect(minPosts == 5 && windowDays == 7)
        #expect(checklist.rule("SITE-EMAIL") != nil)
    }

    @Test func overrideMergesParamsKeyByKey() throws {
        let dir = try folder([
            "base.json": minimal(rules: rule("PAGE-ACTIVITY", kind: "page.posting-cadence", params: "{\"minPosts\": 3, \"windowDays\": 7}")),
            "region.json": """
            {"format": "pageaudit.checklist/1", "id": "r", "version": "1", "title": {"ru": "р", "en": "r"},
             "extends": "base.json", "rules": [], "overrides": {"PAGE-ACTIVITY": {"params": {"minPosts": 5}, "strength": "practice"}}}
            """,
        ])
        let checklist = try ChecklistLoader.load(from: dir.appendingPathComponent("region.json"))
        #expect(checklist.rule("PAGE-ACTIVITY")?.check == .pagePostingCadence(minPosts: 5, windowDays: 7, lookbackDays: 28))
        #expect(checklist.rule("PAGE-ACTIVITY")?.strength == .practice)
    }

    @Test func unknownCheckKindIsAnErrorAtTheKind() throws {
        let dir = try folder(["c.json": minimal(rules: rule("SITE-X", kind: "site.magic"))])
        let file = dir.appendingPathComponent("c.json").path
        #expect {
            try ChecklistLoader.load(from: URL(fileURLWithPath: file))
        } throws: { error in
            guard case .json(.invalidValue(let path, let value, _, let at)) = error as? ChecklistError else { return false }
            return path == "rules[0].check.kind" && value == "\"site.magic\"" && at.line == 3 && at.file == file
        }
    }

    @Test(arguments: [
        ("{\"minPosts\": 0}", "rules[0].check.params.minPosts"),
        ("{\"minPost\": 3}", "rules[0].check.params"),
        ("{\"windowDays\": 14, \"lookbackDays\": 7}", "rules[0].check.params.lookbackDays"),
        ("{\"minPosts\": \"3\"}", "rules[0].check.params.minPosts"),
    ])
    func badParametersNameTheirPath(params: String, path: String) throws {
        let dir = try folder(["c.json": minimal(rules: rule("PAGE-ACTIVITY", kind: "page.posting-cadence", params: params))])
        #expect {
            try ChecklistLoader.load(from: dir.appendingPathComponent("c.json"))
        } throws: { error in
            guard case .json(let inner) = error as? ChecklistError else { return false }
            return inner.problem.en.hasPrefix(path + ":")
        }
    }

    @Test func duplicateRuleIDsCyclesAndMissingBasesAreErrors() throws {
        let dir = try folder([
            "dup.json": minimal(rules: rule("A") + "," + rule("A")),
            "a.json": minimal(rules: "", extra: ", \"extends\": \"b.json\""),
            "b.json": minimal(rules: "", extra: ", \"extends\": \"a.json\""),
            "orphan.json": minimal(rules: "", extra: ", \"extends\": \"none.json\""),
        ])
        #expect { try ChecklistLoader.load(from: dir.appendingPathComponent("dup.json")) } throws: {
            if case .duplicateRule(id: "A", _, _) = $0 as? ChecklistError { true } else { false }
        }
        #expect { try ChecklistLoader.load(from: dir.appendingPathComponent("a.json")) } throws: {
            if case .extendsCycle(let chain, _) = $0 as? ChecklistError { chain == ["a.json", "b.json", "a.json"] } else { false }
        }
        #expect { try ChecklistLoader.load(from: dir.appendingPathComponent("orphan.json")) } throws: {
            if case .fileMissing(_, let from) = $0 as? ChecklistError { from?.line == 1 } else { false }
        }
    }

    @Test func jsonSyntaxErrorGivesLineAndColumn() throws {
        let dir = try folder(["c.json": "{\n  \"format\": \"pageaudit.checklist/1\",\n  \"id\": \"x\",,\n}"])
        #expect { try ChecklistLoader.load(from: dir.appendingPathComponent("c.json")) } throws: {
            if case .json(.syntax(_, let at)) = $0 as? ChecklistError { at.line == 3 && at.column == 13 } else { false }
        }
    }
}
