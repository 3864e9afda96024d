import Foundation

/// One row of `manifest.tsv`: what was captured from an address, when, and where the bytes are.
public struct ManifestEntry: Sendable, Equatable {
    public var address: WebAddress
    /// Path relative to the set folder; nil when the capture failed and nothing was stored.
    public var file: String?
    public var capturedAt: Date
    /// HTTP status, or 0 for a capture error.
    public var status: Int
    public var contentType: String?
    public var error: String?
    /// For a redirect (3xx): where it points.
    public var redirectTo: String?
    public var location: SourceLocation
}

/// Reads `manifest.tsv`: a header naming the columns (any order, extra columns ignored), then one
/// tab-separated row per capture. `#` starts a comment line. In `error`, `\t`, `\n` and `\\` are escapes.
public enum SnapshotManifest {
    public static let requiredColumns = ["url", "file", "captured_at", "status"]
    public static let optionalColumns = ["content_type", "error", "location"]

    /// The columns named by the header line.
    public struct Columns: Sendable {
        var index: [String: Int] = [:]
        var count: Int
        var file: String
        var requiredWidth: Int
    }

    /// Whether a line carries no row: blank, or a `#` comment.
    static func isSkipped(_ line: Substring) -> Bool {
        line.hasPrefix("#") || line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    public static func columns(header line: Substring, number: Int, file: String) throws(SnapshotError) -> Columns {
        var header = line.split(separator: "\t", omittingEmptySubsequences: false).map { trimmed($0).lowercased() }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        var columns = Columns(count: header.count, file: file, requiredWidth: 0)
        for (index, name) in header.enumerated() where columns.index[name] == nil { columns.index[name] = index }
        for name in requiredColumns where columns.index[name] == nil {
            throw .missingColumn(name: name, at: SourceLocation(file: file, line: number))
        }
        columns.requiredWidth = requiredColumns.compactMap { columns.index[$0] }.max()! + 1
        return columns
    }

    /// One row (without its line end), checked.
    public static func entry(_ line: Substring, number: Int, columns: Columns) throws(SnapshotError) -> ManifestEntry {
        let file = columns.file
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        func place(_ name: String) -> SourceLocation {
            SourceLocation(file: file, line: number, column: columns.index[name].map { $0 + 1 })
        }
        guard fields.count >= columns.requiredWidth else {
            throw .wrongFieldCount(expected: columns.count, found: fields.count, at: SourceLocation(file: file, line: number))
        }
        func value(_ name: String) -> String? {
            guard let index = columns.index[name], index < fields.count else { return nil }
            let text = trimmed(fields[index])
            return text.isEmpty ? nil : text
        }
        let urlText = value("url") ?? ""
        guard let address = WebAddress(urlText), urlText.contains("://") else { throw .badAddress(urlText, at: place("url")) }
        let timeText = value("captured_at") ?? ""
        guard let capturedAt = RFC3339.date(from: timeText) else { throw .badCaptureTime(timeText, at: place("captured_at")) }
        let statusText = value("status") ?? ""
        guard let status = Int(statusText), status == 0 || (100...599).contains(status) else {
            throw .badStatus(statusText, at: place("status"))
        }
        let relativePath = value("file")
        if let relativePath, !isInsideSet(relativePath) { throw .pathOutsideSet(relativePath, at: place("file")) }
        return ManifestEntry(address: address, file: relativePath, capturedAt: capturedAt, status: status, contentType: value("content_type"),
                             error: value("error").map(unescape), redirectTo: value("location"), location: SourceLocation(file: file, line: number))
    }

    /// All rows of a manifest held in memory (small sets, the importer, tests).
    public static func parse(_ text: String, file: String) throws(SnapshotError) -> [ManifestEntry] {
        var columns: Columns?
        var entries: [ManifestEntry] = []
        var firstSeen: [WebAddress: SourceLocation] = [:]
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard !isSkipped(line) else { continue }
            guard let known = columns else { columns = try Self.columns(header: line, number: offset + 1, file: file); continue }
            let entry = try Self.entry(line, number: offset + 1, columns: known)
            if let first = firstSeen[entry.address] { throw .duplicateAddress(entry.address.displayString, at: entry.location, first: first) }
            firstSeen[entry.address] = entry.location
            entries.append(entry)
        }
        guard columns != nil else { throw .missingColumn(name: "url", at: SourceLocation(file: file, line: 1)) }
        return entries
    }

    /// Spaces (any Unicode space separator, as Foundation's `.whitespaces`) and tabs cut from both
    /// ends, looking only at the ends: Foundation's trimming was most of the time of reading a large manifest.
    static func trimmed(_ text: Substring) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// A relative path with no `..` component and no leading `/` or `~`.
    static func isInsideSet(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.hasPrefix("~") && !path.contains("\\")
            && !path.split(separator: "/").contains("..")
    }

    static func unescape(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "t": result.append("\t")
                case "n": result.append("\n")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
