import Foundation

/// A telephone or fax number a page offers to the public (270-FZ, art. 13: the agency's
/// reference telephone numbers).
public struct FoundPhone: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Codable {
        case tel, text
    }

    /// As written, with whitespace collapsed, so a report quotes what visitors see.
    public var raw: String
    /// `+7` and ten digits, only when that reading is certain; a local number without an area
    /// code (`29-98-01`) cannot be dialled from elsewhere, which is itself worth reporting.
    public var normalized: String?
    public var source: Source
    public var excerpt: String

    public init(raw: String, normalized: String?, source: Source, excerpt: String) {
        self.raw = raw
        self.normalized = normalized
        self.source = source
        self.excerpt = excerpt
    }
}

/// Finds Russian telephone numbers in page text. A number is read as digit groups joined by
/// spaces, dashes, dots and an area code in brackets; the groups are then cut into numbers
/// by their shape. Pages are full of digit runs that are not phones (dates, postcodes, ИНН and
/// ОГРН, sums of money, times), so a run must look like a phone, not merely have enough digits.
public enum PhoneExtractor {
    /// Numbers in order of appearance; the same number written twice (`8 800…` and `+7 800…`,
    /// or `29-98-01` and `29 98 01`) is reported once.
    public static func phones(inText text: String) -> [FoundPhone] {
        phones(in: ContactScan.scalars(text))
    }

    /// The same for text already split by `ContactScan.scalars`, so a page's text is split once
    /// for all extractors.
    static func phones(in s: [Unicode.Scalar]) -> [FoundPhone] {
        var found: [FoundPhone] = []
        var seen: Set<String> = []
        var i = 0
        while i < s.count {
            guard startsRun(s, at: i) else { i += 1; continue }
            let run = readRun(s, from: i)
            i = Swift.max(i + 1, run.end)
            // No shape of phone has fewer than five digits; most runs are years and house numbers.
            guard run.groups.reduce(0, { $0 + $1.digits }) >= 5 else { continue }
            let label = label(before: run.start, in: s)
            guard !run.groups.isEmpty, run.groups.count <= maxGroupsInRun, !identifierLabels.contains(label)
            else { continue }
            let lastWord = String(label.split(separator: "/").last ?? "")
            let labelled = phoneLabels.contains(label) || phoneLabels.contains(lastWord)
            for (range, digits, normalized) in numbers(in: run, labelled: labelled) {
                guard seen.insert(normalized ?? "digits:" + digits).inserted else { continue }
                found.append(FoundPhone(raw: ContactScan.collapsed(s[range]), normalized: normalized,
                                        source: .text, excerpt: ContactScan.excerpt(s, range)))
            }
        }
        return found
    }

