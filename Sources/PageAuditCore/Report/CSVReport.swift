import Foundation

/// The findings as a spreadsheet for Excel: one row per finding, UTF-8 with a byte-order mark (so
/// Excel reads Cyrillic right), `;` between cells by default (what Excel expects in a Russian
/// locale) or `,`, RFC 4180 quoting and CRLF line ends.
///
/// Cells carry text from captured pages, so every cell is neutralised against formula injection:
/// one that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, as OWASP
/// recommends (`+7 (800) 100-00-00` stays readable as `'+7 (800) 100-00-00`). Control characters
/// other than tab and line breaks become visible `\u{…}` marks.
public struct CSVReport: Sendable {
    public var language: Language
    public var delimiter: Character

    public init(language: Language, delimiter: Character = ";") {
        self.language = language
        self.delimiter = delimiter
    }

    private func t(_ ru: String, _ en: String) -> String { language == .ru ? ru : en }

    public var header: [String] {
        [t("ID организации", "agency id"), t("Организация", "agency name"), t("Вид", "kind"), t("Регион", "region"),
         t("Правило", "rule id"), t("Требование", "rule title"), t("Сила", "strength"), t("Статус", "status"),
         t("Что найдено", "message"), t("Измерено", "measured"), t("Ожидается", "expected"), t("Как исправить", "fix"),
         t("Доказательство (адрес)", "evidence URL"), t("Снято", "captured at"), t("Дайджест", "digest"),
         t("Исключение", "waived")]
    }

    public func render(_ report: AuditReport) -> Data {
        // Writing to memory cannot fail.
        (try? ReportSink.collecting { try write(report, to: $0) }) ?? Data()
    }

    /// Writes the rows agency by agency.
    public func write(_ report: AuditReport, to sink: ReportSink) throws(ReportSink.Failure) {
        try sink.write("\u{FEFF}" + line(header))
        do {
            try ParallelRender.each(report.agencies) { audit in Data(audit.findings.map { line(row(audit.agency, $0)) }.joined().utf8) } write: { try sink.write($0) }
        } catch let failure as ReportSink.Failure {
            throw failure
        } catch {
            preconditionFailure("CSV rows are built without errors: \(error)")
        }
    }

    func row(_ agency: Agency, _ finding: Finding) -> [String] {
        let strength = finding.strength == .law ? t("закон", "law") : t("рекомендация", "recommendation")
        // A finding may rest on several captures: one line each inside the cell, in the same order.
        let evidence = finding.evidence
        let waived = finding.waiver.map { "\($0.reason) — \($0.approvedBy) — \($0.expires)" } ?? ""
        return [agency.id, agency.name, agency.kind.title[language], agency.region ?? "",
                finding.ruleID, finding.title[language], strength, finding.status.title[language],
                finding.message[language], finding.measured ?? "", finding.expected ?? "", finding.fix?[language] ?? "",
                lines(evidence.map(\.url)),
                lines(evidence.map { $0.capturedAt.map { RFC3339.string(from: $0) } ?? "" }),
                lines(evidence.map { $0.digest ?? "" }),
                waived]
    }

    /// Values one per line, or nothing when none is known.
    private func lines(_ values: [String]) -> String {
        values.allSatisfy(\.isEmpty) ? "" : values.joined(separator: "\n")
    }

    func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: String(delimiter)) + "\r\n"
    }

    /// One cell: neutralised, then quoted when it holds the delimiter, a quote or a line break.
    func cell(_ raw: String) -> String {
        let text = Self.neutralised(raw)
        // Scalars, not characters: a combining mark after `;` or `"` must not hide it.
        let special = Set(delimiter.unicodeScalars).union(["\"", "\n", "\r"])
        guard text.unicodeScalars.contains(where: special.contains) else { return text }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// The text Excel must show as text, never run as a formula.
    static func neutralised(_ raw: String) -> String {
        var text = ""
        for scalar in raw.unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" {
                text.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{202E}" || scalar == "\u{202D}" {
                text += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        return text
    }
}
