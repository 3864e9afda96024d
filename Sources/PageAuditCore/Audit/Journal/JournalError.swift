/// Why a journal cannot be written, resumed or merged, with what to do about it.
public enum JournalError: DiagnosableError, Equatable {
    case cannotOpen(path: String, detail: String)
    case cannotWrite(path: String, detail: String)
    /// The first line is not a journal header (another file was named, or it was edited).
    case notAJournal(path: String, detail: String)
    /// A complete line (not the torn last one) cannot be read.
    case damagedLine(SourceLocation, detail: String)
    case duplicateAgency(id: String, at: SourceLocation)
    /// The journal was written by a run on other inputs.
    case otherRun(path: String, field: String, journal: String, now: String)
    /// An unfinished run's journal exists and `--resume` was not given.
    case unfinished(path: String, done: Int, expected: Int)
    case resumeWithoutJournal
    case incomplete(path: String, done: Int, expected: Int)
    case shardsMissing([String])
    case shardTwice(String, paths: [String])

    public var location: SourceLocation? {
        switch self {
        case .damagedLine(let at, _), .duplicateAgency(_, let at): at
        case .notAJournal(let path, _): SourceLocation(file: path, line: 1)
        default: nil
        }
    }

    public var problem: LocalizedText {
        switch self {
        case .cannotOpen(let path, let detail):
            LocalizedText(ru: "не удалось открыть журнал \(path): \(detail)", en: "cannot open the journal \(path): \(detail)")
        case .cannotWrite(let path, let detail):
            LocalizedText(ru: "не удалось записать в журнал \(path): \(detail); результаты, записанные до этого, сохранены",
                          en: "cannot write to the journal \(path): \(detail); the results written before are kept")
        case .notAJournal(let path, let detail):
            LocalizedText(ru: "\(path) — не журнал pageaudit (\(JournalHeader.format)): \(detail)",
                          en: "\(path) is not a pageaudit journal (\(JournalHeader.format)): \(detail)")
        case .damagedLine(_, let detail):
            LocalizedText(ru: "строка журнала повреждена: \(detail)", en: "a journal line is damaged: \(detail)")
        case .duplicateAgency(let id, _):
            LocalizedText(ru: "организация \(id) записана в журналах дважды", en: "agency \(id) is recorded twice in the journals")
        case .otherRun(let path, let field, let journal, let now):
            LocalizedText(ru: "журнал \(path) записан другим запуском: \(field) в журнале «\(journal)», сейчас «\(now)»",
                          en: "the journal \(path) belongs to another run: its \(field) is \"\(journal)\", now \"\(now)\"")
        case .unfinished(let path, let done, let expected):
            LocalizedText(ru: "журнал \(path) хранит незавершённый запуск (\(done) из \(expected) организаций)",
                          en: "the journal \(path) holds an unfinished run (\(done) of \(expected) agencies)")
        case .resumeWithoutJournal:
            LocalizedText(ru: "--resume без журнала: неизвестно, какой запуск продолжать", en: "--resume without a journal: there is no run to continue")
        case .incomplete(let path, let done, let expected):
            LocalizedText(ru: "журнал \(path) не завершён: \(done) из \(expected) организаций", en: "the journal \(path) is unfinished: \(done) of \(expected) agencies")
        case .shardsMissing(let shards):
            LocalizedText(ru: "нет журналов частей \(shards.joined(separator: ", "))", en: "no journal for shards \(shards.joined(separator: ", "))")
        case .shardTwice(let shard, let paths):
            LocalizedText(ru: "часть \(shard) дана дважды: \(paths.joined(separator: ", "))", en: "shard \(shard) is given twice: \(paths.joined(separator: ", "))")
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .cannotOpen, .cannotWrite:
            LocalizedText(ru: "Проверьте путь, права и свободное место; затем продолжите запуск с --resume.",
                          en: "Check the path, permissions and free space; then continue the run with --resume.")
        case .notAJournal, .damagedLine:
            LocalizedText(ru: "Журнал правит только pageaudit. Укажите другой файл --journal или удалите этот и начните заново.",
                          en: "Only pageaudit writes journals. Name another --journal file, or delete this one and start again.")
        case .duplicateAgency:
            LocalizedText(ru: "Сливайте журналы разных частей одного запуска (--shard K/N), каждый один раз.",
                          en: "Merge the journals of different shards of one run (--shard K/N), each once.")
        case .otherRun:
            LocalizedText(ru: "Продолжайте и сливайте только с теми же реестром, перечнем, датой (--as-of), частью и версией pageaudit; иначе начните новый журнал.",
                          en: "Resume and merge only with the same registry, checklist, as-of (--as-of), shard and pageaudit version; otherwise start a new journal.")
        case .unfinished:
            LocalizedText(ru: "Добавьте --resume, чтобы продолжить, или удалите журнал, чтобы начать заново.",
                          en: "Add --resume to continue it, or delete the journal to start again.")
        case .resumeWithoutJournal:
            LocalizedText(ru: "Укажите --journal FILE или --output FILE (журнал лежит рядом: FILE.journal.jsonl).",
                          en: "Give --journal FILE or --output FILE (the journal lies beside it: FILE.journal.jsonl).")
        case .incomplete:
            LocalizedText(ru: "Завершите эту часть: запустите её снова с --resume.", en: "Finish that shard: run it again with --resume.")
        case .shardsMissing, .shardTwice:
            LocalizedText(ru: "Дайте команде merge журналы всех N частей, по одному на часть.", en: "Give merge the journals of all N shards, one per shard.")
        }
    }
}
