import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A delimited text file (CSV, RFC 4180 quoting) held in memory as UTF-8 bytes.
///
/// Reading the whole file and splitting it by hand avoids a `String` per field: at provincial scale
/// (millions of rows) that overhead alone would exceed the time budget.
struct DelimitedFile: Sendable {
    let url: URL
    let bytes: [UInt8]
    let delimiter: UInt8
    /// Header cells, trimmed.
    let header: [String]
    /// Offset of the first data row.
    let dataStart: Int
    /// Whether any `"` occurs after the header; if not, chunk boundaries need no quote tracking.
    let hasQuotes: Bool
    /// The encoding the file was converted from to UTF-8 (``TextEncoding``), or nil for a UTF-8 file.
    let convertedFrom: String?

    var path: String { url.path }

    /// Reads and checks the encoding and the header row.
    init(url: URL, delimiter: UInt8) throws(ReconciliationInputError) {
        self.url = url
        self.delimiter = delimiter
        let (decoded, outcome) = TextEncoding.utf8(try Self.readAll(url))
        let bytes = Self.withLineFeeds(decoded)
        switch outcome {
        case .utf8: convertedFrom = nil
        case .converted(let encoding): convertedFrom = encoding
        case .refused(let reason): throw Self.issue(url, line: 1, reason)
        }
        self.bytes = bytes
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Excel's "sep=;" line names the delimiter (``ColumnMapping/sniffDelimiter(_:)``); the header follows it.
        if let hint = Self.separatorHint(bytes[start...]) { start = hint.next }
        var cells: [FieldSlice] = []
        let next: Int
        do {
            next = try bytes.withUnsafeBufferPointer { buffer in
                try CSVRowParser.parseRow(buffer, from: start, delimiter: delimiter, into: &cells)
            }
        } catch {
            throw Self.issue(url, line: 1, "unreadable header: \((error as? CSVSyntaxError)?.message ?? "\(error)")")
        }
        header = bytes.withUnsafeBufferPointer { buffer in
            cells.map { String(decoding: $0.value(in: buffer), as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        }
        dataStart = next
        hasQuotes = bytes.withUnsafeBufferPointer { buffer in
            guard next < buffer.count else { return false }
            return memchr(buffer.baseAddress! + next, Int32(UInt8(ascii: "\"")), buffer.count - next) != nil
        }
    }

    /// The delimiter an Excel "sep=;" first line names, and where the next line starts; nil when the text does not
    /// start with such a line.
    static func separatorHint(_ head: ArraySlice<UInt8>) -> (delimiter: UInt8, next: Int)? {
        var index = head.startIndex
        if index < head.endIndex && head[index] == 0x22 { index += 1 }
        let word = Array("sep=".utf8)
        guard head.count >= index - head.startIndex + 5, zip(head[index..<index + 4], word).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) else { return nil }
        let delimiter = head[index + 4]
        index += 5
        if index < head.endIndex && head[index] == 0x22 { index += 1 }
        if index < head.endIndex && head[index] == 0x0D { index += 1 }
        guard index < head.endIndex, head[index] == 0x0A, delimiter != 0x22, delimiter != 0x0A, delimiter != 0x0D else { return nil }
        return (delimiter, index + 1)
    }

    static func issue(_ url: URL, line: Int, column: Int? = nil, columnName: String? = nil, _ message: String)
        -> ReconciliationInputError
    {
        ReconciliationInputError(InputIssue(file: url.path, line: line, column: column, columnName: columnName, message: message))
    }

    /// A file whose lines end in a carriage return alone (Excel for Mac's "CSV (Macintosh)") gets line feeds, so that
    /// rows and the line numbers of findings and rejects are counted as in any other file.
    static func withLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.contains(0x0A), bytes.contains(0x0D) else { return bytes }
        return bytes.map { $0 == 0x0D ? 0x0A : $0 }
    }

