import Foundation

/// An official page the registry says an agency has.
public struct DeclaredPage: Sendable, Codable, Equatable {
    public var platform: Platform
    /// As written in the registry, for error messages and reports.
    public var written: String
    public var address: WebAddress
    public var identity: PageIdentity?
    public var kind: LinkTargetKind
}

/// One organisation to audit, as the registry describes it.
public struct Agency: Sendable, Codable {
    public var id: String
    public var name: String
    public var kind: AgencyKind
    public var region: String?
    /// IANA name; relative dates on pages ("вчера") are read in this zone.
    public var timeZoneIdentifier: String
    public var website: WebAddress?
    public var declaredPages: [DeclaredPage]
    /// Where the agency is defined, for messages that send a person back to the registry.
    public var source: SourceLocation

    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "Europe/Moscow")! }
}
