import Foundation

/// The findings as JUnit XML, for CI dashboards (GitLab, Jenkins, GitHub test reporters): one
/// `<testsuite>` per agency, one `<testcase>` per finding.
///
/// Only what the exit code counts fails a test: a `fail` without a waiver is a `<failure>`, an
/// `error` an `<error>`. A `warn` and a waived `fail` pass, with the details in `<system-out>`;
/// `unverifiable` and `notApplicable` are `<skipped>`. Every text and attribute is escaped, and
/// characters XML 1.0 does not allow (NUL, ANSI escapes, other controls) are dropped, so page
/// text cannot break or inject into the document.
public struct JUnitReport {
    public var language: Language

    public init(language: Language) {
        self.language = language
    }

    private func t(_ ru: String, _ en: String) -> String { language == .ru ? ru : en }

    public func render(_ report: AuditReport) -> Data {
        // Writing to memory cannot fail.
        (try? ReportSink.collecting { try write(report, to: $0) }) ?? Data()
    }

    /// Writes suite by suite. The totals on `<testsuites>` come first in the file, so the agencies
    /// are read twice: once to count, once to write.
    public func write(_ report: AuditReport, to sink: ReportSink) throws(ReportSink.Failure) {
        var tally = Tally()
        for audit in report.agencies { tally.add(audit.findings.map(outcome)) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let suitesName = "pageaudit \(report.checklist.id) \(report.checklist.version)"
        out += "<testsuites name=\"\(Self.attribute(suitesName))\"\(tally.attributes)>\n"
        try sink.write(out)
        let timestamp = RFC3339.string(from: report.asOf)
        for audit in report.agencies {
            let name = "\(audit.agency.id) \(audit.agency.name)"
            out = "  <testsuite name=\"\(Self.attribute(name))\"\(counts(audit.findings)) timestamp=\"\(timestamp)\">\n"
            for finding in audit.findings { out += testCase(audit.agency, finding) }
            try sink.write(out + "  </testsuite>\n")
        }
        try sink.write("</testsuites>\n")
    }

    private enum Outcome { case passed, failed, errored, skipped }

    private func outcome(_ finding: Finding) -> Outcome {
        switch finding.status {
        case .fail: finding.waiver == nil ? .failed : .passed
        case .error: .errored
        case .unverifiable, .notApplicable: .skipped
        case .pass, .warn: .passed
        }
    }

    private func counts(_ findings: [Finding]) -> String {
        var tally = Tally()
        tally.add(findings.map(outcome))
        return tally.attributes
    }

    private struct Tally {
        var tests = 0, failed = 0, errored = 0, skipped = 0

        mutating func add(_ outcomes: [Outcome]) {
            tests += outcomes.count
            for outcome in outcomes {
                switch outcome {
                case .failed: failed += 1
                case .errored: errored += 1
                case .skipped: skipped += 1
                case .passed: break
                }
            }
        }

        var attributes: String { " tests=\"\(tests)\" failures=\"\(failed)\" errors=\"\(errored)\" skipped=\"\(skipped)\"" }
    }

    private func testCase(_ agency: Agency, _ finding: Finding) -> String {
        let name = "\(finding.ruleID) \(finding.title[language])"
        var out = "    <testcase classname=\"\(Self.attribute(agency.id))\" name=\"\(Self.attribute(name))\""
        let message = finding.message[language]
        switch (outcome(finding), finding.status) {
        case (.failed, _):
            out += ">\n      <failure message=\"\(Self.attribute(message))\" type=\"\(finding.strength.rawValue)\">"
            out += Self.text(details(finding)) + "</failure>\n"
        case (.errored, _):
            out += ">\n      <error message=\"\(Self.attribute(message))\">" + Self.text(details(finding)) + "</error>\n"
        case (.skipped, .notApplicable):
            out += ">\n      <skipped message=\"\(Self.attribute(t("не применяется", "not applicable")))\"/>\n"
        case (.skipped, _):
            out += ">\n      <skipped message=\"\(Self.attribute(message))\"/>\n"
        case (.passed, .warn), (.passed, .fail):
            var note = finding.status.title[language] + ": " + details(finding)
            if let waiver = finding.waiver {
                note = t("Принято исключение: ", "Waived: ") + "\(waiver.reason) — \(waiver.approvedBy) — "
                    + t("до ", "until ") + waiver.expires + "\n" + note
            }
            out += ">\n      <system-out>" + Self.text(note) + "</system-out>\n"
        case (.passed, _):
            return out + "/>\n"
        }
        return out + "    </testcase>\n"
    }

    /// What a person needs to act on the finding: what was found, measured against expected, the
    /// fix and the evidence.
    private func details(_ finding: Finding) -> String {
        var lines = [finding.message[language]]
        if finding.measured != nil || finding.expected != nil {
            lines.append(t("Измерено: ", "Measured: ") + (finding.measured ?? "—") + t("; ожидается: ", "; expected: ") + (finding.expected ?? "—"))
        }
        if let fix = finding.fix { lines.append(t("Как исправить: ", "How to fix: ") + fix[language]) }
        for evidence in finding.evidence {
            var line = t("Доказательство: ", "Evidence: ") + evidence.url
            if let capturedAt = evidence.capturedAt { line += " (\(RFC3339.string(from: capturedAt)))" }
            if let digest = evidence.digest { line += " \(digest)" }
            if let excerpt = evidence.excerpt { line += t(" — фрагмент: ", " — excerpt: ") + excerpt }
            lines.append(line)
        }
        lines.append(t("Основание: ", "Basis: ") + finding.basis[language])
        return lines.joined(separator: "\n")
    }

    /// Character data: escaped, and without characters XML 1.0 forbids.
    static func text(_ raw: String) -> String {
        escape(raw, newlines: false)
    }

    /// An attribute value (in double quotes): escaped, with line breaks and tabs as character
    /// references so a parser's attribute normalisation keeps them.
    static func attribute(_ raw: String) -> String {
        escape(raw, newlines: true)
    }

    private static func escape(_ raw: String, newlines: Bool) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n" where newlines: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where newlines: out += "&#9;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
                // C1 controls are allowed but discouraged, and some terminals obey them: dropped too.
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
