/// Escaping for the HTML report. Everything that came from a captured page or the registry passes
/// through `text` (element content and quoted attribute values alike, SVG `<text>` included), and
/// every link target through `httpHref`, so a hostile page cannot inject markup, script or a
/// `javascript:` link into the report an officer opens.
enum HTMLEscaping {
    /// Escapes `& < > " '` and replaces control characters (NUL among them) with U+FFFD, so the
    /// result is inert both as element content and inside a double- or single-quoted attribute.
    static func text(_ string: String) -> String {
        var result = ""
        result.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    result.unicodeScalars.append("\u{FFFD}")
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// The escaped value for an `href`, or nil when the address is not a plain `http:`/`https:`
    /// URL (then it is shown as text only). The scheme must open the string: no leading blanks,
    /// no control characters or whitespace anywhere, which browsers would strip or reinterpret.
    static func httpHref(_ address: String) -> String? {
        let lower = address.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let hostStart = address.index(address.startIndex, offsetBy: lower.hasPrefix("https://") ? 8 : 7)
        guard hostStart < address.endIndex, address[hostStart] != "/", address[hostStart] != "\\" else { return nil }
        for scalar in address.unicodeScalars where scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value)
            || scalar.properties.isWhitespace {
            return nil
        }
        return text(address)
    }

    /// A link to an external page that cannot reach back to the report, or the address as text.
    static func link(_ address: String, label: String? = nil) -> String {
        let shown = text(label ?? address)
        guard let href = httpHref(address) else { return "<span class=\"url\">\(shown)</span>" }
        return "<a class=\"url\" href=\"\(href)\" rel=\"noopener noreferrer\" target=\"_blank\">\(shown)</a>"
    }

    /// A value usable inside an `id` and a `#fragment`: registry ids are free text, so anything
    /// beyond `[A-Za-z0-9_-]` is hex-encoded.
    static func idFragment(_ string: String) -> String {
        var result = ""
        for scalar in string.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else {
                result += "." + String(scalar.value, radix: 16)
            }
        }
        return result
    }
}
