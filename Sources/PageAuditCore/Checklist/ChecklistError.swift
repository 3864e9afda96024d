/// Problems in a checklist file beyond its JSON shape, with the place and the fix.
public enum ChecklistError: DiagnosableError, Equatable {
    case fileMissing(path: String, referencedFrom: SourceLocation?)
    case unreadable(path: String, detail: String)
    case json(JSONInputError)
    case duplicateRule(id: String, at: SourceLocation, first: SourceLocation)
    case overrideOfUnknownRule(id: String, at: SourceLocation)
    case overridesWithoutExtends(at: SourceLocation)
    case extendsCycle(chain: [String], at: SourceLocation)
    case emptyEffectivePeriod(at: SourceLocation)

    public var location: SourceLocation? {
        switch self {
        case .fileMissing(_, let from): from
        case .unreadable: nil
        case .json(let error): error.location
        case .duplicateRule(_, let at, _), .overrideOfUnknownRule(_, let at), .overridesWithoutExtends(let at),
             .extendsCycle(_, let at), .emptyEffectivePeriod(let at): at
        }
    }

    public var problem: LocalizedText {
        switch self {
        case .fileMissing(let path, _): LocalizedText(ru: "файл чек-листа \(path) не найден", en: "checklist file \(path) does not exist")
        case .unreadable(let path, let detail): LocalizedText(ru: "не удалось прочитать \(path): \(detail)", en: "cannot read \(path): \(detail)")
        case .json(let error): error.problem
        case .duplicateRule(let id, _, let first): LocalizedText(ru: "правило \(id) уже определено (\(first))", en: "rule \(id) is already defined (\(first))")
        case .overrideOfUnknownRule(let id, _): LocalizedText(ru: "overrides: в базовом чек-листе нет правила \(id)", en: "overrides: the base checklist has no rule \(id)")
        case .overridesWithoutExtends: LocalizedText(ru: "overrides задан, а extends нет", en: "overrides is given without extends")
        case .extendsCycle(let chain, _): LocalizedText(ru: "цикл в extends: \(chain.joined(separator: " → "))", en: "extends forms a cycle: \(chain.joined(separator: " → "))")
        case .emptyEffectivePeriod: LocalizedText(ru: "effective: дата until раньше from", en: "effective: until is before from")
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .fileMissing: LocalizedText(ru: "Проверьте путь (extends указывается относительно файла чек-листа).", en: "Check the path (extends is relative to the checklist file).")
        case .unreadable: LocalizedText(ru: "Сохраните файл в UTF-8 и проверьте права.", en: "Save the file as UTF-8 and check its permissions.")
        case .json(let error): error.fix
        case .duplicateRule: LocalizedText(ru: "Дайте правилу другой id или измените базовое правило через overrides.", en: "Give the rule another id, or change the base rule through overrides.")
        case .overrideOfUnknownRule: LocalizedText(ru: "Проверьте id правила; новые правила добавляются в rules.", en: "Check the rule id; new rules go in rules.")
        case .overridesWithoutExtends: LocalizedText(ru: "Добавьте \"extends\": \"270-fz.json\" или перенесите изменения в rules.", en: "Add \"extends\": \"270-fz.json\" or move the changes into rules.")
        case .extendsCycle: LocalizedText(ru: "Чек-лист не может прямо или косвенно расширять сам себя.", en: "A checklist cannot extend itself, directly or indirectly.")
        case .emptyEffectivePeriod: LocalizedText(ru: "Поменяйте даты местами или исправьте одну из них.", en: "Swap the dates or correct one of them.")
        }
    }
}
