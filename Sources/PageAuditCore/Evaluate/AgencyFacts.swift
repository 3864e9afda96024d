/// Everything gathered about one agency: the input of evaluation, and the artifact a later run
/// can re-evaluate with another checklist without capturing again.
public struct AgencyFacts: Sendable {
    public var agency: Agency
    public var site: SiteObservation

    public init(agency: Agency, site: SiteObservation) {
        self.agency = agency
        self.site = site
    }
}
