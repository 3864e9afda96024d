/// The tool's version, reported in every output so evidence says what produced it.
public enum PageAuditVersion {
    public static let current = "0.1.0"
}
