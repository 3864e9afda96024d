/// Problems in a registry file, with the place, the problem and the fix.
public enum RegistryError: DiagnosableError, Equatable {
    case fileMissing(path: String)
    case unreadable(path: String, detail: String)
    case empty(path: String)
    case missingColumn(name: String, found: [String], at: SourceLocation)
    case unterminatedQuote(at: SourceLocation)
    case textAfterQuote(at: SourceLocation)
    case tooManyFields(expected: Int, found: Int, at: SourceLocation)
    case missingValue(field: String, at: SourceLocation)
    case unknownKind(String, at: SourceLocation)
    case unknownTimeZone(String, at: SourceLocation)
    case badWebsite(String, at: SourceLocation)
    case badPage(field: String, value: String, at: SourceLocation)
    case duplicateID(String, at: SourceLocation, first: SourceLocation)
    case json(JSONInputError)

    public var location: SourceLocation? {
        switch self {
        case .fileMissing, .unreadable, .empty: nil
        case .missingColumn(_, _, let at), .unterminatedQuote(let at), .textAfterQuote(let at), .tooManyFields(_, _, let at),
             .missingValue(_, let at), .unknownKind(_, let at), .unknownTimeZone(_, let at), .badWebsite(_, let at),
             .badPage(_, _, let at), .duplicateID(_, let at, _): at
        case .json(let error): error.location
        }
    }

    public var problem: LocalizedText {
        switch self {
        case .fileMissing(let path): LocalizedText(ru: "файл реестра \(path) не найден", en: "registry file \(path) does not exist")
        case .unreadable(let path, let detail): LocalizedText(ru: "не удалось прочитать реестр \(path): \(detail)", en: "cannot read registry \(path): \(detail)")
        case .empty(let path): LocalizedText(ru: "реестр \(path) пуст", en: "registry \(path) is empty")
        case .missingColumn(let name, let found, _):
            LocalizedText(ru: "в заголовке нет столбца «\(name)» (есть: \(found.joined(separator: ", ")))", en: "the header has no column \"\(name)\" (found: \(found.joined(separator: ", ")))")
        case .unterminatedQuote: LocalizedText(ru: "кавычка открыта и не закрыта до конца файла", en: "a quote opens here and is never closed")
        case .textAfterQuote: LocalizedText(ru: "текст после закрывающей кавычки", en: "text after a closing quote")
        case .tooManyFields(let expected, let found, _):
            LocalizedText(ru: "в строке \(found) полей, а столбцов в заголовке \(expected)", en: "the row has \(found) fields, the header \(expected) columns")
        case .missingValue(let field, _): LocalizedText(ru: "\(field): значение не заполнено", en: "\(field): value is empty")
        case .unknownKind(let value, _): LocalizedText(ru: "kind: неизвестный вид организации «\(value)»", en: "kind: unknown agency kind \"\(value)\"")
        case .unknownTimeZone(let value, _): LocalizedText(ru: "timezone: неизвестный часовой пояс «\(value)»", en: "timezone: unknown time zone \"\(value)\"")
        case .badWebsite(let value, _): LocalizedText(ru: "website: «\(value)» — не адрес сайта", en: "website: \"\(value)\" is not a website address")
        case .badPage(let field, let value, _):
            LocalizedText(ru: "\(field): «\(value)» — не адрес страницы на этой платформе", en: "\(field): \"\(value)\" is not a page address on that platform")
        case .duplicateID(let id, _, let first):
            LocalizedText(ru: "id «\(id)» уже встречался (\(first))", en: "id \"\(id)\" was already used (\(first))")
        case .json(let error): error.problem
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .fileMissing: LocalizedText(ru: "Укажите существующий файл в --registry.", en: "Pass an existing file to --registry.")
        case .unreadable: LocalizedText(ru: "Проверьте права на файл.", en: "Check the file's permissions.")
        case .empty, .missingColumn:
            LocalizedText(ru: "Первая строка должна содержать столбцы id, name, kind, website (и по желанию region, timezone, vk, ok, telegram, max).", en: "The first line must name the columns id, name, kind, website (optionally region, timezone, vk, ok, telegram, max).")
        case .unterminatedQuote, .textAfterQuote:
            LocalizedText(ru: "Кавычка внутри значения записывается двумя кавычками (\"\"), а всё значение заключается в кавычки.", en: "Write a quote inside a value as two quotes (\"\") and quote the whole value.")
        case .tooManyFields:
            LocalizedText(ru: "Заключите в кавычки значения, содержащие разделитель, или уберите лишние разделители.", en: "Quote values that contain the delimiter, or remove the extra delimiters.")
        case .missingValue: LocalizedText(ru: "Заполните поле.", en: "Fill in the field.")
        case .unknownKind:
            LocalizedText(ru: "Используйте одно из: federal, regional, municipal, subordinate, court.", en: "Use one of: federal, regional, municipal, subordinate, court.")
        case .unknownTimeZone:
            LocalizedText(ru: "Укажите пояс IANA, например Europe/Moscow, Asia/Vladivostok, или оставьте поле пустым (Europe/Moscow).", en: "Use an IANA zone such as Europe/Moscow or Asia/Vladivostok, or leave it empty (Europe/Moscow).")
        case .badWebsite: LocalizedText(ru: "Пример: https://adm.example.ru или администрация.рф.", en: "Example: https://adm.example.ru or администрация.рф.")
        case .badPage:
            LocalizedText(ru: "Запишите адрес страницы, например https://vk.com/club123 в столбце vk, https://ok.ru/group/123 в ok, https://t.me/name в telegram; несколько адресов — через пробел.", en: "Write the page address, e.g. https://vk.com/club123 under vk, https://ok.ru/group/123 under ok, https://t.me/name under telegram; separate several with spaces.")
        case .duplicateID: LocalizedText(ru: "У каждой организации должен быть свой id.", en: "Give every agency its own id.")
        case .json(let error): error.fix
        }
    }
}
