/// A set of rules to audit against, loaded from JSON (`checklists/270-fz.json` or a user's own
/// file that extends it). Checklists are data so that a region can tighten parameters, and an old
/// capture can be re-evaluated against a newer checklist, without changing code.
public struct Checklist: Sendable, Codable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    public var rules: [Rule]
    /// The ids of the checklists this one extends, nearest first.
    public var extends: [String]
    public var file: String

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
