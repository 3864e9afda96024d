import Foundation

/// Problems reading a WARC file. Each names the file, the byte offset (of the gzip member, or of
/// the record in a plain file) and the record when its header could be read.
public enum WARCError: DiagnosableError, Equatable, Sendable {
    case fileUnreadable(path: String, detail: String)
    /// Nothing in the file is a readable WARC record.
    case noRecords(path: String, firstProblem: String?)
    /// Bytes that belong to no record were skipped.
    case garbage(path: String, offset: Int, length: Int)
    /// A record whose header or block is damaged: truncated, a Content-Length that does not fit,
    /// corrupt compression. Its capture is reported as unreadable, never used.
    case damagedRecord(path: String, offset: Int, recordID: String?, detail: String)

    public var location: SourceLocation? { nil }

    /// `file, offset N, record <urn:uuid:…>`.
    var place: String {
        switch self {
        case .fileUnreadable(let path, _), .noRecords(let path, _): path
        case .garbage(let path, let offset, _): "\(path), offset \(offset)"
        case .damagedRecord(let path, let offset, let id, _): "\(path), offset \(offset)" + (id.map { ", record \($0)" } ?? "")
        }
    }

    public var problem: LocalizedText {
        switch self {
        case .fileUnreadable(let path, let detail):
            LocalizedText(ru: "не удалось прочитать файл WARC \(path): \(detail)", en: "cannot read the WARC file \(path): \(detail)")
        case .noRecords(let path, let first):
            LocalizedText(ru: "\(path): в файле нет ни одной читаемой записи WARC" + (first.map { " (\($0))" } ?? ""),
                          en: "\(path): the file holds no readable WARC record" + (first.map { " (\($0))" } ?? ""))
        case .garbage(_, _, let length):
            LocalizedText(ru: "\(place): пропущено \(length) байт, не относящихся ни к одной записи",
                          en: "\(place): skipped \(length) bytes that belong to no record")
        case .damagedRecord(_, _, _, let detail):
            LocalizedText(ru: "\(place): запись повреждена: \(detail)", en: "\(place): the record is damaged: \(detail)")
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .fileUnreadable:
            LocalizedText(ru: "Проверьте путь и права на файл.", en: "Check the path and the file's permissions.")
        case .noRecords:
            LocalizedText(ru: "Укажите файл .warc или .warc.gz, где каждая запись сжата отдельно (при необходимости: warcio recompress).",
                          en: "Give a .warc or .warc.gz file with each record compressed on its own (if need be: warcio recompress).")
        case .garbage, .damagedRecord:
            LocalizedText(ru: "Возьмите неповреждённую копию архива или снимите страницы заново; проверить архив можно командой scripts/verify-warc.py.",
                          en: "Use an undamaged copy of the archive or capture the pages again; scripts/verify-warc.py checks an archive.")
        }
    }
}

/// Problems writing a WARC file.
public enum WARCWriteError: DiagnosableError, Equatable, Sendable {
    case fileExists(path: String)
    case cannotCreate(path: String, detail: String)
    case writeFailed(path: String, detail: String)
    /// The exchange still carries an API token; the caller must strip it before writing. The
    /// address is kept with the token's value replaced by `…`, so the error does not leak it.
    case secretInExchange(targetURI: String, place: String)
    case invalidTargetURI(String)
    case invalidPeerIP(String)
    case invalidInfoField(name: String)
    case closed(path: String)

    public var location: SourceLocation? { nil }

    public var problem: LocalizedText {
        switch self {
        case .fileExists(let path):
            LocalizedText(ru: "файл \(path) уже существует: архив доказательств не перезаписывается", en: "\(path) already exists: an evidence archive is never overwritten")
        case .cannotCreate(let path, let detail):
            LocalizedText(ru: "не удалось создать \(path): \(detail)", en: "cannot create \(path): \(detail)")
        case .writeFailed(let path, let detail):
            LocalizedText(ru: "не удалось записать \(path): \(detail)", en: "cannot write \(path): \(detail)")
        case .secretInExchange(let uri, let place):
            LocalizedText(ru: "обмен с \(uri) содержит значение access_token (\(place)): токен не должен попасть в архив",
                          en: "the exchange with \(uri) carries an access_token value (\(place)): a token must never reach the archive")
        case .invalidTargetURI(let uri):
            LocalizedText(ru: "«\(Self.redacted(uri).prefix(200))» — не адрес http(s) без пробелов", en: "\"\(Self.redacted(uri).prefix(200))\" is not an http(s) address without whitespace")
        case .invalidPeerIP(let ip):
            LocalizedText(ru: "«\(ip.prefix(80))» — не IP-адрес", en: "\"\(ip.prefix(80))\" is not an IP address")
        case .invalidInfoField(let name):
            LocalizedText(ru: "поле warcinfo «\(name.prefix(80))» недопустимо (имя без пробелов и двоеточий, значение без переводов строки и без access_token)",
                          en: "the warcinfo field \"\(name.prefix(80))\" is invalid (a name without spaces or colons, a value without line breaks or access_token)")
        case .closed(let path):
            LocalizedText(ru: "архив \(path) уже закрыт", en: "the archive \(path) is already closed")
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .fileExists:
            LocalizedText(ru: "Укажите новое имя файла.", en: "Give a new file name.")
        case .cannotCreate, .writeFailed:
            LocalizedText(ru: "Проверьте путь, права и свободное место.", en: "Check the path, the permissions and the free space.")
        case .secretInExchange:
            LocalizedText(ru: "Уберите access_token из адреса и запроса до записи (в архив пишется адрес метода без токена).",
                          en: "Strip access_token from the address and the request before writing (the archive keeps the method URL without the token).")
        case .invalidTargetURI:
            LocalizedText(ru: "Передайте полный адрес http(s) в кодировке RFC 3986.", en: "Pass a full http(s) address escaped per RFC 3986.")
        case .invalidPeerIP:
            LocalizedText(ru: "Передайте адрес IPv4 или IPv6 сервера, либо ничего.", en: "Pass the server's IPv4 or IPv6 address, or nothing.")
        case .invalidInfoField:
            LocalizedText(ru: "Исправьте поле или не передавайте его.", en: "Fix the field or leave it out.")
        case .closed:
            LocalizedText(ru: "Откройте новый WARCWriter.", en: "Open a new WARCWriter.")
        }
    }

    /// The address with any token value replaced, so the error message does not leak it either.
    static func redacted(_ text: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: "(access(?:_|%5f)token(?:=|%3d))[^&#\\s]+", options: .caseInsensitive) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1…")
    }
}
