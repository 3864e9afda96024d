import Foundation

/// PAGE-ACTIVITY: at least `minPosts` posts in every `windowDays` window over the last
/// `lookbackDays`, counted back from the as-of instant. A post counts in the window of its own
/// date, pinned or not; but a pinned post says nothing about how far back the visible feed reaches.
///
/// A page shows only its latest posts. A window older than the oldest visible post is not
/// observed (its count would be a guess), unless the visible posts there already reach the minimum
/// or the feed is short enough to be the page's whole history.
struct PostingCadence {
    let minPosts: Int
    let windowDays: Int
    let lookbackDays: Int

    /// A feed with fewer unpinned posts than this is taken to be the page's whole history:
    /// every platform shows at least this many when a page has them.
    static let wholeHistoryBelow = 5

    func judge(_ page: PageFacts, asOf: Date, evidence: [Evidence]) -> Outcome {
        guard let posts = page.posts else {
            return .unknown(LocalizedText(ru: "записи: источник их не показывает", en: "posts: the source does not show them"), evidence: evidence)
        }
        let dates = posts.filter { $0.date <= asOf }.map(\.date)
        let feed = posts.filter { $0.isPinned != true && $0.date <= asOf }.map(\.date)
        let oldest = feed.min()
        let wholeHistory = feed.count < Self.wholeHistoryBelow
        let windowLength = Double(windowDays) * 86_400
        let windows: [PostWindow] = (0..<max(1, lookbackDays / windowDays)).map { index in
            let to = asOf.addingTimeInterval(-Double(index) * windowLength)
            let from = to.addingTimeInterval(-windowLength)
            let count = dates.filter { $0 > from && $0 <= to }.count
            let observed = wholeHistory || count >= minPosts || (oldest.map { $0 <= from } ?? false)
            return PostWindow(page: page.identity.key, from: from, to: to, posts: observed ? count : nil)
        }
        let counts = windows.map { $0.posts.map(String.init) ?? "?" }.joined(separator: ", ")
        let measured = "\(counts) (по \(windowDays) дн., от последнего периода)"
        let expected = "≥ \(minPosts) в каждом периоде"
        let short = windows.filter { ($0.posts ?? minPosts) < minPosts }
        if !short.isEmpty {
            return Outcome(verdict: .notMet, message: LocalizedText(
                ru: "меньше \(minPosts) записей за \(windowDays) дн. в \(short.count) из \(windows.count) периодов; по периодам: \(counts)",
                en: "fewer than \(minPosts) posts per \(windowDays) days in \(short.count) of \(windows.count) windows; per window: \(counts)"),
                measured: measured, expected: expected, evidence: evidence, windows: windows)
        }
        if windows.contains(where: { $0.posts == nil }) {
            return Outcome(verdict: .unknown, message: LocalizedText(
                ru: "видимая лента не покрывает весь период проверки; по периодам: \(counts)",
                en: "the visible feed does not cover the whole period; per window: \(counts)"),
                measured: measured, expected: expected, evidence: evidence, windows: windows)
        }
        return Outcome(verdict: .met, message: LocalizedText(ru: "не меньше \(minPosts) записей в каждом периоде: \(counts)",
                                                             en: "at least \(minPosts) posts in every window: \(counts)"),
                       measured: measured, expected: expected, evidence: evidence, windows: windows)
    }
}
