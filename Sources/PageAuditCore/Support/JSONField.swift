/// Problems with the shape of a JSON input file (wrong type, missing or unknown key, bad value),
/// each with the file position and the path of the value (`rules[3].check.kind`).
public enum JSONInputError: DiagnosableError, Equatable {
    case syntax(message: String, at: SourceLocation)
    case wrongType(path: String, expected: String, found: String, at: SourceLocation)
    case missingKey(path: String, key: String, at: SourceLocation)
    case unknownKey(path: String, key: String, allowed: [String], at: SourceLocation)
    case invalidValue(path: String, value: String, expected: String, at: SourceLocation)

    public var location: SourceLocation? {
        switch self {
        case .syntax(_, let at), .wrongType(_, _, _, let at), .missingKey(_, _, let at),
             .unknownKey(_, _, _, let at), .invalidValue(_, _, _, let at): at
        }
    }

    public var problem: LocalizedText {
        switch self {
        case .syntax(let message, _):
            LocalizedText(ru: "ошибка синтаксиса JSON: \(message)", en: "JSON syntax error: \(message)")
        case .wrongType(let path, let expected, let found, _):
            LocalizedText(ru: "\(path): ожидается \(expected), а записано \(found)", en: "\(path): expected \(expected), found \(found)")
        case .missingKey(let path, let key, _):
            LocalizedText(ru: "\(path): нет обязательного поля «\(key)»", en: "\(path): required key \"\(key)\" is missing")
        case .unknownKey(let path, let key, _, _):
            LocalizedText(ru: "\(path): неизвестное поле «\(key)»", en: "\(path): unknown key \"\(key)\"")
        case .invalidValue(let path, let value, let expected, _):
            LocalizedText(ru: "\(path): недопустимое значение \(value)", en: "\(path): invalid value \(value)")
                .appending(ru: "; ожидается \(expected)", en: "; expected \(expected)")
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .syntax:
            LocalizedText(ru: "Исправьте JSON в указанном месте (кавычки, запятые, скобки; комментарии в JSON не допускаются).", en: "Fix the JSON at that place (quotes, commas, brackets; JSON allows no comments).")
        case .wrongType(_, let expected, _, _):
            LocalizedText(ru: "Запишите здесь значение типа \(expected).", en: "Write a value of type \(expected) here.")
        case .missingKey(_, let key, _):
            LocalizedText(ru: "Добавьте поле «\(key)».", en: "Add the key \"\(key)\".")
        case .unknownKey(_, _, let allowed, _):
            LocalizedText(ru: "Допустимые поля: \(allowed.joined(separator: ", ")). Проверьте написание.", en: "Allowed keys: \(allowed.joined(separator: ", ")). Check the spelling.")
        case .invalidValue(_, _, let expected, _):
            LocalizedText(ru: "Используйте: \(expected).", en: "Use: \(expected).")
        }
    }
}

extension LocalizedText {
    func appending(ru: String, en: String) -> LocalizedText { LocalizedText(ru: self.ru + ru, en: self.en + en) }
}

/// A value in a JSON input file together with its path, read with typed accessors that throw
/// `JSONInputError` pointing at the value.
public struct JSONField {
    public let node: JSONNode
    public let path: String
    public let file: String

    public init(node: JSONNode, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// Parses a whole file's text.
    public static func root(of text: String, file: String) throws(JSONInputError) -> JSONField {
        do {
            return JSONField(node: try JSONParser.parse(text), path: "$", file: file)
        } catch {
            throw .syntax(message: error.message, at: SourceLocation(file: file, line: error.line, column: error.column))
        }
    }

    public var location: SourceLocation { SourceLocation(file: file, line: node.line, column: node.column) }

    func wrongType(_ expected: String) -> JSONInputError {
        .wrongType(path: path, expected: expected, found: node.typeName, at: location)
    }

    public func invalid(_ expected: String) -> JSONInputError {
        .invalidValue(path: path, value: rawDescription, expected: expected, at: location)
    }

    var rawDescription: String {
        switch node.value {
        case .string(let text): "\"\(text)\""
        case .number(let text): text
        case .bool(let value): String(value)
        case .null: "null"
        case .object: "{…}"
        case .array: "[…]"
        }
    }

    public func string() throws(JSONInputError) -> String {
        guard case .string(let text) = node.value else { throw wrongType("string") }
        return text
    }

    /// A non-empty string after trimming.
    public func text() throws(JSONInputError) -> String {
        let text = try string().trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw invalid("a non-empty string") }
        return text
    }

    public func int(in range: ClosedRange<Int>) throws(JSONInputError) -> Int {
        guard case .number(let text) = node.value else { throw wrongType("integer") }
        guard let value = Int(text), range.contains(value) else { throw invalid("an integer from \(range.lowerBound) to \(range.upperBound)") }
        return value
    }

    public func bool() throws(JSONInputError) -> Bool {
        guard case .bool(let value) = node.value else { throw wrongType("boolean") }
        return value
    }

    public func array() throws(JSONInputError) -> [JSONField] {
        guard case .array(let elements) = node.value else { throw wrongType("array") }
        return elements.enumerated().map { JSONField(node: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    public func object() throws(JSONInputError) -> JSONObjectReader {
        guard case .object(let members) = node.value else { throw wrongType("object") }
        return JSONObjectReader(field: self, members: members)
    }

    /// A string that must be one of the cases of a raw-value enum.
    public func oneOf<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type) throws(JSONInputError) -> Choice where Choice.RawValue == String {
        guard let choice = Choice(rawValue: try string()) else {
            throw invalid(Choice.allCases.map(\.rawValue).joined(separator: " | "))
        }
        return choice
    }
}

/// The members of a JSON object, read by key; `finish` rejects keys nobody asked for, so a
/// misspelt key is an error instead of a silently ignored setting.
public struct JSONObjectReader {
    public let field: JSONField
    let members: [(key: String, value: JSONNode)]

    public var keys: [String] { members.map(\.key) }

    public func optional(_ key: String) -> JSONField? {
        guard let member = members.first(where: { $0.key == key }) else { return nil }
        if case .null = member.value.value { return nil }
        return JSONField(node: member.value, path: field.path == "$" ? key : "\(field.path).\(key)", file: field.file)
    }

    public func required(_ key: String) throws(JSONInputError) -> JSONField {
        guard let value = optional(key) else { throw .missingKey(path: field.path, key: key, at: field.location) }
        return value
    }

    /// Every member, in file order.
    public var fields: [(key: String, field: JSONField)] {
        members.map { member in
            (member.key, JSONField(node: member.value, path: field.path == "$" ? member.key : "\(field.path).\(member.key)", file: field.file))
        }
    }

    public func rejectUnknownKeys(allowed: [String]) throws(JSONInputError) {
        for (key, value) in fields where !allowed.contains(key) {
            throw .unknownKey(path: field.path, key: key, allowed: allowed, at: value.location)
        }
    }
}
