import Foundation
import Testing
@testable import PageAuditCore

/// Positions and strings from `JSONParser` after its column and string shortcuts: columns count
/// characters from the line start, exactly as before, on minified and multi-line text.
@Suite struct JSONPositionTests {
    /// Every node with its position, depth first.
    static func positions(_ node: JSONNode) -> [(Int, Int)] {
        var result = [(node.line, node.column)]
        switch node.value {
        case .object(let members): for member in members { result += positions(member.value) }
        case .array(let elements): for element in elements { result += positions(element) }
        default: break
        }
        return result
    }

    /// Where each value starts, by the definition the parser had before its shortcut: the
    /// number of characters from the line start to the value's first byte, plus one.
    @Test func columnsCountCharactersOnLongLines() throws {
        // Each value with the UTF-8 offsets of the values nested in it.
        let values: [(String, [Int])] = [
            ("\"é\"", []), ("\"e\u{301}\"", []), ("\"👍🏽\"", []), ("\"🇷🇺🇷\"", []), ("\"한\"", []), ("1", []),
            ("\"\\u00e9\\n\"", []), ("true", []), ("null", []), ("[\"\u{301}\"]", [1]),
            ("{\"k\u{301}\":\"v\"}", ["{\"k\u{301}\":".utf8.count]),
        ]
        var text = "["
        var starts = [0]
        for (i, (value, nested)) in (values + values + values).enumerated() {
            if i > 0 { text += ", " }
            starts.append(text.utf8.count)
            starts += nested.map { text.utf8.count + $0 }
            text += value
        }
        text += "]"
        let bytes = Array(text.utf8)
        let expected = starts.map { "1:\(String(decoding: bytes[..<$0], as: UTF8.self).count + 1)" }
        #expect(Self.positions(try JSONParser.parse(text)).map { "\($0.0):\($0.1)" } == expected)
    }

    @Test func columnsRestartOnEachLine() throws {
        let text = "{\n  \"a\": \"ё\",\n\t\"b\": [1,\n 2, \"x\"],\r\n  \"c\": {\"d\": null}\n}"
        let root = try JSONParser.parse(text)
        #expect(Self.positions(root).map { "\($0.0):\($0.1)" } == ["1:1", "2:8", "3:7", "3:8", "4:2", "4:5", "5:8", "5:14"])
    }

    @Test func errorPositionsAfterLongLines() {
        #expect(throws: JSONSyntaxError(line: 1, column: 24, message: "duplicate key \"a\"")) {
            try JSONParser.parse("{\"a\": \"ёёё\", \"b\": 1,   \"a\": 2}")
        }
    }

    @Test func stringsWithAndWithoutEscapes() throws {
        let cases: [(String, String)] = [
            ("\"\"", ""), ("\"plain ёжик\"", "plain ёжик"), ("\"a\\nb\"", "a\nb"), ("\"\\u0416\\u0436\"", "Жж"),
            ("\"\\ud83d\\udc4d ok\"", "👍 ok"), ("\"\\ud800x\"", "\u{FFFD}x"), ("\"e\\u0301\"", "e\u{301}"), ("\"\\\"\\\\\\/\\b\\f\\r\\t\"", "\"\\/\u{08}\u{0C}\r\t"),
            ("\"" + String(repeating: "\\u0416", count: 5_000) + "\"", String(repeating: "Ж", count: 5_000)),
        ]
        for (json, expected) in cases {
            guard case .string(let value) = try JSONParser.parse(json).value else { Issue.record("not a string: \(json)"); continue }
            #expect(Array(value.unicodeScalars) == Array(expected.unicodeScalars), "\(json.prefix(40))")
        }
    }
}
