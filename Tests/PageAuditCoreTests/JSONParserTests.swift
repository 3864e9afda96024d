import Testing
@testable import PageAuditCore

@Suite struct JSONParserTests {
    @Test func recordsLineAndColumnOfEveryValue() throws {
        let root = try JSONParser.parse("{\n  \"a\": [1, \"ё\"],\n  \"b\": {\"c\": true}\n}")
        guard case .object(let members) = root.value, case .array(let items) = members[0].value.value else {
            Issue.record("wrong shape"); return
        }
        #expect((members[0].value.line, members[0].value.column) == (2, 8))
        #expect((items[1].line, items[1].column) == (2, 12))
        #expect((members[1].value.line, members[1].value.column) == (3, 8))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "trailing comma before '}'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\""),
        ("// c\n{}", 1, 1, "comments are not allowed in JSON"),
        ("{\"a\": tru}", 1, 7, "unexpected word; strings must be in double quotes"),
        ("[1, 2", 1, 6, "unexpected end of file inside an array"),
        ("\"abc", 1, 5, "unterminated string"),
        ("{\"a\": \"x\ny\"}", 1, 9, "line break inside a string (write \\n)"),
    ])
    func syntaxErrorsArePrecise(text: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONSyntaxError(line: line, column: column, message: message)) { try JSONParser.parse(text) }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        guard case .string(let text) = try JSONParser.parse("\"\\u041f\\n\\ud83d\\ude00\\\"\"").value else { Issue.record("not a string"); return }
        #expect(text == "П\n😀\"")
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }
}
