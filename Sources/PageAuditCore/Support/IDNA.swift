import CIDN2

/// Converts internationalised domain names (`кремль.рф`) between the ASCII form that requests use
/// and the Unicode form that people read, with libidn2 (IDNA2008 / UTS #46 non-transitional).
public enum IDNA {
    /// The ASCII (punycode) form of a host name, lowercased; nil if it is not a valid IDN.
    public static func toASCII(_ host: String) -> String? {
        if host.allSatisfy({ $0.isASCII }) { return host.lowercased() }
        var output: UnsafeMutablePointer<CChar>?
        let flags = Int32(IDN2_NFC_INPUT.rawValue | IDN2_NONTRANSITIONAL.rawValue)
        let status = idn2_to_ascii_8z(host, &output, flags)
        guard status == Int32(IDN2_OK.rawValue), let output else { return nil }
        defer { pageaudit_idn2_free(output) }
        return String(cString: output).lowercased()
    }

    private static let punycodePrefix = Phrases(["xn--"])

    /// The Unicode form of a host name for display; the input itself if it is not punycode.
    public static func toUnicode(_ host: String) -> String {
        guard punycodePrefix.firstIndex(in: host.lowercased()) != nil else { return host }
        var output: UnsafeMutablePointer<CChar>?
        let status = idn2_to_unicode_8z8z(host, &output, 0)
        guard status == Int32(IDN2_OK.rawValue), let output else { return host }
        defer { pageaudit_idn2_free(output) }
        return String(cString: output)
    }
}
