import Testing
@testable import PageAuditCore

@Suite struct PhoneExtractorTests {
    func normalized(_ text: String) -> [String?] {
        PhoneExtractor.phones(inText: text).map(\.normalized)
    }

    @Test func footerPhoneAndFaxFromRealPage() {
        // kurganobl.ru.html, visible text of the footer.
        let text = "640024, г. Курган, ул. Гоголя, 56 тел: 8 (3522) 42-92-36,  факс 8 (3522) 46-10-32 — "
            + "сектор регистрации"
        let found = PhoneExtractor.phones(inText: text)
        #expect(found.map(\.raw) == ["8 (3522) 42-92-36", "8 (3522) 46-10-32"])
        #expect(found.map(\.normalized) == ["+73522429236", "+73522461032"])
        #expect(found.allSatisfy { $0.source == .text })
        #expect(found.first?.excerpt.contains("тел: 8 (3522) 42-92-36,") == true)
    }

    @Test func realNumbersInTheirWrittenForms() {
        // pskov.ru.html: international prefix with a bracketed area code.
        let pskov = PhoneExtractor.phones(inText: "Телефон/Факс +7 (8112) 69-97-52")
        #expect(pskov.map(\.raw) == ["+7 (8112) 69-97-52"])
        #expect(pskov.map(\.normalized) == ["+78112699752"])
        // gov.spb.ru.html: ten digits with the area code in brackets and no trunk prefix.
        #expect(normalized("Справочная служба Администрации Санкт-Петербурга: (812) 576-41-11") == ["+78125764111"])
        // gov.spb.ru.html: a mobile number written with dashes only.
        #expect(normalized("Справки по телефону: 8-921-792-61-29 - Тамара Борисовна Ильина") == ["+79217926129"])
        // pskov.ru.html (a commented-out block): groups joined by &nbsp;.
        let nbsp = PhoneExtractor.phones(inText: "Центр телефонного обслуживания\n8\u{A0}800\u{A0}100\u{A0}60\u{A0}11")
        #expect(nbsp.map(\.raw) == ["8 800 100 60 11"])
        #expect(nbsp.map(\.normalized) == ["+78001006011"])
    }

