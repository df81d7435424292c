import Foundation

/// Repairs UTF-8 text that was once read as Windows-1252 (or Latin-1) and saved again as UTF-8: "Nguyá»…n VÄƒn"
/// for "Nguyễn Văn". A UTF-8 export opened and saved by a program that assumed the Windows code page does this to every
/// accented letter, and the file is still valid UTF-8, so nothing else notices.
///
/// The repair works on each run of non-ASCII characters, because a UTF-8 sequence never contains an ASCII byte: the run
/// is mapped back to the bytes Windows-1252 (or Latin-1, for the five bytes Windows-1252 leaves undefined) gives those
/// characters, and replaced only when those bytes are themselves valid UTF-8. Vietnamese text is never changed by
/// mistake: its letters beyond Latin-1 (ă đ ơ ư ễ…) have no Windows-1252 byte, and those within it (à á â ê ô…) are lead
/// bytes, which valid UTF-8 never puts side by side without continuation bytes (symbols such as » or ƒ) between them.
public enum Mojibake {
    /// The bytes with every repairable run repaired, and how many runs were. Text repaired once and found damaged
    /// again (saved twice through the wrong code page) is repaired again, up to three times.
    public static func repaired(_ bytes: [UInt8]) -> (bytes: [UInt8], runs: Int) {
        var current = bytes
        var total = 0
        for _ in 0..<3 {
            let (next, runs) = repairedOnce(current)
            guard runs > 0 else { break }
            current = next
            total += runs
        }
        return (current, total)
    }

    /// The text with its damaged runs repaired; the same text when there were none.
    public static func repairing(_ text: String) -> String {
        let (bytes, runs) = repaired(Array(text.utf8))
        return runs == 0 ? text : String(decoding: bytes, as: UTF8.self)
    }

