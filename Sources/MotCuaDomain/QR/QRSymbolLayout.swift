/// The fixed facts of one QR code version at one error-correction level, from ISO/IEC 18004:2015
/// Table 9 (error-correction blocks) and Annex E (alignment pattern positions).
struct QRSymbolLayout: Sendable {
    let version: Int
    let correction: QRCode.Correction

    init(version: Int, correction: QRCode.Correction) {
        precondition((1...40).contains(version), "QR versions run from 1 to 40")
        self.version = version
        self.correction = correction
    }

    /// Modules per side: 21 for version 1, four more per version.
    var size: Int { 17 + 4 * version }

    /// Codewords the symbol holds in total (data and error correction), after the function patterns
    /// and the format and version information have taken their modules. Leftover modules are remainder bits.
    var totalCodewords: Int {
        var modules = size * size
        modules -= 3 * 8 * 8  // three finder patterns with their separators
        modules -= 2 * (size - 16)  // the two timing patterns between the separators
        modules -= 2 * 15 + 1  // two copies of the format information and the dark module
        let alignmentCount = Self.alignmentCentres[version - 1].count
        if alignmentCount > 0 {
            let patterns = alignmentCount * alignmentCount - 3  // none over the three finder corners
            modules -= 25 * patterns
            // Alignment patterns in row and column 6 sit on the timing patterns, counted there already.
            modules += 2 * 5 * (alignmentCount - 2)
        }
        if version >= 7 { modules -= 2 * 18 }  // two copies of the version information
        return modules / 8
    }

    /// Error-correction codewords in every block.
    var eccPerBlock: Int { Self.eccCodewordsPerBlock[correction.tableIndex][version - 1] }

    /// Number of error-correction blocks the data is split into.
    var blockCount: Int { Self.errorCorrectionBlocks[correction.tableIndex][version - 1] }

    /// Codewords left for data (mode, count, payload, terminator and padding).
    var dataCodewords: Int { totalCodewords - eccPerBlock * blockCount }

    /// Bits of the character count in byte mode (§7.4.1, Table 3).
    var byteCountBits: Int { version <= 9 ? 8 : 16 }

    /// Centres of the alignment patterns along each axis (Annex E, Table E.1).
    var alignmentCentres: [Int] { Self.alignmentCentres[version - 1] }

    // MARK: Tables (index 0 is version 1)

    /// Table 9, error-correction codewords per block, rows L, M, Q, H.
    private static let eccCodewordsPerBlock: [[Int]] = [
        [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Table 9, number of error-correction blocks, rows L, M, Q, H.
    private static let errorCorrectionBlocks: [[Int]] = [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// Annex E, Table E.1.
    private static let alignmentCentres: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62],
        [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82], [6, 30, 58, 86],
        [6, 34, 62, 90],
        [6, 28, 50, 72, 94], [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106],
        [6, 32, 58, 84, 110], [6, 30, 58, 86, 114], [6, 34, 62, 90, 118],
        [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130],
        [6, 30, 56, 82, 108, 134], [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142],
        [6, 34, 62, 90, 118, 146],
        [6, 30, 54, 78, 102, 126, 150], [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158],
        [6, 32, 58, 84, 110, 136, 162], [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
    ]
}