    @Test func localNumberKeepsRawAndHasNoNormalizedForm() {
        // gov.spb.ru.html: a seven-digit city number followed by an e-mail address.
        let found = PhoneExtractor.phones(inText: "Разумахина Елена Георгиевна 312-94-78, razumahina@kfis.gov.spb.ru")
        #expect(found == [FoundPhone(raw: "312-94-78", normalized: nil, source: .text,
                                     excerpt: "Разумахина Елена Георгиевна 312-94-78, razumahina@kfis.gov.spb.ru")])
        #expect(PhoneExtractor.phones(inText: "тел.: 29-98-01").map(\.raw) == ["29-98-01"])
        #expect(normalized("тел. 2-98-01") == [nil])
    }

    @Test func commonRussianFormsAreNormalized() {
        let forms = [("+7 (812) 576-45-00", "+78125764500"), ("8 (3522) 42-80-00", "+73522428000"),
                     ("8-800-100-70-10", "+78001007010"), ("+7 812 5764500", "+78125764500"),
                     ("(812) 576-45-00", "+78125764500"), ("8(8112)29-98-01", "+78112299801"),
                     ("+79217926129", "+79217926129"), ("8 812 576 45 00", "+78125764500"),
                     ("8.800.100.70.10", "+78001007010"), ("8 (3522) 42–80–00", "+73522428000")]
        for (text, expected) in forms {
            #expect(normalized("Приёмная: \(text).") == [expected], "\(text)")
        }
    }

    @Test func unbrokenElevenDigitsArePhonesOnlyAfterAPhoneLabel() {
        #expect(normalized("тел. 88001007010") == ["+78001007010"])
        #expect(normalized("Телефон/факс: 83522429236") == ["+73522429236"])
        #expect(normalized("ОКТМО 83522429236") == [])
        #expect(normalized("83522429236") == [])
    }

    @Test func tenDigitsWithoutBracketsAreKeptButNotNormalized() {
        #expect(PhoneExtractor.phones(inText: "тел. 812-576-45-00").map(\.raw) == ["812-576-45-00"])
        #expect(normalized("тел. 812-576-45-00") == [nil])
        #expect(PhoneExtractor.phones(inText: "тел. 812 576 45 00").map(\.raw) == ["812 576 45 00"])
        #expect(PhoneExtractor.phones(inText: "1 000 000 000 руб.") == [])
    }

    @Test func severalNumbersInARowAreSeveralPhones() {
        #expect(normalized("8 (3522) 42-80-00, 42-80-01; 8-800-100-70-10") == ["+73522428000", nil, "+78001007010"])
        #expect(normalized("8 (3522) 42-92-36 8 (3522) 46-10-32") == ["+73522429236", "+73522461032"])
    }

    @Test func datesPostcodesIdentifiersMoneyTimesAndYearsAreNotPhones() {
        for text in ["от 12.03.2018 № 45", "с 12.03.2018 по 15.03.2018", "640024, г. Курган", "ИНН 4501012345",
                     "ОГРН 1024500531152", "ИНН 4501 0123 45", "ОКТМО 37701000001", "89123456789",
                     "1 500 000 руб.", "87 500 000 000 рублей", "15 000-20 000 руб.", "с 9:00 до 18:00",
                     "10:00-18:00", "2017-2018 годы", "в 2018 году", "явка 57,01%", "№ 123-45-67",
                     "версия 1.12.15", "каб. 312\n45-67", "IP 192.168.100.101", "2018-03-12", "3,12-34-56", "стр. 100-200"] {
            #expect(PhoneExtractor.phones(inText: text) == [], "\(text)")
        }
    }

    @Test func numbersStartAndEndOnlyWhereGroupsAreSeparatedBySpaces() {
        // A dash or dot binds groups, so no phone is cut out of a longer code.
        for text in ["артикул 1-45-12-34-56", "код 12-34-56-7", "номер бланка АБ12-34-56", "8 812 (576) 45-00"] {
            #expect(PhoneExtractor.phones(inText: text) == [], "\(text)")
        }
    }

    @Test func foreignNumbersAreKeptWithoutNormalizing() {
        let found = PhoneExtractor.phones(inText: "Посольство: +375 (17) 123-45-67")
        #expect(found.map(\.raw) == ["+375 (17) 123-45-67"])
        #expect(found.map(\.normalized) == [nil])
    }

    @Test func sameNumberWrittenTwiceIsReportedOnce() {
        #expect(normalized("8 (3522) 42-80-00, +7 3522 428000, 42-80-00, 42 80 00") == ["+73522428000", nil])
    }

    @Test func telLinks() throws {
        let plain = try #require(PhoneExtractor.phone(fromTel: "tel:+78123456789"))
        #expect(plain == FoundPhone(raw: "+78123456789", normalized: "+78123456789", source: .tel, excerpt: "tel:+78123456789"))
        let encoded = try #require(PhoneExtractor.phone(fromTel: "TEL:8%20(3522)%2042-80-00"))
        #expect(encoded.raw == "8 (3522) 42-80-00")
        #expect(encoded.normalized == "+73522428000")
        #expect(PhoneExtractor.phone(fromTel: "tel:(812)576-45-00;ext=12")?.normalized == "+78125764500")
        #expect(PhoneExtractor.phone(fromTel: "tel:29-98-01")?.normalized == .some(nil))
        #expect(PhoneExtractor.phone(fromTel: "tel:+375 17 123-45-67")?.normalized == .some(nil))
        for href in ["tel:call-me", "tel:", "tel:12", "https://adm.ru/tel:88001007010", "mailto:a@adm.ru"] {
            #expect(PhoneExtractor.phone(fromTel: href) == nil, "\(href)")
        }
    }

    @Test func hostileMegabyteOfDigitsAndDashesGivesOnlyTheRealPhone() {
        let hostile = String(repeating: "12-34-5-", count: 130_000) + " тел. 8 (812) 576-45-00"
        #expect(hostile.utf8.count > 1_000_000)
        #expect(normalized(hostile) == ["+78125764500"])
        // A megabyte-long table of figures is not a list of phones, even though "12 34 56" alone would be one.
        let spaced = String(repeating: "12 34 56 ", count: 120_000)
        #expect(PhoneExtractor.phones(inText: spaced) == [])
    }
}
