import Testing
@testable import PageAuditCore

@Suite struct EmailExtractorTests {
    func addresses(_ text: String) -> [String] {
        EmailExtractor.emails(inText: text).map(\.address)
    }

    @Test func mailtoLinksFromRealPages() throws {
        // kurganobl.ru.html, khv.gov.ru.html and pskov.ru.html (the shared corpus, corpus/real/site).
        for (href, address) in [("mailto:kurgan@kurganobl.ru", "kurgan@kurganobl.ru"),
                                ("mailto:open27@adm.khv.ru", "open27@adm.khv.ru"),
                                ("mailto:webmaster@cis.pskov.ru", "webmaster@cis.pskov.ru")] {
            let found = try #require(EmailExtractor.email(fromMailto: href))
            #expect(found == FoundEmail(address: address, source: .mailto, excerpt: href))
        }
    }

    @Test func mailtoIsLowercasedWithoutQuery() {
        #expect(EmailExtractor.email(fromMailto: " MailTo:Info@Adm.ru?subject=x ")?.address == "info@adm.ru")
        #expect(EmailExtractor.email(fromMailto: "mailto:Info@Adm.ru?subject=x")?.excerpt == "mailto:Info@Adm.ru?subject=x")
    }

    @Test func mailtoIsPercentDecoded() {
        let href = "mailto:%D0%BF%D0%BE%D1%87%D1%82%D0%B0@%D0%B0%D0%B4%D0%BC%D0%B8%D0%BD.%D1%80%D1%84"
        #expect(EmailExtractor.email(fromMailto: href)?.address == "почта@админ.рф")
        #expect(EmailExtractor.email(fromMailto: "mailto:%20priem@adm.ru")?.address == "priem@adm.ru")
        #expect(EmailExtractor.email(fromMailto: "mailto://priem@adm.ru")?.address == "priem@adm.ru")
    }

    @Test func mailtoWithSeveralAddressesGivesTheFirstValidOne() {
        #expect(EmailExtractor.email(fromMailto: "mailto:nobody,priem@adm.ru,info@adm.ru")?.address == "priem@adm.ru")
    }

    @Test func mailtoRejectsOtherSchemesAndInvalidAddresses() {
        for href in ["https://adm.ru/", "mailto:", "mailto:info", "mailto:info@adm", "mailto:logo@2x.png",
                     "mailto:a@@adm.ru"] {
            #expect(EmailExtractor.email(fromMailto: href) == nil, "\(href)")
        }
    }

