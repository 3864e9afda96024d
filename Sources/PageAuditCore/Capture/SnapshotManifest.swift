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

    public static func parse(_ text: String, file: String) throws(SnapshotError) -> [ManifestEntry] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { (number: $0.offset + 1, text: $0.element.hasSuffix("\r") ? $0.element.dropLast() : $0.element) }
            .filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty && !$0.text.hasPrefix("#") }
        guard !lines.isEmpty else { throw .missingColumn(name: "url", at: SourceLocation(file: file, line: 1)) }
        let headerLine = lines.removeFirst()
        var header = headerLine.text.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        var column: [String: Int] = [:]
        for (index, name) in header.enumerated() where column[name] == nil { column[name] = index }
        for name in requiredColumns where column[name] == nil {
            throw .missingColumn(name: name, at: SourceLocation(file: file, line: headerLine.number))
        }

        var entries: [ManifestEntry] = []
        var firstSeen: [WebAddress: SourceLocation] = [:]
        for line in lines {
            let fields = line.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func place(_ name: String) -> SourceLocation {
                SourceLocation(file: file, line: line.number, column: column[name].map { $0 + 1 })
            }
            guard fields.count >= requiredColumns.compactMap({ column[$0] }).max()! + 1 else {
                throw .wrongFieldCount(expected: header.count, found: fields.count, at: SourceLocation(file: file, line: line.number))
            }
            func value(_ name: String) -> String? {
                guard let index = column[name], index < fields.count else { return nil }
                let text = fields[index].trimmingCharacters(in: .whitespaces)
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
            let location = SourceLocation(file: file, line: line.number)
            if let first = firstSeen[address] { throw .duplicateAddress(address.displayString, at: location, first: first) }
            firstSeen[address] = location
            entries.append(ManifestEntry(
                address: address, file: relativePath, capturedAt: capturedAt, status: status,
                contentType: value("content_type"), error: value("error").map(unescape), redirectTo: value("location"), location: location))
        }
        return entries
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
