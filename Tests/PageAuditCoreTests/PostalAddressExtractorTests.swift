import Testing
@testable import PageAuditCore

@Suite struct PostalAddressExtractorTests {
    func texts(_ text: String) -> [String] {
        PostalAddressExtractor.addresses(inText: text).map(\.text)
    }

    @Test func footerAddressesFromRealPages() {
        // kurganobl.ru.html: the address runs straight into the phone line.
        #expect(PostalAddressExtractor.addresses(inText:
            "Правительство Курганской области www.kurganobl.ru 640024, г. Курган, ул. Гоголя, 56 тел: 8 (3522) 42-92-36")
            == [FoundPostalAddress(postcode: "640024", text: "640024, г. Курган, ул. Гоголя, 56")])
        // permkrai.ru.html: "д.14" without a space; the next block follows on a new line.
        #expect(texts("614006, г. Пермь, ул. Куйбышева, д.14\nМы в соцсетях") == ["614006, г. Пермь, ул. Куйбышева, д.14"])
        // pskov.ru.html: the country between the postcode and the city.
        #expect(texts("180001, Россия, г. Псков, ул. Некрасова, 23\nТелефон/Факс +7 (8112) 69-97-52")
            == ["180001, Россия, г. Псков, ул. Некрасова, 23"])
        // gov.spb.ru.html: a federal city has no "г." marker; the sentence ends with a full stop.
        #expect(texts("Администрация Санкт-Петербурга: 191060, Санкт-Петербург, Смольный.\nСправочная служба")
            == ["191060, Санкт-Петербург, Смольный"])
    }

    @Test func addressInsideASentenceEndsBeforeOrdinaryText() {
        // khv.gov.ru.html, the user agreement.
        let text = "Оператор – министерство информационных технологий и связи Хабаровского края, расположенное по адресу: "
            + "680000, г. Хабаровск, ул. Карла Маркса, 56, являющееся оператором Сайта и обеспечивающее доступ к нему"
        #expect(texts(text) == ["680000, г. Хабаровск, ул. Карла Маркса, 56"])
    }

    @Test func countryWrittenBeforeThePostcodeIsPartOfTheAddress() {
        #expect(PostalAddressExtractor.addresses(inText: "Почтовый адрес: Россия, 640024, г. Курган, ул. Гоголя, 56")
            == [FoundPostalAddress(postcode: "640024", text: "Россия, 640024, г. Курган, ул. Гоголя, 56")])
        #expect(texts("Курганская область, 641000, с. Кетово") == ["Курганская область, 641000, с. Кетово"])
    }

    @Test func postcodeAfterTheAddressIsFound() {
        #expect(texts("Почтовый адрес: г. Курган, ул. Гоголя, 56, 640024") == ["г. Курган, ул. Гоголя, 56, 640024"])
        #expect(texts("Администрация Кетовского района, Курган, 641000") == [])
    }

    @Test func regionOrStreetAfterThePostcodeIsEnough() {
        #expect(texts("641000 Курганская область, Кетовский район, с. Кетово, ул. Космонавтов, д. 39, каб. 5")
            == ["641000 Курганская область, Кетовский район, с. Кетово, ул. Космонавтов, д. 39, каб. 5"])
        #expect(texts("628011, Ханты-Мансийский автономный округ, г. Ханты-Мансийск").count == 1)
        #expect(texts("640024, ул. Гоголя, 56").count == 1)
    }

    @Test func lineEndingWithACommaContinuesTheAddress() {
        #expect(texts("640024, г. Курган,\nул. Гоголя, 56\nПриёмная") == ["640024, г. Курган, ул. Гоголя, 56"])
    }

    @Test func severalAddressesInOrder() {
        let found = PostalAddressExtractor.addresses(inText: "640024, г. Курган, ул. Гоголя, 56; 641000, с. Кетово. 640024, г. Курган, ул. Гоголя, 56")
        #expect(found.map(\.postcode) == ["640024", "641000"])
    }

    @Test func bareSixDigitNumbersAreNotAddresses() {
        for text in ["ИНН 4501012345 КПП 450101001", "Посетителей сайта: 640024", "тел. 8 (3522) 429236",
                     "ОГРН 1024500531152", "640024 человек проголосовали, город гордится", "№ 123456 от 12.03.2018, г. Курган",
                     "740024, г. Курган", "1640024, г. Курган", "64002, г. Курган", "счёт 40101810000000010002",
                     "тираж 100000 экз. г. Курган", "640024-12, г. Курган", "ст. 640024"] {
            #expect(PostalAddressExtractor.addresses(inText: text) == [], "\(text)")
        }
    }

    @Test func overlongAddressIsCutAtAWord() throws {
        let text = "640024, г. Курган, ул. " + String(repeating: "Заречная ", count: 40)
        let found = try #require(PostalAddressExtractor.addresses(inText: text).first)
        #expect(found.text.count <= 160)
        #expect(found.text.hasSuffix(" Заречная"))
    }
}
