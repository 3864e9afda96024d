import Foundation
import Testing
@testable import PageAuditCore

@Suite struct RegistryLoaderTests {
    let header = "id;name;kind;region;timezone;website;vk;ok;telegram;max"

    @Test func readsExcelStyleCSVWithBOMAndSemicolons() throws {
        let csv = "\u{FEFF}\(header)\r\nmin-1;\"Министерство; образования\";regional;Курганская область;Asia/Yekaterinburg;kurganobl.example.ru;https://vk.com/public123 club456;ok.ru/group/7;@mininfo;\r\n"
        let agencies = try RegistryLoader.parseCSV(csv, file: "r.csv")
        let agency = try #require(agencies.first)
        #expect(agency.name == "Министерство; образования")
        #expect(agency.kind == .regional)
        #expect(agency.timeZoneIdentifier == "Asia/Yekaterinburg")
        #expect(agency.website?.description == "https://kurganobl.example.ru/")
        #expect(agency.declaredPages.compactMap(\.identity?.key) == ["vk.com/club123", "vk.com/club456", "ok.ru/group/7", "t.me/mininfo"])
    }

    /// A registry keeps only where each row is and rebuilds agencies from their rows: rows that span
    /// lines, quotes, CRLF and a BOM must come back exactly, with their places, claims and fingerprint.
    @Test func agenciesRebuiltFromTheirRowsAreTheCheckedOnes() throws {
        let csv = "\u{FEFF}\(header)\r\n\r\na;\"Администрация\r\n\"\"Лесное\"\"\";municipal;;;;vk.com/shared;;;\r\n"
            + "b;Школа №1;subordinate;;Asia/Omsk;school.example.ru;https://vk.com/shared club7;;;\r\n\"c\";Суд;court;;;;club7;;;"
        let registry = try RegistryLoader.csvRegistry(csv, file: "r.csv")
        let agencies = Array(registry.agencies(at: [0, 1, 2]))
        #expect(agencies.map(\.name) == ["Администрация\r\n\"Лесное\"", "Школа №1", "Суд"])
        #expect(agencies.map(\.source.line) == [3, 5, 6])
        #expect(registry.ids == ["a", "b", "c"])
        #expect(registry.agency(at: 2).declaredPages.first?.identity?.key == "vk.com/club7")
        #expect(registry.claims == AgencyFacts.claims(in: agencies))
        #expect(registry.claims.count == 2)
        #expect(registry.fingerprint == RegistryFingerprint(agencies))
        #expect(Registry(agencies, file: "r.csv").fingerprint == registry.fingerprint)
    }

    @Test func idnWebsiteIsPunycodeInsideAndUnicodeForPeople() throws {
        let agencies = try RegistryLoader.parseCSV("id,name,kind,website\na,Администрация,municipal,https://администрация-посёлка.рф\n", file: "r.csv")
        let website = try #require(agencies.first?.website)
        #expect(website.host.hasPrefix("xn--"))
        #expect(website.displayHost == "администрация-посёлка.рф")
    }

    @Test func timezoneDefaultsToMoscow() throws {
        let agencies = try RegistryLoader.parseCSV("id,name,kind\na,Суд,court\n", file: "r.csv")
        #expect(agencies.first?.timeZoneIdentifier == "Europe/Moscow")
    }

    @Test func windows1251FileFromExcelIsDecoded() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "id;name;kind\nx;Администрация района;municipal\n".data(using: .windowsCP1251)!.write(to: url)
        #expect(try RegistryLoader.load(from: url).first?.name == "Администрация района")
    }

    @Test(arguments: [
        ("id;name;kind\nx;Суд;munic\n", RegistryError.unknownKind("munic", at: SourceLocation(file: "r.csv", line: 2, column: 7))),
        ("id;name;kind\nx;;court\n", .missingValue(field: "name", at: SourceLocation(file: "r.csv", line: 2, column: 3))),
        ("id;name\nx;Суд\n", .missingColumn(name: "kind", found: ["id", "name"], at: SourceLocation(file: "r.csv", line: 1))),
        ("id;name;kind;timezone\nx;Суд;court;Moscow\n", .unknownTimeZone("Moscow", at: SourceLocation(file: "r.csv", line: 2, column: 13))),
        ("id;name;kind;website\nx;Суд;court;not a site\n", .badWebsite("not a site", at: SourceLocation(file: "r.csv", line: 2, column: 13))),
        ("id;name;kind;vk\nx;Суд;court;https://ok.ru/group/1\n", .badPage(field: "vk", value: "https://ok.ru/group/1", at: SourceLocation(file: "r.csv", line: 2, column: 13))),
        ("id;name;kind\nx;Суд;court\ny;Суд 2;court\nx;Суд 3;court\n", .duplicateID("x", at: SourceLocation(file: "r.csv", line: 4, column: 1), first: SourceLocation(file: "r.csv", line: 2, column: 1))),
        ("id;name;kind\nx;Суд;court;extra\n", .tooManyFields(expected: 3, found: 4, at: SourceLocation(file: "r.csv", line: 2))),
        ("id;name;kind\nx;\"Суд;court\n", .unterminatedQuote(at: SourceLocation(file: "r.csv", line: 2, column: 3))),
    ])
    func malformedCSVNamesThePlaceAndTheFix(csv: String, expected: RegistryError) {
        #expect(throws: expected) { try RegistryLoader.parseCSV(csv, file: "r.csv") }
    }

    @Test func errorMessageSaysWhereWhatAndHow() {
        let error = RegistryError.unknownKind("munic", at: SourceLocation(file: "r.csv", line: 2, column: 8))
        let text = error.rendered(in: .ru)
        #expect(text.hasPrefix("r.csv:2:8: kind: неизвестный вид организации «munic»"))
        #expect(text.contains("municipal"))
    }

    @Test func readsJSONWithPageArrays() throws {
        let json = """
        {"agencies": [
          {"id": "a", "name": "Суд", "kind": "court", "vk": ["vk.com/club1", "https://m.vk.com/public2"], "website": "sud.example.ru"}
        ]}
        """
        let agency = try #require(try RegistryLoader.parseJSON(json, file: "r.json").first)
        #expect(agency.declaredPages.compactMap(\.identity?.key) == ["vk.com/club1", "vk.com/club2"])
    }

    @Test func jsonErrorsPointAtTheValue() {
        let json = "[\n  {\"id\": \"a\", \"name\": \"Суд\", \"kind\": \"court\", \"webiste\": \"x.ru\"}\n]"
        #expect(throws: RegistryError.json(.unknownKey(path: "$[0]", key: "webiste", allowed: RegistryLoader.columns, at: SourceLocation(file: "r.json", line: 2, column: 58)))) {
            try RegistryLoader.parseJSON(json, file: "r.json")
        }
        #expect(throws: RegistryError.json(.wrongType(path: "$[0].kind", expected: "string", found: "number", at: SourceLocation(file: "r.json", line: 1, column: 35)))) {
            try RegistryLoader.parseJSON("[{\"id\": \"a\", \"name\": \"b\", \"kind\": 5}]", file: "r.json")
        }
    }
}