    private static func readAll(_ url: URL) throws(ReconciliationInputError) -> [UInt8] {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw issue(url, line: 0, "cannot open the file (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw issue(url, line: 0, "cannot read the file size") }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var total = 0
            while total < size {
                let count = read(descriptor, buffer.baseAddress! + total, size - total)
                if count <= 0 { failed = count < 0; break }
                total += count
            }
            initialized = total
        }
        if failed { throw issue(url, line: 0, "read error (\(String(cString: strerror(errno))))") }
        return bytes
    }

    /// Splits the data rows into about `count` ranges that each start at the beginning of a row.
    func chunks(count: Int) -> [Range<Int>] {
        let total = bytes.count - dataStart
        guard total > 0 else { return [] }
        let parts = max(1, min(count, total / 4096 + 1))
        var cuts: [Int] = [dataStart]
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            if !hasQuotes {
                for part in 1..<parts {
                    let target = max(dataStart + total * part / parts, cuts.last!)
                    guard target < buffer.count,
                        let found = memchr(base + target, 0x0A, buffer.count - target)
                    else { break }
                    let cut = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    if cut > cuts.last! && cut < buffer.count { cuts.append(cut) }
                }
            } else {
                // Newlines inside quoted fields are not row ends, so track quote state from the start. Quotes are
                // sparse: jumping from one to the next with memchr, instead of reading every byte, took the one serial
                // step of loading a 390 MB source from a third of a second to a few milliseconds.
                func next(_ byte: Int32, from position: Int) -> Int {
                    guard position < buffer.count, let found = memchr(base + position, byte, buffer.count - position) else { return buffer.count }
                    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                var inQuotes = false
                var position = dataStart
                for part in 1..<parts where position < buffer.count {
                    let target = max(dataStart + total * part / parts, position)
                    // The quote state at the target.
                    while case let quote = next(0x22, from: position), quote < target {
                        inQuotes.toggle()
                        position = quote + 1
                    }
                    position = target
                    // The first newline outside quotes from there.
                    while position < buffer.count {
                        let quote = next(0x22, from: position)
                        if !inQuotes {
                            let newline = next(0x0A, from: position)
                            if newline < quote {
                                position = newline + 1
                                if position < buffer.count { cuts.append(position) }
                                break
                            }
                        }
                        inQuotes.toggle()
                        position = quote + 1
                    }
                }
            }
        }
        cuts.append(bytes.count)
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }

    /// Physical line number (1-based) of a byte offset.
    func lineNumber(at offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in Self.countNewlines(buffer, 0..<min(offset, buffer.count)) + 1 }
    }

    /// Line numbers for many offsets in one pass; the offsets must be sorted.
    func lineNumbers(atSorted offsets: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(offsets.count)
        var line = 1
        var position = 0
        bytes.withUnsafeBufferPointer { buffer in
            for offset in offsets {
                line += Self.countNewlines(buffer, position..<min(offset, buffer.count))
                position = max(position, min(offset, buffer.count))
                result.append(line)
            }
        }
        return result
    }

    static func countNewlines(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard !range.isEmpty, let base = buffer.baseAddress else { return 0 }
        var count = 0
        var position = range.lowerBound
        while position < range.upperBound {
            guard let found = memchr(base + position, 0x0A, range.upperBound - position) else { break }
            count += 1
            position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    /// The raw bytes of the row starting at `offset`, without its line ending.
    func rawRow(at offset: Int) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var cells: [FieldSlice] = []
            let end = (try? CSVRowParser.parseRow(buffer, from: offset, delimiter: delimiter, into: &cells))
                ?? (buffer[offset...].firstIndex(of: 0x0A).map { $0 + 1 } ?? buffer.count)
            var stop = end
            while stop > offset && (buffer[stop - 1] == 0x0A || buffer[stop - 1] == 0x0D) { stop -= 1 }
            return String(decoding: buffer[offset..<stop], as: UTF8.self)
        }
    }
}
