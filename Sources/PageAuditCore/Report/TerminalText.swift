extension String {
    /// Text from captured pages, made safe for a terminal: control characters (ANSI escapes among
    /// them) become visible `\u{…}` marks instead of commands to the terminal.
    public var terminalSafe: String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == "\n" || scalar == "\t" {
                result.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{202E}" || scalar == "\u{202D}" {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