    /// The number of a `tel:` link; nil when it holds letters or too few digits to be a phone.
    public static func phone(fromTel href: String) -> FoundPhone? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = trimmed.firstIndex(of: ":"),
              ["tel", "callto"].contains(trimmed[..<colon].lowercased()) else { return nil }
        var body = Substring(trimmed[trimmed.index(after: colon)...])
        if body.hasPrefix("//") { body = body.dropFirst(2) }
        let decoded = String(body).removingPercentEncoding ?? String(body)
        let number = decoded.prefix { $0 != ";" && $0 != "," }.unicodeScalars
        let allowed = { (c: Unicode.Scalar) in
            ContactScan.isDigit(c) || ContactScan.isSpace(c) || isDash(c) || "+().".unicodeScalars.contains(c)
        }
        guard number.allSatisfy(allowed) else { return nil }
        let digits = ContactScan.string(number.filter(ContactScan.isDigit))
        guard (5...15).contains(digits.count) else { return nil }
        let normalized: String?
        if digits.count == 11, digits.first == "7" || digits.first == "8" {
            normalized = "+7" + digits.dropFirst()
        } else if digits.count == 10, !number.contains("+"), number.contains("(") {
            normalized = "+7" + digits
        } else {
            normalized = nil
        }
        let raw = ContactScan.collapsed(number)
        return FoundPhone(raw: raw, normalized: normalized, source: .tel,
                          excerpt: ContactScan.collapsed(trimmed.unicodeScalars))
    }

    // MARK: - Runs of digit groups

    /// Lists of phones are separated by commas, semicolons or line breaks, which end a run; a
    /// longer run of space-separated numbers is a table of figures, not a list of phones.
    private static let maxGroupsInRun = 32

    private struct Group {
        var start: Int, end: Int, text: String
        var bracketed: Bool
        /// Separator before the group: "soft" (spaces, or nothing next to a bracket) where one
        /// number may end and the next begin; a dash or dot binds two groups into one number.
        var softBefore: Bool, dotBefore: Bool
        var digits: Int { text.utf8.count }
    }

    private struct Run { var start: Int, end: Int, plus: Bool, groups: [Group] }

    private static func isDash(_ c: Unicode.Scalar) -> Bool {
        c == "-" || (0x2010...0x2013).contains(c.value) || c == "\u{2212}"
    }

    private static let notBeforeRun: [Unicode.Scalar] = ["+", "/", "\\", "№", "#", "_", "=", "&", "%", "$", "€", "₽"]

    private static func startsRun(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        let first = s[i]
        let opens = (first == "+" || first == "(") && i + 1 < s.count && ContactScan.isDigit(s[i + 1])
        guard ContactScan.isDigit(first) || opens else { return false }
        guard i > 0 else { return true }
        let before = s[i - 1]
        if ContactScan.isDigit(before) || ContactScan.isLetter(before) || isDash(before)
            || notBeforeRun.contains(before) { return false }
        // "3,5" and "1.25" continue a number that started earlier.
        if before == "," || before == ".", i > 1, ContactScan.isDigit(s[i - 2]) { return false }
        return true
    }

    private static func readRun(_ s: [Unicode.Scalar], from start: Int) -> Run {
        var k = start
        let plus = s[k] == "+"
        if plus { k += 1 }
        var groups: [Group] = []
        var soft = false, dash = false, dot = false
        var end = k
        while k < s.count {
            let groupStart = k
            let bracketed = s[k] == "("
            if bracketed { k += 1 }
            let digitsStart = k
            while k < s.count, ContactScan.isDigit(s[k]) { k += 1 }
            guard k > digitsStart else { break }
            let text = ContactScan.string(s[digitsStart..<k])
            if bracketed {
                guard k < s.count, s[k] == ")" else { break }
                k += 1
            }
            groups.append(Group(start: groupStart, end: k, text: text, bracketed: bracketed,
                                softBefore: soft, dotBefore: dot))
            end = k
            // Separator: up to three spaces and at most one dash or dot. A line break ends the run:
            // extracted text puts one between blocks, and "каб. 312" / "45-67" are not one number.
            var spaces = 0
            soft = false; dash = false; dot = false
            while k < s.count {
                let c = s[k]
                if ContactScan.isSpace(c), !ContactScan.isLineBreak(c), spaces < 3 { spaces += 1 }
                else if isDash(c), !dash, !dot { dash = true }
                else if c == ".", !dash, !dot { dot = true }
                else { break }
                k += 1
            }
            soft = !dash && !dot
            let opensBracket = k + 1 < s.count && s[k] == "(" && ContactScan.isDigit(s[k + 1])
            guard k < s.count, ContactScan.isDigit(s[k]) || opensBracket else { break }
        }
        return Run(start: start, end: end, plus: plus, groups: groups)
    }

    /// Account details are written with spaces too ("ИНН 4501 0123 45"): a run right after such
    /// a label is an identifier.
    private static let identifierLabels: Set<String> = [
        "инн", "огрн", "огрнип", "кпп", "окпо", "октмо", "окато", "оквэд", "бик", "снилс",
        "р/с", "к/с", "л/с", "№", "n",
    ]

    /// A label makes an unbroken "88001007010" a phone.
    private static let phoneLabels: Set<String> = [
        "тел", "телефон", "телефоны", "факс", "т/ф", "моб", "phone", "tel", "fax",
    ]

    /// The word just before a run ("ИНН", "тел."), lowercased; empty when there is none.
    private static func label(before start: Int, in s: [Unicode.Scalar]) -> String {
        var k = start
        while k > 0, start - k < 3, ContactScan.isSpace(s[k - 1]) || s[k - 1] == ":" || s[k - 1] == "." { k -= 1 }
        let wordEnd = k
        while k > 0, wordEnd - k < 14, ContactScan.isLetter(s[k - 1]) || s[k - 1] == "/" || s[k - 1] == "№" { k -= 1 }
        guard k == 0 || !ContactScan.isLetter(s[k - 1]) else { return "" }
        return ContactScan.string(s[k..<wordEnd].map(ContactScan.lowered))
    }

    // MARK: - Cutting a run into numbers

    /// Greedy from the left: at each soft boundary take the longest phone-shaped stretch of up
    /// to six groups. Bounded work per group keeps the whole scan linear.
    private static func numbers(in run: Run, labelled: Bool) -> [(Range<Int>, digits: String, normalized: String?)] {
        var result: [(Range<Int>, digits: String, normalized: String?)] = []
        let groups = run.groups
        var j = 0
        while j < groups.count {
            guard j == 0 || groups[j].softBefore else { j += 1; continue }
            var best: (end: Int, phone: Phone)?
            var digitCount = 0
            for e in j..<Swift.min(groups.count, j + 6) {
                digitCount += groups[e].digits
                guard digitCount <= 15 else { break }
                guard e == groups.count - 1 || groups[e + 1].softBefore else { continue }
                if let phone = classify(groups[j...e], plus: j == 0 && run.plus, labelled: j == 0 && labelled,
                                        count: digitCount) { best = (e, phone) }
            }
            guard let best else { j += 1; continue }
            let start = j == 0 ? run.start : groups[j].start
            let digits = groups[j...best.end].map(\.text).joined()
            result.append((start..<groups[best.end].end, digits, best.phone.normalized))
            j = best.end + 1
        }
        return result
    }

    private struct Phone { var normalized: String? }

    /// The shapes Russian numbers are written in: `8 (3522) 42-80-00`, `+7 812 5764500`,
    /// `8-800-100-70-10`, `(812) 576-45-00`, and local `29-98-01`. Digit count alone is not
    /// enough: `87 500 000 000` (money) has eleven digits starting with 8.
    private static func classify(_ groups: ArraySlice<Group>, plus: Bool, labelled: Bool, count: Int) -> Phone? {
        // Cheap checks first: this runs for every soft boundary of every run of digits.
        guard plus ? (11...15).contains(count) : [5, 6, 7, 10, 11].contains(count),
              let firstGroup = groups.first else { return nil }
        var bracket: Int?
        var hasDot = false
        for (offset, group) in groups.enumerated() {
            if group.bracketed {
                guard bracket == nil else { return nil }
                bracket = offset
            }
            if offset > 0, group.dotBefore { hasDot = true }
        }
        let all = { groups.map(\.text).joined() }
        if plus {
            guard firstGroup.text.hasPrefix("7") else { return Phone(normalized: nil) }
            return count == 11 && (bracket ?? 1) == 1 ? Phone(normalized: "+" + all()) : nil
        }
        // Dots join dates ("12.03.2018") far more often than phone groups.
        if hasDot, count != 11 { return nil }
        switch count {
        case 11:
            // The trunk prefix stands alone: an unbroken "89123456789" is as likely an ОКТМО code,
            // unless a "тел." label says otherwise.
            let trunk = firstGroup.text == "7" || firstGroup.text == "8"
            let unbroken = labelled && groups.count == 1 && ["7", "8"].contains(firstGroup.text.first)
            guard trunk || unbroken, (bracket ?? 1) == 1 else { return nil }
            return Phone(normalized: "+7" + all().dropFirst())
        case 10:
            if bracket == 0, (3...5).contains(firstGroup.digits) { return Phone(normalized: "+7" + all()) }
            guard bracket == nil, groups.count >= 3, groups.suffix(2).allSatisfy({ $0.digits == 2 }) else { return nil }
            return Phone(normalized: nil)
        default:
            let shape = groups.map(\.digits)
            guard bracket == nil, shape.count == 3, (1...3).contains(shape[0]), shape[1] == 2, shape[2] == 2
            else { return nil }
            return Phone(normalized: nil)
        }
    }
}
