import Testing
@testable import PageAuditCore

@Suite struct PostalAddressExtractorTests {
    func texts(_ text: String) -> [String] {
        PostalAddressExtractor.addresses(inText: text).map(\.text)
    }

    @Test func footerAddressesFromRealPages() {
        // kurganobl.ru.html: the address runs straight into the phone line.
        let kurgan = "Правительство Курганской области www.kurganobl.ru 640024, г. Курган, ул. Гоголя, 56 "
            + "тел: 8 (3522) 42-92-36"
        #expect(PostalAddressExtractor.addresses(inText: kurgan)
            == [FoundPostalAddress(postcode: "640024", text: "640024, г. Курган, ул. Гоголя, 56")])
        // permkrai.ru.html: "д.14" without a space; the next block follows on a new line.
        #expect(texts("614006, г. Пермь, ул. Куйбышева, д.14\nМы в соцсетях")
            == ["614006, г. Пермь, ул. Куйбышева, д.14"])
        // pskov.ru.html: the country between the postcode and the city.
        #expect(texts("180001, Россия, г. Псков, ул. Некрасова, 23\nТелефон/Факс +7 (8112) 69-97-52")
            == ["180001, Россия, г. Псков, ул. Некрасова, 23"])
        // gov.spb.ru.html: a federal city has no "г." marker; the sentence ends with a full stop.
        #expect(texts("Администрация Санкт-Петербурга: 191060, Санкт-Петербург, Смольный.\nСправочная служба")
            == ["191060, Санкт-Петербург, Смольный"])
    }

    @Test func addressInsideASentenceEndsBeforeOrdinaryText() {
        // khv.gov.ru.html, the user agreement.
        let text = "Оператор – министерство информационных технологий и связи Хабаровского края, "
            + "расположенное по адресу: 680000, г. Хабаровск, ул. Карла Маркса, 56, являющееся оператором Сайта"
        #expect(texts(text) == ["680000, г. Хабаровск, ул. Карла Маркса, 56"])
    }

    @Test func countryOrRegionWrittenBeforeThePostcodeIsPartOfTheAddress() {
        #expect(PostalAddressExtractor.addresses(inText: "Почтовый адрес: Россия, 640024, г. Курган, ул. Гоголя, 56")
            == [FoundPostalAddress(postcode: "640024", text: "Россия, 640024, г. Курган, ул. Гоголя, 56")])
        #expect(texts("Курганская область, 641000, с. Кетово") == ["Курганская область, 641000, с. Кетово"])
    }

    @Test func postcodeAfterTheAddressIsFound() {
        #expect(texts("Почтовый адрес: г. Курган, ул. Гоголя, 56, 640024") == ["г. Курган, ул. Гоголя, 56, 640024"])
        #expect(texts("ул. Гоголя, 56, 640024, г. Курган") == ["ул. Гоголя, 56, 640024, г. Курган"])
    }

    @Test func textBeforeTheAddressIsLeftOut() {
        for (text, address) in [
            ("Правительство Курганской области, г. Курган, ул. Гоголя, 56, 640024", "г. Курган, ул. Гоголя, 56, 640024"),
            ("Администрация г. Шадринска, прием граждан на ул. Гоголя, 56, 640024", "ул. Гоголя, 56, 640024"),
            ("Филиал в г. Шадринске\nул. Гоголя, 56, 640024", "ул. Гоголя, 56, 640024"),
            ("Приёмная (г. Курган): ул. Гоголя, 56, 640024", "ул. Гоголя, 56, 640024"),
        ] {
            #expect(texts(text) == [address], "\(text)")
        }
    }

    @Test func addressEndsAtThePhoneOrAfterTheHouseNumber() {
        for (text, address) in [
            ("640024, г. Курган тел. 42-92-36", "640024, г. Курган"),
            ("614006, г. Пермь, ул. Куйбышева, д.14 Мы в соцсетях", "614006, г. Пермь, ул. Куйбышева, д.14"),
            ("640024, г. Курган, ул. 8 Марта, д. 5 корп. 2 Приёмная", "640024, г. Курган, ул. 8 Марта, д. 5 корп. 2"),
            ("640024, г. Курган, ул. Гоголя, 56 — приёмная", "640024, г. Курган, ул. Гоголя, 56"),
            ("640024, г. Курган\nГлава города", "640024, г. Курган"),
            ("640024, г. Курган, ", "640024, г. Курган"),
            ("640024, г. Курган, ул. Гоголя, 56 Телефон/факс 42-92-36", "640024, г. Курган, ул. Гоголя, 56"),
        ] {
            #expect(texts(text) == [address], "\(text)")
        }
    }

    @Test func twoAddressesDoNotOverlap() {
        #expect(texts("640024, г. Курган тел. 42-92-36, ул. Ленина, 5, 641000")
            == ["640024, г. Курган", "ул. Ленина, 5, 641000"])
    }

    @Test func regionOrStreetAfterThePostcodeIsEnough() {
        let kurgan = "641000 Курганская область, Кетовский район, с. Кетово, ул. Космонавтов, д. 39, каб. 5"
        #expect(texts(kurgan) == [kurgan])
        #expect(texts("628011, Ханты-Мансийский автономный округ, г. Ханты-Мансийск").count == 1)
        #expect(texts("640024, ул. Гоголя, 56").count == 1)
        #expect(texts("640024, Курган, ул. Гоголя, 56") == ["640024, Курган, ул. Гоголя, 56"])
    }

    @Test func lineEndingWithACommaContinuesTheAddress() {
        #expect(texts("640024, г. Курган,\nул. Гоголя, 56\nПриёмная") == ["640024, г. Курган, ул. Гоголя, 56"])
    }

    @Test func severalAddressesInOrderWithoutRepeats() {
        let text = "640024, г. Курган, ул. Гоголя, 56; 641000, с. Кетово. 640024, г. Курган, ул. Гоголя, 56"
        #expect(PostalAddressExtractor.addresses(inText: text).map(\.postcode) == ["640024", "641000"])
    }

    @Test func bareSixDigitNumbersAreNotAddresses() {
        for text in ["ИНН 4501012345 КПП 450101001", "Посетителей сайта: 640024", "тел. 8 (3522) 429236",
                     "ОГРН 1024500531152", "640024 человек проголосовали, город гордится", "счёт 40101810000000010002",
                     "№ 123456 от 12.03.2018, г. Курган", "приказ № 123456, г. Курган", "ст. 640024",
                     "740024, г. Курган", "1640024, г. Курган", "64002, г. Курган", "640024-12, г. Курган",
                     "тираж 100000 экз. г. Курган", "Тираж 250000 экземпляров, г. Курган",
                     "ОКПО640024, г. Курган", "артикул 640024А, г. Курган", "тел. 8-3522-640024, г. Курган",
                     "Администрация Кетовского района, Курган, 641000"] {
            #expect(PostalAddressExtractor.addresses(inText: text) == [], "\(text)")
        }
    }

    @Test func thousandsOfAddressesAreEachReportedOnce() {
        let text = (100_000..<120_000).map { "\($0), г. Курган; " }.joined() + "100000, г. Курган"
        let found = PostalAddressExtractor.addresses(inText: text)
        #expect(found.count == 20_000)
        #expect(found.last == FoundPostalAddress(postcode: "119999", text: "119999, г. Курган"))
    }

    @Test func overlongAddressIsCutAtAWord() throws {
        let text = "640024, г. Курган, ул. " + String(repeating: "Заречная ", count: 40)
        let found = try #require(PostalAddressExtractor.addresses(inText: text).first)
        #expect(found.text.count <= 160)
        #expect(found.text.hasSuffix(" Заречная"))
    }

    @Test func regionNamesWithADashAndWorkersSettlementsStayInTheAddress() {
        // Addresses as the demo set's Yugra and Altai pages write them (hand-written, modelled on real ones).
        #expect(PostalAddressExtractor.addresses(inText: "628480, Ханты-Мансийский автономный округ — Югра, г. Нефтеозёрск, ул. Нефтяников, д. 6").map(\.text)
                == ["628480, Ханты-Мансийский автономный округ — Югра, г. Нефтеозёрск, ул. Нефтяников, д. 6"])
        #expect(PostalAddressExtractor.addresses(inText: "658980, Алтайский край, Верхнеобский район, р.п. Ключевой, ул. Центральная, 14").map(\.text)
                == ["658980, Алтайский край, Верхнеобский район, р.п. Ключевой, ул. Центральная, 14"])
        // A dash before anything else still ends it.
        #expect(PostalAddressExtractor.addresses(inText: "640024, г. Курган, ул. Гоголя, 56 — приёмная губернатора").map(\.text)
                == ["640024, г. Курган, ул. Гоголя, 56"])
    }
}
