/// Problems in a folder snapshot set, with the place and the fix.
public enum SnapshotError: DiagnosableError, Equatable {
    case folderMissing(path: String)
    case manifestMissing(path: String)
    case manifestUnreadable(path: String, detail: String)
    case missingColumn(name: String, at: SourceLocation)
    case wrongFieldCount(expected: Int, found: Int, at: SourceLocation)
    case badAddress(String, at: SourceLocation)
    case badCaptureTime(String, at: SourceLocation)
    case badStatus(String, at: SourceLocation)
    case duplicateAddress(String, at: SourceLocation, first: SourceLocation)
    case pathOutsideSet(String, at: SourceLocation)

    public var location: SourceLocation? {
        switch self {
        case .folderMissing, .manifestMissing, .manifestUnreadable: nil
        case .missingColumn(_, let at), .wrongFieldCount(_, _, let at), .badAddress(_, let at), .badCaptureTime(_, let at),
             .badStatus(_, let at), .duplicateAddress(_, let at, _), .pathOutsideSet(_, let at): at
        }
    }

    public var problem: LocalizedText {
        switch self {
        case .folderMissing(let path):
            LocalizedText(ru: "папка снимков \(path) не найдена", en: "snapshot folder \(path) does not exist")
        case .manifestMissing(let path):
            LocalizedText(ru: "в наборе нет файла \(path)", en: "the set has no \(path)")
        case .manifestUnreadable(let path, let detail):
            LocalizedText(ru: "не удалось прочитать \(path): \(detail)", en: "cannot read \(path): \(detail)")
        case .missingColumn(let name, _):
            LocalizedText(ru: "в заголовке manifest.tsv нет столбца «\(name)»", en: "manifest.tsv header has no column \"\(name)\"")
        case .wrongFieldCount(let expected, let found, _):
            LocalizedText(ru: "в строке \(found) полей, а в заголовке \(expected)", en: "the row has \(found) fields, the header \(expected)")
        case .badAddress(let text, _):
            LocalizedText(ru: "url: «\(text)» — не адрес http(s)", en: "url: \"\(text)\" is not an http(s) address")
        case .badCaptureTime(let text, _):
            LocalizedText(ru: "captured_at: «\(text)» — не время RFC 3339 со смещением", en: "captured_at: \"\(text)\" is not an RFC 3339 time with an offset")
        case .badStatus(let text, _):
            LocalizedText(ru: "status: «\(text)» — не код HTTP (100–599) и не 0", en: "status: \"\(text)\" is neither an HTTP status (100–599) nor 0")
        case .duplicateAddress(let url, _, let first):
            LocalizedText(ru: "адрес \(url) уже описан в строке \(first.line)", en: "\(url) is already listed on line \(first.line)")
        case .pathOutsideSet(let path, _):
            LocalizedText(ru: "file: «\(path)» указывает за пределы папки набора", en: "file: \"\(path)\" points outside the set folder")
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .folderMissing:
            LocalizedText(ru: "Укажите существующую папку в --snapshots.", en: "Pass an existing folder to --snapshots.")
        case .manifestMissing, .manifestUnreadable:
            LocalizedText(ru: "Создайте manifest.tsv по описанию в README (столбцы url, file, captured_at, status, content_type, error).", en: "Create manifest.tsv as the README describes (columns url, file, captured_at, status, content_type, error).")
        case .missingColumn:
            LocalizedText(ru: "Первая строка должна перечислять столбцы через табуляцию: url, file, captured_at, status, content_type, error.", en: "The first line must name the tab-separated columns: url, file, captured_at, status, content_type, error.")
        case .wrongFieldCount:
            LocalizedText(ru: "Разделяйте поля одним символом табуляции; табуляцию внутри error пишите как \\t.", en: "Separate fields with a single tab; write a tab inside error as \\t.")
        case .badAddress:
            LocalizedText(ru: "Запишите полный адрес, например https://adm.example.ru/contacts/.", en: "Write the full address, e.g. https://adm.example.ru/contacts/.")
        case .badCaptureTime:
            LocalizedText(ru: "Пример: 2026-11-20T10:15:04+03:00.", en: "Example: 2026-11-20T10:15:04+03:00.")
        case .badStatus:
            LocalizedText(ru: "Запишите код ответа, например 200, или 0, если страницу загрузить не удалось.", en: "Write the response status, e.g. 200, or 0 if the capture failed.")
        case .duplicateAddress:
            LocalizedText(ru: "Оставьте одну строку на адрес.", en: "Keep one row per address.")
        case .pathOutsideSet:
            LocalizedText(ru: "Пути в file задаются относительно папки набора, без «..» и без абсолютных путей.", en: "Paths in file are relative to the set folder, with no \"..\" and not absolute.")
        }
    }
}
