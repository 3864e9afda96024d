import Foundation

/// Wraps a page an officer saved from a browser into a folder snapshot set: the file is copied to
/// `pages/<host>/<path>` and a manifest row records its address and capture time. Nothing is ever
/// written outside the set: names are rebuilt from safe characters, and the final path is checked
/// after symbolic links are resolved.
public struct SnapshotImporter {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    public enum Failure: DiagnosableError, Equatable {
        case fileMissing(String)
        case notHTTP(String)
        case alreadyInSet(String, line: Int)
        case outsideSet(String)
        case writeFailed(String, detail: String)

        public var location: SourceLocation? { nil }

        public var problem: LocalizedText {
            switch self {
            case .fileMissing(let path): LocalizedText(ru: "файл \(path) не найден", en: "file \(path) does not exist")
            case .notHTTP(let url): LocalizedText(ru: "--url «\(url)» — не адрес http(s)", en: "--url \"\(url)\" is not an http(s) address")
            case .alreadyInSet(let url, let line): LocalizedText(ru: "адрес \(url) уже есть в manifest.tsv (строка \(line))", en: "\(url) is already in manifest.tsv (line \(line))")
            case .outsideSet(let path): LocalizedText(ru: "путь \(path) ведёт за пределы папки набора", en: "\(path) leads outside the set folder")
            case .writeFailed(let path, let detail): LocalizedText(ru: "не удалось записать \(path): \(detail)", en: "cannot write \(path): \(detail)")
            }
        }

        public var fix: LocalizedText {
            switch self {
            case .fileMissing: LocalizedText(ru: "Укажите сохранённый из браузера файл страницы.", en: "Give the page file saved from the browser.")
            case .notHTTP: LocalizedText(ru: "Укажите адрес, с которого страница сохранена, например https://adm.example.ru/contacts/.", en: "Give the address the page was saved from, e.g. https://adm.example.ru/contacts/.")
            case .alreadyInSet: LocalizedText(ru: "Удалите старую строку из manifest.tsv или импортируйте в другой набор.", en: "Remove the old row from manifest.tsv or import into another set.")
            case .outsideSet: LocalizedText(ru: "Уберите символические ссылки из папки набора.", en: "Remove symbolic links from the set folder.")
            case .writeFailed: LocalizedText(ru: "Проверьте права на папку набора.", en: "Check the permissions of the set folder.")
            }
        }
    }

    /// Imports `file` as the capture of `url`; returns the path written, relative to the set.
    @discardableResult
    public func importPage(_ file: URL, as url: String, capturedAt: Date? = nil, contentType: String? = nil) throws(Failure) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .fileMissing(file.path) }
        guard let address = WebAddress(url), url.contains("://") else { throw .notHTTP(url) }
        let manifest = folder.appendingPathComponent("manifest.tsv")
        let existing = (try? String(contentsOf: manifest, encoding: .utf8)) ?? ""
        if let entries = try? SnapshotManifest.parse(existing.isEmpty ? "url\tfile\tcaptured_at\tstatus\n" : existing, file: manifest.path),
           let duplicate = entries.first(where: { $0.address == address }) {
            throw .alreadyInSet(address.displayString, line: duplicate.location.line)
        }
        let relative = Self.relativePath(for: address, fileExtension: file.pathExtension)
        let target = folder.appendingPathComponent(relative).standardizedFileURL
        // Before anything is created: no step below the set folder may be a symbolic link, or a
        // write could land wherever it points.
        var step = folder
        for component in relative.split(separator: "/") {
            step = step.appendingPathComponent(String(component))
            let type = (try? FileManager.default.attributesOfItem(atPath: step.path))?[.type] as? FileAttributeType
            if type == .typeSymbolicLink { throw .outsideSet(step.path) }
        }
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(target.path, detail: error.localizedDescription)
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? Date()
        let row = [address.description, relative, RFC3339.string(from: capturedAt ?? modified), "200",
                   contentType ?? Self.contentType(forExtension: file.pathExtension), ""].joined(separator: "\t")
        do {
            try data.write(to: target)
            let header = "url\tfile\tcaptured_at\tstatus\tcontent_type\terror\n"
            let prefix = existing.isEmpty ? header : (existing.hasSuffix("\n") ? existing : existing + "\n")
            try (prefix + row + "\n").write(to: manifest, atomically: true, encoding: .utf8)
        } catch {
            throw .writeFailed(target.path, detail: error.localizedDescription)
        }
        return relative
    }

    /// `pages/<ascii host>/<path made of safe characters>`; `..`, empty and hidden names cannot occur.
    static func relativePath(for address: WebAddress, fileExtension: String) -> String {
        func safe(_ text: String) -> String {
            let cleaned = String(text.unicodeScalars.map { scalar -> Character in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" ? Character(scalar) : "_"
            })
            return String(cleaned.prefix(80))
        }
        var segments = address.url.path.split(separator: "/").map { safe(String($0)) }.filter { !$0.isEmpty }
        if let query = address.url.query { segments.append("q_" + safe(query)) }
        let name = (segments.popLast() ?? "index") + "." + (fileExtension.isEmpty ? "html" : safe(fileExtension))
        // The host is already ASCII letters, digits, dots and hyphens, with no empty label (WebAddress).
        return (["pages", address.host] + segments + [name]).joined(separator: "/")
    }

    static func contentType(forExtension fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "json": "application/json"
        case "txt": "text/plain"
        default: "text/html"
        }
    }
}
