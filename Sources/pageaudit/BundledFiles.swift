import Foundation

/// Finds the files the repository ships (`snapshots/demo`, `checklists/270-fz.json`): in the current
/// folder first, then beside the executable's build folder, so `swift run` and a copied binary work.
enum BundledFiles {
    static func locate(_ relativePath: String) -> URL {
        let fileManager = FileManager.default
        let here = URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent(relativePath)
        if fileManager.fileExists(atPath: here.path) { return here }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent(relativePath)
            if fileManager.fileExists(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return here
    }
}
