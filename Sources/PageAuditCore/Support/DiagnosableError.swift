/// An error in something a person wrote (a registry, a checklist, a manifest, a command line):
/// it says where, what is wrong, and how to fix it, in both languages.
public protocol DiagnosableError: Error, CustomStringConvertible {
    var location: SourceLocation? { get }
    var problem: LocalizedText { get }
    var fix: LocalizedText { get }
}

extension DiagnosableError {
    /// `file:line:column: problem` and the fix on the next line.
    public func rendered(in language: Language) -> String {
        let place = location.map { "\($0): " } ?? ""
        let fixLabel = language == .ru ? "Как исправить" : "How to fix"
        return "\(place)\(problem[language])\n  \(fixLabel): \(fix[language])"
    }

    public var description: String { rendered(in: .en) }
}