    @Test func findsAddressesInRealFooterText() {
        // gov.spb.ru.html: a phone and an address in one line, separated by a comma.
        let spb = "Разумахина Елена Георгиевна 312-94-78, razumahina@kfis.gov.spb.ru"
        let found = EmailExtractor.emails(inText: spb)
        #expect(found.map(\.address) == ["razumahina@kfis.gov.spb.ru"])
        #expect(found.first?.source == .text)
        // gov.spb.ru.html and kurganobl.ru.html.
        #expect(addresses("Справки по телефону: 8-965-032-44-92 - Яна Бразина tyuz-spb@bk.ru") == ["tyuz-spb@bk.ru"])
        #expect(addresses("сектор регистрации и учета служебной корреспонденции.\nE-mail: kurgan@kurganobl.ru")
            == ["kurgan@kurganobl.ru"])
    }

    @Test func cyrillicDomainsAreKeptAndLowercased() {
        #expect(addresses("Пишите нам: Почта@Админ.РФ.") == ["почта@админ.рф"])
        #expect(addresses("priem@администрация-района.рф") == ["priem@администрация-района.рф"])
    }

    @Test func trailingPunctuationIsNotPartOfTheAddress() {
        for text in ["(info@adm.ru)", "info@adm.ru.", "info@adm.ru,", "info@adm.ru;", "«info@adm.ru»",
                     "info@adm.ru...", "info@adm.ru-", "...info@adm.ru"] {
            #expect(addresses(text) == ["info@adm.ru"], "\(text)")
        }
    }

    @Test func commonObfuscationsAreDecoded() {
        let forms = ["info[at]adm.ru", "info(at)adm.ru", "info [at] adm [dot] ru", "info (собака) adm.ru",
                     "info собака adm.ru", "info@adm(точка)ru", "info at adm dot ru", "info{at}adm{dot}ru",
                     "info [ at ] adm [ . ] ru", "INFO [AT] ADM [DOT] RU", "info@adm [тчк] ru", "info(@)adm.ru",
                     "info@adm dot ru"]
        for text in forms {
            let found = EmailExtractor.emails(inText: "Электронная почта: \(text), приём круглосуточно")
            #expect(found.map(\.address) == ["info@adm.ru"], "\(text)")
            #expect(found.first?.source == .obfuscated, "\(text)")
        }
    }

    @Test func bareEnglishAtNeedsDisguisedDotsToo() {
        #expect(addresses("Please look at this page") == [])
        #expect(addresses("Write to us at adm.ru or call") == [])
        #expect(addresses("Write to priem at adm dot ru") == ["priem@adm.ru"])
    }

    @Test func fileNamesVersionsAndHandlesAreNotAddresses() {
        for text in ["<img src=\"logo@2x.png\">", "image@2x.png", "jquery@3.3.1.min.js", "lodash@4.17.21",
                     "name@example", "@media screen", "https://vk.com/@adm_kurgan", "user@localhost.", "a@b.c",
                     "Рейтинг@Mail.ru", "Rating@Mail.ru counter",
                     "ivan..petrov@adm.ru", "ivan.@adm.ru"] {
            #expect(addresses(text) == [], "\(text)")
        }
    }

    @Test func bareRussianWordsDoNotGlueTheNextSentenceOn() {
        #expect(addresses("Пишите на почта@админ.рф точка зрения жителей важна") == ["почта@админ.рф"])
        #expect(addresses("Пишите: почта собака админ.рф точка зрения жителей важна") == ["почта@админ.рф"])
        #expect(addresses("Моя собака гуляет во дворе") == [])
    }

    @Test func textGluedToTheAddressIsCutAtTheScriptChange() {
        // Extracted text can lose the space between two blocks.
        #expect(addresses("E-mail:kurgan@kurganobl.ruТелефон") == ["kurgan@kurganobl.ru"])
        #expect(addresses("почтаinfo@adm.ru") == ["info@adm.ru"])
        #expect(addresses("почта@админ.рфTel") == ["почта@админ.рф"])
    }

    @Test func deduplicatedInOrderOfAppearance() {
        #expect(addresses("b@adm.ru, a@adm.ru; B@ADM.RU и b [at] adm [dot] ru") == ["b@adm.ru", "a@adm.ru"])
    }

    @Test func twoAddressesNeverShareCharacters() {
        #expect(addresses("a@adm.ru@mail.ru") == ["a@adm.ru"])
    }

    @Test func excerptIsShortCollapsedContext() throws {
        let filler = String(repeating: "документ ", count: 40)
        let text = filler + "Адрес:\n\n  priem@adm.ru\t для писем " + filler
        let found = try #require(EmailExtractor.emails(inText: text).first)
        #expect(found.excerpt.contains("Адрес: priem@adm.ru для писем"))
        #expect(found.excerpt.count <= 90)
        // Cut at word boundaries: no half words at either end.
        let words: Set<Substring> = ["документ", "Адрес:", "priem@adm.ru", "для", "писем"]
        #expect(found.excerpt.split(separator: " ").allSatisfy(words.contains))
        #expect(!found.excerpt.hasPrefix(" ") && !found.excerpt.hasSuffix(" "))
    }

    @Test func hostileInputGivesNothingSilly() {
        #expect(addresses(String(repeating: "x@", count: 200_000)) == [])
        #expect(addresses(String(repeating: "a.", count: 200_000) + "@" + String(repeating: "b.", count: 200_000)) == [])
        #expect(addresses(String(repeating: " at", count: 200_000) + " info@adm.ru") == ["info@adm.ru"])
    }
}
