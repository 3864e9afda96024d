/// Everything gathered about one agency: the input of evaluation, and the artifact a later run
/// can re-evaluate with another checklist without capturing again.
public struct AgencyFacts: Sendable {
    public var agency: Agency
    public var site: SiteObservation
    /// The official pages read or attempted: those the registry declares and those the site links.
    public var pages: [PageObservation]
    /// For each page this agency declares, the other agencies whose registry entries declare it too.
    public var sharedClaims: [PageIdentity: [String]]

    public init(agency: Agency, site: SiteObservation, pages: [PageObservation] = [], sharedClaims: [PageIdentity: [String]] = [:]) {
        self.agency = agency
        self.site = site
        self.pages = pages
        self.sharedClaims = sharedClaims
    }

    /// The pages to read for an agency: declared first, then those its site links, each once.
    /// Personal profiles and service links are never read as official pages.
    public static func pagesToRead(for agency: Agency, site: SiteObservation) -> [PageIdentity] {
        var seen = Set<PageIdentity>()
        let declared = agency.declaredPages.filter { $0.kind == .community || $0.kind == .namedPage }.compactMap(\.identity)
        return (declared + (site.facts?.listedPages ?? [])).filter { seen.insert($0).inserted }
    }

    /// Which agencies declare each page, for the "one page, two agencies" cross-check.
    public static func claims(in agencies: [Agency]) -> [PageIdentity: [String]] {
        var claims = ClaimsBuilder()
        for agency in agencies { claims.add(agency) }
        return claims.shared
    }
}
