import Foundation

/// `WARC-Date` values: W3C-DTF in UTC. WARC 1.1 allows fractional seconds; we write microseconds
/// (as warcio does for WARC/1.1) so two captures in the same second still order correctly.
enum WARCDate {
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `2026-11-20T07:15:04.123456Z`.
    static func string(from date: Date) -> String {
        let (whole, micros) = split(date)
        let parts = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, micros)
    }

    /// The 14-digit `YYYYMMDDhhmmss` timestamp that CDX indexes use.
    static func timestamp14(from date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: split(date).whole)
        return String(format: "%04d%02d%02d%02d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// Parses `YYYY-MM-DDThh:mm:ssZ` with up to 9 fractional digits. Nothing looser: a WARC date
    /// is evidence of when a capture happened.
    static func date(from text: String) -> Date? {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard index < bytes.count, (48...57).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        let separators: [(Int, UInt8)] = [(4, 45), (7, 45), (10, 84), (13, 58), (16, 58)]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1 }),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var fraction = 0.0
        let end = bytes.count - 1
        if end > 19 {
            guard bytes[19] == UInt8(ascii: "."), end - 20 >= 1, end - 20 <= 9, let digits = number(20..<end) else { return nil }
            fraction = Double(digits) / pow(10, Double(end - 20))
        } else if end != 19 {
            return nil
        }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard components.isValidDate(in: utcCalendar), let whole = utcCalendar.date(from: components) else { return nil }
        return whole.addingTimeInterval(fraction)
    }

    /// The whole second (rounded down) and the microseconds past it.
    private static func split(_ date: Date) -> (whole: Date, micros: Int) {
        let totalMicros = (date.timeIntervalSince1970 * 1_000_000).rounded(.down)
        let seconds = (totalMicros / 1_000_000).rounded(.down)
        let micros = Int(totalMicros - seconds * 1_000_000)
        return (Date(timeIntervalSince1970: seconds), min(max(micros, 0), 999_999))
    }
}
