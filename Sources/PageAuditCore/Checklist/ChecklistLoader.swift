import Foundation

/// Loads and validates a checklist (format `pageaudit.checklist/1`, documented in
/// `checklists/README.md`). Everything is checked at load time, with the exact place of an error,
/// so an audit never starts with a rule it cannot evaluate.
public enum ChecklistLoader {
    public static let format = "pageaudit.checklist/1"
    static let topKeys = ["format", "id", "version", "title", "extends", "rules", "overrides"]
    static let ruleKeys = ["id", "title", "fix", "basis", "confidence", "strength", "appliesTo", "effective", "check"]
    static let overrideKeys = ["title", "fix", "basis", "confidence", "strength", "appliesTo", "effective", "params"]

    public static func load(from url: URL) throws(ChecklistError) -> Checklist {
        try load(url.standardizedFileURL, chain: [], referencedFrom: nil)
    }

    /// Rules keep their raw parameters until the chain is resolved, so that an override merges
    /// parameters key by key rather than replacing them.
    struct RawRule {
        var rule: Rule
        var kind: CheckKind
        var params: [String: JSONField]
        var checkLocation: SourceLocation
    }

    private static func load(_ url: URL, chain: [String], referencedFrom: SourceLocation?) throws(ChecklistError) -> Checklist {
        let raw = try rawRules(url, chain: chain, referencedFrom: referencedFrom)
        var rules: [Rule] = []
        for var entry in raw.rules {
            do { entry.rule.check = try entry.kind.check(params: entry.params, at: entry.checkLocation) } catch { throw .json(error) }
            rules.append(entry.rule)
        }
        return Checklist(id: raw.id, version: raw.version, title: raw.title, rules: rules, extends: raw.extends, file: url.path)
    }

    struct RawChecklist {
        var id: String, version: String, title: LocalizedText, extends: [String], rules: [RawRule]
    }

