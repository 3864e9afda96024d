/// A command line split into options and positional words. Hand-written because the project takes
/// no third-party packages; it follows swift-argument-parser's conventions (`--name value`,
/// `--name=value`, `--flag`, `--` ends options) and its errors name the offending word.
struct Arguments {
    var positional: [String] = []
    private var options: [String: [String]] = [:]
    private var flags: Set<String> = []

    enum Failure: Error, CustomStringConvertible {
        case unknownOption(String, command: String, known: [String])
        case missingValue(String)
        case invalidValue(String, value: String, expected: String)
        case unexpectedArgument(String)
        case missingArgument(String)

        var description: String {
            switch self {
            case .unknownOption(let name, let command, let known):
                "unknown option '\(name)' for '\(command)'; known: \(known.joined(separator: ", ")). See 'pageaudit help \(command)'."
            case .missingValue(let name): "option '\(name)' needs a value"
            case .invalidValue(let name, let value, let expected): "\(name): invalid value '\(value)'; expected \(expected)"
            case .unexpectedArgument(let word): "unexpected argument '\(word)'"
            case .missingArgument(let name): "missing argument \(name)"
            }
        }
    }

    /// Parses `words` for a command that takes the given valued options and flags.
    init(_ words: [String], command: String, options valued: [String], flags known: [String]) throws(Failure) {
        var index = 0
        var onlyPositional = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositional || !word.hasPrefix("-") || word == "-" { positional.append(word); continue }
            if word == "--" { onlyPositional = true; continue }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0]
            if valued.contains(name) {
                if parts.count == 2 { options[name, default: []].append(parts[1]); continue }
                guard index < words.count else { throw .missingValue(name) }
                options[name, default: []].append(words[index])
                index += 1
            } else if known.contains(name), parts.count == 1 {
                flags.insert(name)
            } else {
                throw .unknownOption(name, command: command, known: (valued + known).sorted())
            }
        }
    }

    /// The option's value; the last one when it is given several times.
    func value(_ name: String) -> String? { options[name]?.last }
    /// Every value of an option that may be repeated (`--header`).
    func values(_ name: String) -> [String] { options[name] ?? [] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func choice<T: RawRepresentable>(_ name: String, default fallback: T) throws(Failure) -> T where T.RawValue == String, T: CaseIterable {
        guard let text = options[name]?.last else { return fallback }
        guard let value = T(rawValue: text) else {
            throw .invalidValue(name, value: text, expected: T.allCases.map(\.rawValue).joined(separator: "|"))
        }
        return value
    }
}
