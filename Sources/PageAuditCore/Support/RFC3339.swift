import Foundation

/// Parses and prints RFC 3339 timestamps (`2026-11-20T10:15:04+03:00`, optional fractional
/// seconds, `Z`). Capture times must carry an offset: a bare local time is ambiguous evidence.
public enum RFC3339 {
    public static func date(from text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try? Date(trimmed, strategy: fractional)
    }

    public static func string(from date: Date, in timeZone: TimeZone = .gmt) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: timeZone))
    }

    /// A calendar date (`2026-11-20`) as the start of that day in the given time zone.
    public static func day(from text: String, in timeZone: TimeZone) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}
