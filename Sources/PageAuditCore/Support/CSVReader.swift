/// One CSV record with the line it starts on and the column of each field, for error messages.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
    public var columns: [Int]
}

/// RFC 4180 CSV as spreadsheets write it: `,` or `;` (Excel in a Russian locale), quoted fields with
/// `""` escapes and embedded line breaks, CRLF or LF. Works on Unicode scalars, so `\r\n` is two
/// characters as the RFC means it, and a 100,000-row registry is one linear pass.
public enum CSVReader {
    public enum Failure: Error, Equatable {
        case unterminatedQuote(line: Int, column: Int)
        case textAfterClosingQuote(line: Int, column: Int)
    }

    /// The delimiter of a file: whichever of `;` and `,` occurs more often outside quotes in its first line.
    public static func guessDelimiter(in text: String) -> Unicode.Scalar {
        var semicolons = 0, commas = 0, quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted && (scalar == "\n" || scalar == "\r") { break }
            if !quoted && scalar == ";" { semicolons += 1 }
            if !quoted && scalar == "," { commas += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    public static func records(in text: String, delimiter: Unicode.Scalar) throws(Failure) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(in: text, delimiter: delimiter) { record, _ in
            records.append(record)
            return true
        }
        return records
    }

    /// Hands over each record as it is read, with the range of `text` it was read from, keeping
    /// none: a national registry is checked in one pass without holding all its records. Reading
    /// stops when `body` returns false.
    public static func forEachRecord(in text: String, delimiter: Unicode.Scalar,
                                     _ body: (CSVRecord, Range<String.Index>) -> Bool) throws(Failure) {
        var fields: [String] = [], columns: [Int] = []
        var field = String.UnicodeScalarView()
        var line = 1, column = 1, recordLine = 1, fieldColumn = 1
        var inQuotes = false, afterClosingQuote = false, quoteLine = 1, quoteColumn = 1
        var previousWasCR = false
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var recordStart: String.Index?
        var stopped = false

        func endField() {
            fields.append(String(field)); columns.append(fieldColumn)
            field = String.UnicodeScalarView()
            afterClosingQuote = false
        }
        func endRecord() {
            endField()
            // A line with nothing on it is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) {
                stopped = !body(CSVRecord(line: recordLine, fields: fields, columns: columns), (recordStart ?? index)..<index)
            }
            fields = []; columns = []
            recordStart = nil
        }

        while index < scalars.endIndex && !stopped {
            let scalar = scalars[index]
            defer {
                if scalar == "\n" || (scalar == "\r") { line += scalar == "\n" && previousWasCR ? 0 : 1; column = 1 } else { column += 1 }
                previousWasCR = scalar == "\r"
                index = scalars.index(after: index)
            }
            if recordStart == nil && !(scalar == "\n" && previousWasCR) { recordStart = index }
            if inQuotes {
                if scalar == "\"" { inQuotes = false; afterClosingQuote = true } else { field.append(scalar) }
                continue
            }
            if afterClosingQuote && scalar == "\"" {
                // `""` inside a quoted field is one quote.
                field.append("\""); inQuotes = true; afterClosingQuote = false
                continue
            }
            switch scalar {
            case delimiter:
                endField(); fieldColumn = column + 1
            case "\n" where previousWasCR:
                break
            case "\r", "\n":
                endRecord(); recordLine = line + 1; fieldColumn = 1
            case "\"" where field.isEmpty && !afterClosingQuote:
                inQuotes = true; quoteLine = line; quoteColumn = column
            default:
                if afterClosingQuote {
                    if scalar == " " || scalar == "\t" { continue }
                    throw .textAfterClosingQuote(line: line, column: column)
                }
                field.append(scalar)
            }
        }
        if stopped { return }
        if inQuotes { throw .unterminatedQuote(line: quoteLine, column: quoteColumn) }
        if !field.isEmpty || !fields.isEmpty || afterClosingQuote { endRecord() }
    }
}
