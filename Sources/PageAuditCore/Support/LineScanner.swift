import Foundation

/// Reads a file line by line in large blocks, so a journal or a manifest of gigabytes needs only a block
/// of memory.
struct LineScanner {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var bufferOffset = 0
    private var atEnd = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next line without its newline; `complete` is false for a last line with no newline.
    mutating func next() -> (offset: Int, bytes: Data, complete: Bool)? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = (offset: bufferOffset + start, bytes: Data(buffer[start..<newline]), complete: true)
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = (offset: bufferOffset + start, bytes: Data(buffer[start...]), complete: false)
                start = buffer.count
                return line
            }
            buffer.removeSubrange(0..<start)
            bufferOffset += start
            start = 0
            var block = [UInt8](repeating: 0, count: 1 << 20)
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { atEnd = true } else { buffer.append(contentsOf: block[0..<count]) }
        }
    }
}
