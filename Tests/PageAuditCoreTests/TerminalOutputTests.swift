import Foundation
import Testing
@testable import PageAuditCore

@Suite struct TerminalOutputTests {
    @Test func hostileEscapesFromPagesStayInertWhileOurOwnColoursApply() {
        let hostile = "  ✗ SITE-EMAIL нарушение: \u{1B}[2J\u{1B}]0;owned\u{07} текст"
        let coloured = TextReport.colourise(hostile.terminalSafe)
        #expect(coloured.hasPrefix("  \u{1B}[31m✗\u{1B}[0m SITE-EMAIL"))
        #expect(!coloured.dropFirst(12).contains("\u{1B}"))   // only our own escape at the start
        #expect(coloured.contains("\\u{1b}[2J"))
    }

    /// Runs the tool under `script`, which gives it a pseudo-terminal as a person's shell would.
    func underTerminal(_ environment: String) throws -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("pageaudit").path
        // script(1) writes what the terminal showed to a typescript file; read that.
        let typescript = FileManager.default.temporaryDirectory.appendingPathComponent("tty-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: typescript) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // The test runner's own environment may carry NO_COLOR: each case sets it explicitly.
        process.arguments = ["-qec", "env -u NO_COLOR \(environment) '\(executable)' audit", typescript.path]
        process.currentDirectoryURL = repositoryRoot
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (try? String(contentsOf: typescript, encoding: .utf8)) ?? ""
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) from util-linux"))
    func colourOnATerminalUnlessNoColor() throws {
        #expect(try underTerminal("TERM=xterm").contains("\u{1B}[31m✗"))
        #expect(!(try underTerminal("TERM=xterm NO_COLOR=1").contains("\u{1B}[31m")))
        #expect(!(try runPageAudit(["audit"]).stdout.contains("\u{1B}")))  // a pipe is not a terminal
    }
}
