import Foundation
import Testing
@testable import PageAuditCore

@Suite struct RussianDateParserTests {
    /// 2026-11-20T21:30:00Z: 00:30 on 21 November in Moscow, 09:30 on the 21st in Kamchatka,
    /// 23:30 on the 20th in Kaliningrad, 07:30 on the 21st in Vladivostok.
    let capture = RFC3339.date(from: "2026-11-20T21:30:00Z")!

    func parse(_ text: String, in zone: String) -> String? {
        let timeZone = TimeZone(identifier: zone)!
        return RussianDateParser(reference: capture, timeZone: timeZone).date(from: text).map { RFC3339.string(from: $0) }
    }

    @Test func todayAndYesterdayFollowTheAgencysCalendarAcrossMidnight() {
        #expect(parse("сегодня в 00:10", in: "Europe/Moscow") == "2026-11-20T21:10:00Z")
        #expect(parse("вчера в 23:50", in: "Europe/Moscow") == "2026-11-20T20:50:00Z")
        #expect(parse("вчера в 23:50", in: "Europe/Kaliningrad") == "2026-11-19T21:50:00Z")
        #expect(parse("сегодня в 10:15", in: "Europe/Kaliningrad") == "2026-11-20T08:15:00Z")
        #expect(parse("сегодня в 9:00", in: "Asia/Kamchatka") == "2026-11-20T21:00:00Z")
        #expect(parse("вчера в 9:00", in: "Asia/Vladivostok") == "2026-11-19T23:00:00Z")
    }

    @Test func dayAndMonthWithoutYearIsTheLatestPastOccurrence() {
        #expect(parse("22 фев в 10:15", in: "Europe/Moscow") == "2026-02-22T07:15:00Z")
        #expect(parse("15 дек в 10:15", in: "Europe/Moscow") == "2025-12-15T07:15:00Z")
        #expect(parse("21 ноя в 8:00", in: "Asia/Kamchatka") == "2026-11-20T20:00:00Z")
    }

    @Test func fullDatesInEveryForm() {
        #expect(parse("2 мар 2023", in: "Europe/Moscow") == "2023-03-01T21:00:00Z")
        #expect(parse("22 февраля 2023 г.", in: "Europe/Moscow") == "2023-02-21T21:00:00Z")
        #expect(parse("22 февраля 2023 года в 10:15", in: "Asia/Vladivostok") == "2023-02-22T00:15:00Z")
        #expect(parse("3 мая 2024", in: "Europe/Moscow") == "2024-05-02T21:00:00Z")
        #expect(parse("22.02.2023 10:15", in: "Europe/Moscow") == "2023-02-22T07:15:00Z")
        #expect(parse("2023-02-28T07:47:53+00:00", in: "Asia/Kamchatka") == "2023-02-28T07:47:53Z")
    }

    @Test func relativeAgoForms() {
        #expect(parse("5 минут назад", in: "Europe/Moscow") == "2026-11-20T21:25:00Z")
        #expect(parse("два часа назад", in: "Europe/Moscow") == "2026-11-20T19:30:00Z")
        #expect(parse("час назад", in: "Europe/Moscow") == "2026-11-20T20:30:00Z")
        #expect(parse("только что", in: "Europe/Moscow") == "2026-11-20T21:30:00Z")
    }

    @Test func englishForms() {
        #expect(parse("today at 10:15", in: "Europe/Moscow") == "2026-11-21T07:15:00Z")
        #expect(parse("Feb 22 at 10:15", in: "Europe/Moscow") == "2026-02-22T07:15:00Z")
        #expect(parse("3 hours ago", in: "Europe/Moscow") == "2026-11-20T18:30:00Z")
    }

    @Test(arguments: ["", "скоро", "32 фев", "31.02.2023", "25:99", "в 10:15", String(repeating: "9", count: 500)])
    func nonsenseIsNil(text: String) {
        #expect(parse(text, in: "Europe/Moscow") == nil)
    }
}
