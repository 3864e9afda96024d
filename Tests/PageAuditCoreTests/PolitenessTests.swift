import Foundation
import Testing
@testable import PageAuditCore

/// Records when work ran, to check the gate's promises (lower bounds only: a slow machine never fails them).
actor Timeline {
    var spans: [(host: String, start: Date, end: Date)] = []
    func add(_ host: String, _ start: Date, _ end: Date) { spans.append((host, start, end)) }
}

@Suite struct PolitenessTests {
    @Test func oneRequestPerHostAtATimeWithAMinimumInterval() async {
        let gate = Politeness(perHost: 1, total: 8, minimumInterval: 0.05)
        let timeline = Timeline()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                let host = "host\(index % 3)"
                group.addTask {
                    await gate.acquire(host)
                    let start = Date()
                    try? await Task.sleep(nanoseconds: 10_000_000)
                    await timeline.add(host, start, Date())
                    await gate.release(host)
                }
            }
        }
        let spans = await timeline.spans
        #expect(spans.count == 12)
        for host in ["host0", "host1", "host2"] {
            let mine = spans.filter { $0.host == host }.sorted { $0.start < $1.start }
            for (earlier, later) in zip(mine, mine.dropFirst()) {
                #expect(later.start >= earlier.end, "overlap on \(host)")
                #expect(later.start.timeIntervalSince(earlier.start) >= 0.049, "interval on \(host)")
            }
        }
    }

    @Test func crawlDelayRaisesTheInterval() async {
        let gate = Politeness(perHost: 1, total: 4, minimumInterval: 0)
        await gate.setCrawlDelay(0.2, for: "slow")
        await gate.acquire("slow"); await gate.release("slow")
        let before = Date()
        await gate.acquire("slow"); await gate.release("slow")
        #expect(Date().timeIntervalSince(before) >= 0.19)
    }

    @Test func theGlobalLimitHolds() async {
        let gate = Politeness(perHost: 4, total: 2, minimumInterval: 0)
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                group.addTask {
                    await gate.acquire("h\(index)")
                    await counter.enter()
                    try? await Task.sleep(nanoseconds: 5_000_000)
                    await counter.leave()
                    await gate.release("h\(index)")
                }
            }
        }
        let peak = await counter.peak
        #expect(peak <= 2 && peak >= 1)
    }
}

actor Counter {
    var current = 0, peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}
