/// Accumulates output bytes and writes them in large blocks.
struct BufferedOutput {
    let file: AtomicFile
    var bytes: [UInt8] = []

    init(_ file: AtomicFile) {
        self.file = file
        bytes.reserveCapacity(1 << 22)
    }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func flushIfLarge() throws {
        if bytes.count >= 1 << 22 { try flush() }
    }

    mutating func flush() throws {
        try file.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
