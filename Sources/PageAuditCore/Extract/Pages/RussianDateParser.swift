import Foundation

/// Reads the dates social networks print on pages: «сегодня в 10:15», «вчера в 9:00»,
/// «22 фев в 10:15», «2 мар 2023», «22 февраля 2023 г.», «5 минут назад», their English forms,
/// `22.02.2023` and RFC 3339.
///
/// Relative and year-less forms are resolved against the capture instant in the agency's time zone
/// ("вчера" for a page captured at 00:10 in Vladivostok is a different day than in Kaliningrad);
/// the machine clock is never consulted.
public struct RussianDateParser: Sendable {
    public let reference: Date
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(reference: Date, timeZone: TimeZone) {
        self.reference = reference
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    static let months: [(prefix: String, month: Int)] = [
        ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("мая", 5), ("май", 5), ("июн", 6), ("июл", 7),
        ("авг", 8), ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6), ("jul", 7), ("aug", 8),
        ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ]

    static let numberWords: [String: Int] = [
        "одну": 1, "одна": 1, "один": 1, "минуту": 1, "час": 1, "две": 2, "два": 2, "три": 3, "четыре": 4,
        "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "a": 1, "an": 1, "one": 1,
        "two": 2, "three": 3, "four": 4, "five": 5,
    ]

    public func date(from text: String) -> Date? {
        let cleaned = text.lowercased().replacingOccurrences(of: "\u{a0}", with: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleaned.isEmpty, cleaned.count < 80 else { return nil }
        if let instant = RFC3339.date(from: cleaned.uppercased()) { return instant }
        let words = cleaned.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let relative = relativeAgo(words) { return relative }
        let time = Self.time(in: words)
        if let first = words.first, let offset = ["сегодня": 0, "today": 0, "вчера": -1, "yesterday": -1, "позавчера": -2][first] {
            return at(day: dayOffset(offset), time: time ?? (0, 0))
        }
        if let first = words.first, first.filter({ $0 == "." }).count == 2 { return numeric(first, time: time) }
        return named(words, time: time)
    }

    /// «5 минут назад», «час назад», «2 hours ago», «только что».
    private func relativeAgo(_ words: [String]) -> Date? {
        if words.starts(with: ["только", "что"]) || words == ["just", "now"] { return reference }
        guard let last = words.last, last == "назад" || last == "ago", words.count >= 2 else { return nil }
        let unit = words[words.count - 2]
        let amount = words.count >= 3 ? Int(words[words.count - 3]) ?? Self.numberWords[words[words.count - 3]] ?? 1 : 1
        let seconds: Double
        if unit.hasPrefix("секунд") || unit.hasPrefix("second") { seconds = 1 }
        else if unit.hasPrefix("минут") || unit.hasPrefix("minute") { seconds = 60 }
        else if unit.hasPrefix("час") || unit.hasPrefix("hour") { seconds = 3600 }
        else if unit.hasPrefix("дн") || unit.hasPrefix("день") || unit.hasPrefix("day") { seconds = 86_400 }
        else { return nil }
        return reference.addingTimeInterval(-Double(amount) * seconds)
    }

    /// `10:15` anywhere among the words.
    private static func time(in words: [String]) -> (Int, Int)? {
        for word in words {
            let parts = word.split(separator: ":")
            if parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) {
                return (hour, minute)
            }
        }
        return nil
    }

    private func dayOffset(_ offset: Int) -> DateComponents {
        let day = calendar.date(byAdding: .day, value: offset, to: reference)!
        return calendar.dateComponents([.year, .month, .day], from: day)
    }

    private func at(day: DateComponents, time: (Int, Int)) -> Date? {
        var components = day
        components.hour = time.0
        components.minute = time.1
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// `22.02.2023` or `22.02.23`.
    private func numeric(_ word: String, time: (Int, Int)?) -> Date? {
        let parts = word.split(separator: ".").map { Int($0) }
        guard parts.count == 3, let day = parts[0], let month = parts[1], var year = parts[2] else { return nil }
        if year < 100 { year += 2000 }
        return at(day: DateComponents(year: year, month: month, day: day), time: time ?? (0, 0))
    }

    /// «22 фев в 10:15», «2 мар 2023», «22 февраля 2023 г.», «Feb 22 at 10:15».
    private func named(_ words: [String], time: (Int, Int)?) -> Date? {
        var day: Int?, month: Int?, year: Int?
        for word in words {
            let token = word.trimmingCharacters(in: .punctuationCharacters)
            if let number = Int(token) {
                if number >= 1900 && number <= 2100 { year = number } else if (1...31).contains(number), day == nil { day = number }
            } else if month == nil, let match = Self.months.first(where: { token.hasPrefix($0.prefix) }) {
                month = match.month
            }
        }
        guard let day, let month else { return nil }
        if let year { return at(day: DateComponents(year: year, month: month, day: day), time: time ?? (0, 0)) }
        // No year: this year, unless that lies in the future of the capture, then last year.
        let thisYear = calendar.component(.year, from: reference)
        guard let candidate = at(day: DateComponents(year: thisYear, month: month, day: day), time: time ?? (0, 0)) else { return nil }
        if candidate > reference.addingTimeInterval(86_400) {
            return at(day: DateComponents(year: thisYear - 1, month: month, day: day), time: time ?? (0, 0))
        }
        return candidate
    }
}
