/// A small deflate compressor (RFC 1951): one block with the fixed Huffman codes, and greedy LZ77 matches
/// found through a hash of the next three bytes. Bilevel images are long runs and repeated scanlines,
/// which this catches well; it is not meant for general data.
enum Deflate {
    static func compress(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, count: 1)  // BFINAL: the only block
        writer.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        let window = 32_768, maxLength = 258, maxCandidates = 32
        var head = [Int](repeating: -1, count: 1 << 15)
        var previous = [Int](repeating: -1, count: data.count)

        func hash(_ i: Int) -> Int {
            (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & 0x7FFF
        }
        func remember(_ i: Int) {
            guard i + 2 < data.count else { return }
            let h = hash(i)
            previous[i] = head[h]
            head[h] = i
        }

        var i = 0
        while i < data.count {
            var bestLength = 0, bestDistance = 0
            if i + 2 < data.count {
                var candidate = head[hash(i)]
                var tries = 0
                while candidate >= 0 && i - candidate <= window && tries < maxCandidates {
                    var length = 0
                    let limit = min(maxLength, data.count - i)
                    while length < limit && data[candidate + length] == data[i + length] { length += 1 }
                    if length > bestLength { (bestLength, bestDistance) = (length, i - candidate) }
                    if length == limit { break }
                    candidate = previous[candidate]
                    tries += 1
                }
            }
            if bestLength >= 3 {
                writer.writeLength(bestLength)
                writer.writeDistance(bestDistance)
                for j in i..<(i + bestLength) { remember(j) }
                i += bestLength
            } else {
                writer.writeLiteral(Int(data[i]))
                remember(i)
                i += 1
            }
        }
        writer.writeLiteral(256)  // end of block
        return writer.finish()
    }

    /// Bits packed least significant first, as deflate stores everything but Huffman codes.
    private struct BitWriter {
        private var bytes: [UInt8] = []
        private var buffer: UInt32 = 0
        private var filled: UInt32 = 0

        mutating func write(_ value: Int, count: Int) {
            buffer |= UInt32(value) << filled
            filled += UInt32(count)
            while filled >= 8 {
                bytes.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                filled -= 8
            }
        }

        /// Huffman codes go most significant bit first.
        private mutating func writeCode(_ code: Int, count: Int) {
            var reversed = 0
            for bit in 0..<count where (code >> bit) & 1 == 1 { reversed |= 1 << (count - 1 - bit) }
            write(reversed, count: count)
        }

        /// A literal/length symbol (0...285) in the fixed code of RFC 1951 §3.2.6.
        mutating func writeLiteral(_ symbol: Int) {
            switch symbol {
            case 0...143: writeCode(0x30 + symbol, count: 8)
            case 144...255: writeCode(0x190 + symbol - 144, count: 9)
            case 256...279: writeCode(symbol - 256, count: 7)
            default: writeCode(0xC0 + symbol - 280, count: 8)
            }
        }

        private static let lengthBases = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
        ]
        private static let lengthExtraBits = [
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
        ]
        private static let distanceBases = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
            4097, 6145, 8193, 12289, 16385, 24577,
        ]
        private static let distanceExtraBits = [
            0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
        ]

        /// A match length (3...258): its symbol 257...285, then the extra bits.
        mutating func writeLength(_ length: Int) {
            let index = Self.lengthBases.lastIndex { $0 <= length }!
            writeLiteral(257 + index)
            write(length - Self.lengthBases[index], count: Self.lengthExtraBits[index])
        }

        /// A match distance (1...32768): its 5-bit fixed code, then the extra bits.
        mutating func writeDistance(_ distance: Int) {
            let index = Self.distanceBases.lastIndex { $0 <= distance }!
            writeCode(index, count: 5)
            write(distance - Self.distanceBases[index], count: Self.distanceExtraBits[index])
        }

        mutating func finish() -> [UInt8] {
            if filled > 0 { bytes.append(UInt8(buffer & 0xFF)) }
            return bytes
        }
    }
}