    static func repairedOnce(_ bytes: [UInt8]) -> (bytes: [UInt8], runs: Int) {
        var output: [UInt8] = []
        var copied = 0
        var runs = 0
        var scratch: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var cursor = 0
            // Only lines that hold a trace of damage are examined run by run, so that an undamaged file costs two
            // `memchr` scans instead of a look at each of its accented letters.
            var trace = DamageTrace(buffer)
            while let position = trace.next(from: cursor) {
                let lineStart = max(cursor, lastNewline(buffer, before: position) + 1)
                let lineEnd = firstNewline(buffer, from: position) ?? count
                var index = lineStart
                while index < lineEnd {
                    if buffer[index] < 0x80 {
                        index += 1
                        continue
                    }
                    var end = index
                    while end < lineEnd && buffer[end] >= 0x80 { end += 1 }
                    // "Ä" then "?" or U+FFFD is "Đ" whose second byte (0x90, undefined in Windows-1252) a converter
                    // replaced: of the characters C4 xx can be, only Đ is Vietnamese.
                    let lostByteAfter = end < lineEnd && buffer[end] == UInt8(ascii: "?")
                    if mayBeMojibake(buffer, from: index, to: end, questionMarkFollows: lostByteAfter),
                        let usedQuestionMark = repairRun(
                            UnsafeBufferPointer(rebasing: buffer[index..<end]), questionMarkFollows: lostByteAfter, into: &scratch)
                    {
                        if output.isEmpty { output.reserveCapacity(count) }
                        output.append(contentsOf: buffer[copied..<index])
                        output.append(contentsOf: scratch)
                        copied = usedQuestionMark ? end + 1 : end
                        runs += 1
                    }
                    index = end
                }
                cursor = lineEnd
            }
            if runs > 0 { output.append(contentsOf: buffer[copied..<count]) }
        }
        return runs > 0 ? (output, runs) : (bytes, 0)
    }

    /// Finds the bytes that almost every damaged line holds and undamaged Vietnamese text almost never does: C2, the
    /// first byte of the Latin-1 symbols and C1 controls that continuation bytes turn into (º » ª ¡ ° …), and "Ä" (C3
    /// 84), which ă and đ turn into ("Äƒ", "Ä‘"). Legitimate C2 (a no-break space, °) costs only a look at its line.
    struct DamageTrace {
        let buffer: UnsafeBufferPointer<UInt8>
        private var nextSymbol = -1
        private var nextLetter = -1

        init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

        /// The first trace at or after `start`, nil when there is none.
        mutating func next(from start: Int) -> Int? {
            if nextSymbol < start { nextSymbol = find(0xC2, from: start) }
            if nextLetter < start {
                var from = start
                nextLetter = Int.max
                while case let position = find(0x84, from: from), position != Int.max {
                    if position > 0 && buffer[position - 1] == 0xC3 {
                        nextLetter = position - 1
                        break
                    }
                    from = position + 1
                }
            }
            let first = min(nextSymbol, nextLetter)
            return first == Int.max ? nil : first
        }

        private func find(_ byte: UInt8, from start: Int) -> Int {
            guard start < buffer.count, let found = memchr(buffer.baseAddress! + start, Int32(byte), buffer.count - start) else {
                return Int.max
            }
            return UnsafeRawPointer(buffer.baseAddress!).distance(to: UnsafeRawPointer(found))
        }
    }

    static func lastNewline(_ buffer: UnsafeBufferPointer<UInt8>, before position: Int) -> Int {
        var index = position - 1
        while index >= 0 && buffer[index] != 0x0A { index -= 1 }
        return index
    }

    static func firstNewline(_ buffer: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
        guard position < buffer.count, let found = memchr(buffer.baseAddress! + position, 0x0A, buffer.count - position) else { return nil }
        return UnsafeRawPointer(buffer.baseAddress!).distance(to: UnsafeRawPointer(found))
    }

    /// A quick test that rules out almost every run of undamaged text at its first bytes: a damaged run starts with a
    /// Latin-1 letter from Â to ô (a UTF-8 lead byte, written C3 82–C3 B4) followed by a character that stands for a
    /// continuation byte: a Latin-1 symbol or C1 control (C2 xx) or a Windows-1252 symbol (C5, C6, CB or E2 first).
    /// "Ä" alone before a `?`, or before U+FFFD (EF), is a Đ whose second byte was lost.
    @inline(__always)
    static func mayBeMojibake(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, questionMarkFollows: Bool) -> Bool {
        guard end - start >= 2, buffer[start] == 0xC3, (0x82...0xB4).contains(buffer[start + 1]) else { return false }
        guard end - start >= 3 else { return questionMarkFollows && buffer[start + 1] == 0x84 }
        switch buffer[start + 2] {
        case 0xC2, 0xC5, 0xC6, 0xCB, 0xE2: return true
        case 0xEF: return buffer[start + 1] == 0x84
        default: return false
        }
    }

    /// Writes the repaired bytes of one run of non-ASCII UTF-8 into `result` and says whether the `?` after the run was
    /// taken as its lost last byte; nil when the run is not mojibake.
    static func repairRun(_ run: UnsafeBufferPointer<UInt8>, questionMarkFollows: Bool, into result: inout [UInt8]) -> Bool? {
        result.removeAll(keepingCapacity: true)
        var index = 0
        while index < run.count {
            guard let (scalar, length) = decodeScalar(run, at: index) else { return nil }
            index += length
            if let byte = windows1252Byte(scalar) {
                result.append(byte)
            } else if scalar == 0xFFFD && result.last == 0xC4 {
                result.append(0x90)
            } else {
                return nil
            }
        }
        if questionMarkFollows && result.last == 0xC4 {
            result.append(0x90)
            return isPlausibleUTF8(result) ? true : nil
        }
        return isPlausibleUTF8(result) ? false : nil
    }

    /// The scalar at `index` of strict UTF-8 and its length, nil for an invalid sequence.
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length: Int
        let initial: UInt32
        switch lead {
        case 0xC2...0xDF: (length, initial) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, initial) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, initial) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        var value = initial
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= smallest, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (value, length)
    }

    /// Whether the bytes are strict UTF-8 of characters Vietnamese text holds: Latin letters (with Latin-1, the Latin
    /// Extended blocks and the Vietnamese block), combining marks, general punctuation and the currency signs, or the
    /// C1 controls of text damaged twice, repaired once. Two Latin-1 characters that happen to form valid UTF-8 of some
    /// other script ("Ô–" is Cyrillic) are left alone.
    static func isPlausibleUTF8(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                guard let (scalar, length) = decodeScalar(buffer, at: index) else { return false }
                switch scalar {
                case 0x80...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x2000...0x206F, 0x20A0...0x20CF: index += length
                default: return false
                }
            }
            return true
        }
    }

    /// The Windows-1252 byte of a scalar, with Latin-1's C1 controls for the five bytes Windows-1252 leaves undefined
    /// (81 8D 8F 90 9D), which is how Windows itself round-trips them.
    static func windows1252Byte(_ scalar: UInt32) -> UInt8? {
        if (0x80...0xFF).contains(scalar) { return UInt8(scalar) }
        switch scalar {
        case 0x20AC: return 0x80
        case 0x201A: return 0x82
        case 0x0192: return 0x83
        case 0x201E: return 0x84
        case 0x2026: return 0x85
        case 0x2020: return 0x86
        case 0x2021: return 0x87
        case 0x02C6: return 0x88
        case 0x2030: return 0x89
        case 0x0160: return 0x8A
        case 0x2039: return 0x8B
        case 0x0152: return 0x8C
        case 0x017D: return 0x8E
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2022: return 0x95
        case 0x2013: return 0x96
        case 0x2014: return 0x97
        case 0x02DC: return 0x98
        case 0x2122: return 0x99
        case 0x0161: return 0x9A
        case 0x203A: return 0x9B
        case 0x0153: return 0x9C
        case 0x017E: return 0x9E
        case 0x0178: return 0x9F
        default: return nil
        }
    }
}
