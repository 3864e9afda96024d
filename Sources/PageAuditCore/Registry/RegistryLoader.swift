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
        guard FileManager.default.fileExists(atPath: url.path) else { throw .fileMissing(path: url.path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(path: url.path, detail: error.localizedDescription) }
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1251) ?? ""
        if url.pathExtension.lowercased() == "json" { return try parseJSON(text, file: url.path) }
        return try parseCSV(text, file: url.path)
    }

    /// One agency described on the command line (`pageaudit check`), validated like a registry row;
    /// errors name the option at fault.
    public static func agency(_ fields: [String: String]) throws(RegistryError) -> Agency {
        let place = SourceLocation(file: "command line", line: 1)
        let values = fields.mapValues { AgencyRecordValidator.Value(text: $0, location: place) }
        return try AgencyRecordValidator().agency(from: values, record: place)
    }

    public static func parseCSV(_ text: String, file: String) throws(RegistryError) -> [Agency] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(in: body, delimiter: CSVReader.guessDelimiter(in: body))
        } catch {
            switch error {
            case .unterminatedQuote(let line, let column): throw .unterminatedQuote(at: SourceLocation(file: file, line: line, column: column))
            case .textAfterClosingQuote(let line, let column): throw .textAfterQuote(at: SourceLocation(file: file, line: line, column: column))
            }
        }
        guard let header = records.first else { throw .empty(path: file) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in requiredColumns where !names.contains(column) {
            throw .missingColumn(name: column, found: names, at: SourceLocation(file: file, line: header.line))
        }
        var agencies: [Agency] = []
        var seen: [String: SourceLocation] = [:]
        let validator = AgencyRecordValidator()
        for record in records.dropFirst() {
            let location = SourceLocation(file: file, line: record.line)
            if record.fields.count > names.count, record.fields[names.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw .tooManyFields(expected: names.count, found: record.fields.count, at: location)
            }
            var values: [String: AgencyRecordValidator.Value] = [:]
            for (index, name) in names.enumerated() where columns.contains(name) && index < record.fields.count {
                values[name] = .init(text: record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines),
                                     location: SourceLocation(file: file, line: record.line, column: record.columns[index]))
            }
            let agency = try validator.agency(from: values, record: location)
            if let first = seen[agency.id] { throw .duplicateID(agency.id, at: values["id"]!.location, first: first) }
            seen[agency.id] = values["id"]!.location
            agencies.append(agency)
        }
        return agencies
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
