import Foundation

/// Reads the registry of agencies to audit: CSV as spreadsheets save it, or JSON.
///
/// CSV: UTF-8 with or without BOM (windows-1251, the default of Excel's plain "CSV" in a Russian
/// locale, is recognised when the bytes are not UTF-8); `,` or `;`; a header row naming the columns
/// `id, name, kind, region, timezone, website, vk, ok, telegram, max` in any order (other columns
/// are ignored). JSON: an array of objects with the same keys, or `{"agencies": [...]}`; page keys
/// take a string or an array of strings.
public enum RegistryLoader {
    public static let columns = ["id", "name", "kind", "region", "timezone", "website", "vk", "ok", "telegram", "max"]
    static let requiredColumns = ["id", "name", "kind"]

    public static func load(from url: URL) throws(RegistryError) -> [Agency] {
        Array(try registry(from: url).agencies)
    }

    /// The registry at `url`, every row checked.
    public static func registry(from url: URL) throws(RegistryError) -> Registry {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .fileMissing(path: url.path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(path: url.path, detail: error.localizedDescription) }
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1251) ?? ""
        if url.pathExtension.lowercased() == "json" { return Registry(try parseJSON(text, file: url.path), file: url.path) }
        return try csvRegistry(text, file: url.path)
    }

    /// One agency described on the command line (`pageaudit check`), validated like a registry row;
    /// errors name the option at fault.
    public static func agency(_ fields: [String: String]) throws(RegistryError) -> Agency {
        let place = SourceLocation(file: "command line", line: 1)
        let values = fields.mapValues { AgencyRecordValidator.Value(text: $0, location: place) }
        return try AgencyRecordValidator().agency(from: values, record: place)
    }

    public static func parseCSV(_ text: String, file: String) throws(RegistryError) -> [Agency] {
        Array(try csvRegistry(text, file: file).agencies)
    }

    /// Checks every row in one pass, keeping only where each row is.
    static func csvRegistry(_ text: String, file: String) throws(RegistryError) -> Registry {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var names: [String]?
        var rows: [Registry.CSVRow] = []
        var failure: RegistryError?
        var seen: [String: SourceLocation] = [:]
        var summary = Registry.Summary()
        let delimiter = CSVReader.guessDelimiter(in: body)
        do {
            try CSVReader.forEachRecord(in: body, delimiter: delimiter) { record, range in
                do throws(RegistryError) {
                    guard let known = names else {
                        let header = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                        for column in requiredColumns where !header.contains(column) {
                            throw .missingColumn(name: column, found: header, at: SourceLocation(file: file, line: record.line))
                        }
                        names = header
                        return true
                    }
                    let agency = try agency(from: record, names: known, file: file)
                    let idLocation = SourceLocation(file: file, line: record.line, column: record.columns[known.firstIndex(of: "id")!])
                    if let first = seen[agency.id] { throw .duplicateID(agency.id, at: idLocation, first: first) }
                    seen[agency.id] = idLocation
                    rows.append(Registry.CSVRow(range: range, line: record.line))
                    summary.add(agency)
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
        } catch {
            switch error {
            case .unterminatedQuote(let line, let column): throw .unterminatedQuote(at: SourceLocation(file: file, line: line, column: column))
            case .textAfterClosingQuote(let line, let column): throw .textAfterQuote(at: SourceLocation(file: file, line: line, column: column))
            }
        }
        if let failure { throw failure }
        guard let names else { throw .empty(path: file) }
        return Registry(csv: body, delimiter: delimiter, names: names, rows: rows, file: file, summary: summary)
    }

    /// One registry row (after the header) as an agency, checked.
    static func agency(from record: CSVRecord, names: [String], file: String) throws(RegistryError) -> Agency {
        let location = SourceLocation(file: file, line: record.line)
        if record.fields.count > names.count, record.fields[names.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw .tooManyFields(expected: names.count, found: record.fields.count, at: location)
        }
        var values: [String: AgencyRecordValidator.Value] = [:]
        for (index, name) in names.enumerated() where columns.contains(name) && index < record.fields.count {
            values[name] = .init(text: record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines),
                                 location: SourceLocation(file: file, line: record.line, column: record.columns[index]))
        }
        return try AgencyRecordValidator().agency(from: values, record: location)
    }

    /// The agency of a row found by an earlier pass over `text`.
    static func agency(inRowAt row: Registry.CSVRow, of text: String, delimiter: Unicode.Scalar, names: [String], file: String) throws -> Agency {
        var found: CSVRecord?
        try CSVReader.forEachRecord(in: String(text[row.range]), delimiter: delimiter) { record, _ in
            found = record
            return false
        }
        guard var record = found else { throw RegistryError.empty(path: file) }
        record.line += row.line - 1
        return try agency(from: record, names: names, file: file)
    }

    public static func parseJSON(_ text: String, file: String) throws(RegistryError) -> [Agency] {
        do {
            let root = try JSONField.root(of: text, file: file)
            let list: [JSONField]
            if case .object = root.node.value {
                let object = try root.object()
                try object.rejectUnknownKeys(allowed: ["agencies"])
                list = try object.required("agencies").array()
            } else {
                list = try root.array()
            }
            var agencies: [Agency] = []
            var seen: [String: SourceLocation] = [:]
            for element in list {
                let object = try element.object()
                try object.rejectUnknownKeys(allowed: columns)
                var values: [String: AgencyRecordValidator.Value] = [:]
                for (key, field) in object.fields {
                    let text: String
                    if case .array = field.node.value {
                        text = try field.array().map { (item: JSONField) throws(JSONInputError) -> String in try item.string() }.joined(separator: " ")
                    } else {
                        text = try field.string()
                    }
                    values[key] = .init(text: text.trimmingCharacters(in: .whitespacesAndNewlines), location: field.location)
                }
                let agency = try AgencyRecordValidator().agency(from: values, record: element.location)
                if let first = seen[agency.id] { throw RegistryError.duplicateID(agency.id, at: values["id"]!.location, first: first) }
                seen[agency.id] = values["id"]!.location
                agencies.append(agency)
            }
            return agencies
        } catch let error as JSONInputError {
            throw .json(error)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .unreadable(path: file, detail: "\(error)")
        }
    }
}