    private static func rawRules(_ url: URL, chain: [String], referencedFrom: SourceLocation?) throws(ChecklistError) -> RawChecklist {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .fileMissing(path: url.path, referencedFrom: referencedFrom) }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw .unreadable(path: url.path, detail: error.localizedDescription) }
        let file = url.path
        do {
            let root = try JSONField.root(of: text, file: file).object()
            try root.rejectUnknownKeys(allowed: topKeys)
            let formatField = try root.required("format")
            guard try formatField.string() == format else { throw formatField.invalid("\"\(format)\"") }
            let idField = try root.required("id")
            let id = try idField.text()
            guard id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw idField.invalid("lowercase Latin letters, digits and '-', e.g. 270-fz")
            }
            let version = try root.required("version").text()
            let title = try localized(root.required("title"))

            var inherited: [RawRule] = []
            var extends: [String] = []
            if let extendsField = root.optional("extends") {
                let baseURL = url.deletingLastPathComponent().appendingPathComponent(try extendsField.text()).standardizedFileURL
                let names = chain + [url.path]
                if names.contains(baseURL.path) {
                    throw ChecklistError.extendsCycle(chain: (names + [baseURL.path]).map { ($0 as NSString).lastPathComponent }, at: extendsField.location)
                }
                let base = try rawRules(baseURL, chain: names, referencedFrom: extendsField.location)
                inherited = base.rules
                extends = [base.id] + base.extends
            }

            if let overrides = root.optional("overrides") {
                guard !extends.isEmpty else { throw ChecklistError.overridesWithoutExtends(at: overrides.location) }
                for (ruleID, field) in try overrides.object().fields {
                    guard let index = inherited.firstIndex(where: { $0.rule.id == ruleID }) else {
                        throw ChecklistError.overrideOfUnknownRule(id: ruleID, at: field.location)
                    }
                    inherited[index] = try applyOverride(field, to: inherited[index])
                }
            }

            var rules = inherited
            let ruleFields = try root.required("rules").array()
            if ruleFields.isEmpty && extends.isEmpty { throw root.field.invalid("a checklist with at least one rule (an empty rules array needs extends)") }
            for field in ruleFields {
                let rule = try parseRule(field)
                if let first = rules.first(where: { $0.rule.id == rule.rule.id }) {
                    throw ChecklistError.duplicateRule(id: rule.rule.id, at: rule.rule.source, first: first.rule.source)
                }
                rules.append(rule)
            }
            return RawChecklist(id: id, version: version, title: title, extends: extends, rules: rules)
        } catch let error as JSONInputError {
            throw .json(error)
        } catch let error as ChecklistError {
            throw error
        } catch {
            throw .unreadable(path: file, detail: "\(error)")
        }
    }

    private static func parseRule(_ field: JSONField) throws -> RawRule {
        let object = try field.object()
        try object.rejectUnknownKeys(allowed: ruleKeys)
        let idField = try object.required("id")
        let id = try idField.text()
        guard id.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw idField.invalid("capital Latin letters, digits and '-', e.g. SITE-EMAIL")
        }
        let check = try object.required("check").object()
        try check.rejectUnknownKeys(allowed: ["kind", "params"])
        let kindField = try check.required("kind")
        guard let kind = CheckKind(rawValue: try kindField.string()) else {
            throw kindField.invalid("a known check kind: " + CheckKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var params: [String: JSONField] = [:]
        if let paramsField = check.optional("params") {
            let reader = try paramsField.object()
            try reader.rejectUnknownKeys(allowed: kind.parameterNames)
            params = Dictionary(uniqueKeysWithValues: reader.fields.map { ($0.key, $0.field) })
        }
        let (from, until) = try effective(object.optional("effective"))
        let rule = Rule(
            id: id, title: try localized(object.required("title")), fix: try localized(object.required("fix")),
            basis: try localized(object.required("basis")), confidence: try object.required("confidence").oneOf(Confidence.self),
            strength: try object.required("strength").oneOf(RuleStrength.self), appliesTo: try kinds(object.required("appliesTo")),
            effectiveFrom: from, effectiveUntil: until, check: .siteExists, source: field.location)
        // Validate parameters now, so an error points at the rule that wrote them.
        _ = try kind.check(params: params, at: check.field.location)
        return RawRule(rule: rule, kind: kind, params: params, checkLocation: check.field.location)
    }

    private static func applyOverride(_ field: JSONField, to base: RawRule) throws -> RawRule {
        var result = base
        let object = try field.object()
        try object.rejectUnknownKeys(allowed: overrideKeys)
        if let value = object.optional("title") { result.rule.title = try localized(value) }
        if let value = object.optional("fix") { result.rule.fix = try localized(value) }
        if let value = object.optional("basis") { result.rule.basis = try localized(value) }
        if let value = object.optional("confidence") { result.rule.confidence = try value.oneOf(Confidence.self) }
        if let value = object.optional("strength") { result.rule.strength = try value.oneOf(RuleStrength.self) }
        if let value = object.optional("appliesTo") { result.rule.appliesTo = try kinds(value) }
        if let value = object.optional("effective") { (result.rule.effectiveFrom, result.rule.effectiveUntil) = try effective(value) }
        if let value = object.optional("params") {
            let reader = try value.object()
            try reader.rejectUnknownKeys(allowed: base.kind.parameterNames)
            for (key, param) in reader.fields { result.params[key] = param }
            _ = try base.kind.check(params: result.params, at: value.location)
        }
        result.rule.source = field.location
        return result
    }

    private static func localized(_ field: JSONField) throws -> LocalizedText {
        let object = try field.object()
        try object.rejectUnknownKeys(allowed: ["ru", "en"])
        return LocalizedText(ru: try object.required("ru").text(), en: try object.required("en").text())
    }

    private static func kinds(_ field: JSONField) throws -> [AgencyKind] {
        let kinds = try field.array().map { try $0.oneOf(AgencyKind.self) }
        guard !kinds.isEmpty, Set(kinds).count == kinds.count else {
            throw field.invalid("a non-empty array without repeats of federal | regional | municipal | subordinate | court")
        }
        return kinds
    }

    private static func effective(_ field: JSONField?) throws -> (String?, String?) {
        guard let field else { return (nil, nil) }
        let object = try field.object()
        try object.rejectUnknownKeys(allowed: ["from", "until"])
        func day(_ key: String) throws -> String? {
            guard let value = object.optional(key) else { return nil }
            let text = try value.string()
            guard RFC3339.day(from: text, in: .gmt) != nil else { throw value.invalid("a date written yyyy-MM-dd") }
            return text
        }
        let from = try day("from"), until = try day("until")
        if from == nil && until == nil { throw field.invalid("an object with from, until or both") }
        if let from, let until, until < from { throw ChecklistError.emptyEffectivePeriod(at: field.location) }
        return (from, until)
    }
}
