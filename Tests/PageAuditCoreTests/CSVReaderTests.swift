import Testing
@testable import PageAuditCore

@Suite struct CSVReaderTests {
    @Test func semicolonIsChosenWhenExcelWroteIt() {
        #expect(CSVReader.guessDelimiter(in: "id;name;kind\n1;\"А, Б\";court") == ";")
        #expect(CSVReader.guessDelimiter(in: "id,name,kind") == ",")
        #expect(CSVReader.guessDelimiter(in: "\"a;b;c\",x,y") == ",")
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws {
        let records = try CSVReader.records(in: "a;b\r\n\"x;y\";\"он сказал \"\"да\"\"\nи ушёл\"\r\n3;4", delimiter: ";")
        #expect(records.map(\.fields) == [["a", "b"], ["x;y", "он сказал \"да\"\nи ушёл"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[2].columns == [1, 3])
    }

    @Test func blankLinesAreNotRecords() throws {
        #expect(try CSVReader.records(in: "a,b\n\n1,2\n\n", delimiter: ",").count == 2)
    }

    @Test func unterminatedQuoteIsReportedWhereItOpens() {
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: 2, column: 3)) {
            try CSVReader.records(in: "a,b\n1,\"open\n2,3", delimiter: ",")
        }
    }
}
