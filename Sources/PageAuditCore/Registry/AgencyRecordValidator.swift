import Foundation

/// Turns the raw fields of one registry record, from CSV or JSON, into an `Agency`, checking each
/// value and naming the field at fault.
struct AgencyRecordValidator {
    /// A raw value with the place it was written.
    struct Value {
        var text: String
        var location: SourceLocation
    }

    static let pageFields: [(name: String, platform: Platform)] = [("vk", .vk), ("ok", .ok), ("telegram", .telegram), ("max", .max)]

    func agency(from values: [String: Value], record: SourceLocation) throws(RegistryError) -> Agency {
        func required(_ name: String) throws(RegistryError) -> Value {
            guard let value = values[name], !value.text.isEmpty else {
                throw .missingValue(field: name, at: values[name]?.location ?? record)
            }
            return value
        }
        let id = try required("id")
        let name = try required("name")
        let kindValue = try required("kind")
        guard let kind = AgencyKind(rawValue: kindValue.text.lowercased()) else { throw .unknownKind(kindValue.text, at: kindValue.location) }

        var zone = "Europe/Moscow"
        if let value = values["timezone"], !value.text.isEmpty {
            guard TimeZone(identifier: value.text) != nil, value.text.contains("/") || value.text == "UTC" else {
                throw .unknownTimeZone(value.text, at: value.location)
            }
            zone = value.text
        }
        var website: WebAddress?
        if let value = values["website"], !value.text.isEmpty {
            guard let address = WebAddress(value.text), address.host.contains(".") else { throw .badWebsite(value.text, at: value.location) }
            website = address
        }
        var pages: [DeclaredPage] = []
        for (field, platform) in Self.pageFields {
            guard let value = values[field] else { continue }
            for written in value.text.split(whereSeparator: { $0.isWhitespace || $0 == "|" }).map(String.init) {
                pages.append(try page(written, on: platform, field: field, at: value.location))
            }
        }
        let region = values["region"].map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        return Agency(id: id.text, name: name.text, kind: kind, region: region, timeZoneIdentifier: zone,
                      website: website, declaredPages: pages, source: record)
    }

    /// Accepts full addresses and the short forms people type: `club123`, `@name`, `t.me/name`.
    private func page(_ written: String, on platform: Platform, field: String, at location: SourceLocation) throws(RegistryError) -> DeclaredPage {
        let host = ["vk": "vk.com", "ok": "ok.ru", "telegram": "t.me", "max": "max.ru"][field]!
        var text = written
        if text.hasPrefix("@") { text = host + "/" + text.dropFirst() }
        if !text.contains("/") && !text.contains(".") { text = host + "/" + text }
        guard let address = WebAddress(text), let target = PlatformLinkClassifier.classify(address), target.platform == platform,
              target.kind != .service, target.identity != nil else {
            throw .badPage(field: field, value: written, at: location)
        }
        return DeclaredPage(platform: platform, written: written, address: address, identity: target.identity, kind: target.kind)
    }
}
