import Testing

@testable import MotCuaDomain

/// Known answers from ISO/IEC 18004:2015 and from published encoders, and the capacity edges.
@Suite("QR code encoder")
struct QRCodeTests {
    // MARK: Reed–Solomon

    @Test("The degree-7 generator polynomial is the one printed in ISO/IEC 18004 Annex A")
    func generatorPolynomialOfDegreeSeven() {
        // g(x) = x⁷ + α⁸⁷x⁶ + α²²⁹x⁵ + α¹⁴⁶x⁴ + α¹⁴⁹x³ + α²³⁸x² + α¹⁰²x + α²¹
        let exponents = [0, 87, 229, 146, 149, 238, 102, 21]
        #expect(QRReedSolomon.generator(degree: 7) == exponents.map { QRReedSolomon.exp[$0] })
    }

    @Test("The degree-10 generator polynomial has the exponents of the usual worked example")
    func generatorPolynomialOfDegreeTen() {
        let exponents = [0, 251, 67, 46, 61, 118, 70, 64, 94, 32, 45]
        #expect(QRReedSolomon.generator(degree: 10) == exponents.map { QRReedSolomon.exp[$0] })
    }

    @Test("The field's powers of α wrap around after 255 and every non-zero byte has a logarithm")
    func galoisField() {
        #expect(QRReedSolomon.exp[0] == 1)
        #expect(QRReedSolomon.exp[8] == 0x1D)  // α⁸ = x⁴ + x³ + x² + 1
        #expect(Set(QRReedSolomon.exp[0..<255]).count == 255)
        #expect(!QRReedSolomon.exp[0..<255].contains(0))
    }

    @Test("The error-correction codewords of the 1-M “HELLO WORLD” example are reproduced")
    func helloWorldErrorCorrection() {
        // Data codewords of "HELLO WORLD" in alphanumeric mode at 1-M (thonky.com QR Code Tutorial).
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ecc = QRReedSolomon.remainder(of: data[...], generator: QRReedSolomon.generator(degree: 10))
        #expect(ecc == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("Four blocks of version 5-Q are interleaved as in the 5-Q worked example")
    func interleavingOfFiveQ() {
        // thonky.com QR Code Tutorial, "Structure Final Message": blocks of 15, 15, 16 and 16 data codewords.
        let data: [UInt8] = [
            67, 85, 70, 134, 87, 38, 85, 194, 119, 50, 6, 18, 6, 103, 38,
            246, 246, 66, 7, 118, 134, 242, 7, 38, 86, 22, 198, 199, 146, 6,
            182, 230, 247, 119, 50, 7, 118, 134, 87, 38, 82, 6, 134, 151, 50, 7,
            70, 247, 118, 86, 194, 6, 151, 50, 16, 236, 17, 236, 17, 236, 17, 236,
        ]
        let expected: [UInt8] = [
            67, 246, 182, 70, 85, 246, 230, 247, 70, 66, 247, 118, 134, 7, 119,
            86, 87, 118, 50, 194, 38, 134, 7, 6, 85, 242, 118, 151, 194, 7, 134,
            50, 119, 38, 87, 16, 50, 86, 38, 236, 6, 22, 82, 17, 18, 198, 6, 236,
            6, 199, 134, 17, 103, 146, 151, 236, 38, 6, 50, 17, 7, 236, 213, 87,
            148, 235, 199, 204, 116, 159, 11, 96, 177, 5, 45, 60, 212, 173, 115,
            202, 76, 24, 247, 182, 133, 147, 241, 124, 75, 59, 223, 157, 242, 33,
            229, 200, 238, 106, 248, 134, 76, 40, 154, 27, 195, 255, 117, 129,
            230, 172, 154, 209, 189, 82, 111, 17, 10, 2, 86, 163, 108, 131, 161,
            163, 240, 32, 111, 120, 192, 178, 39, 133, 141, 236,
        ]
        let layout = QRSymbolLayout(version: 5, correction: .quartile)
        #expect(QRCode.interleavedCodewords(data, layout: layout) == expected)
    }

    // MARK: Format and version information

    @Test(
        "Format information matches ISO/IEC 18004 Annex C, Table C.1",
        arguments: [
            (QRCode.Correction.medium, 0, 0b101010000010010),
            (.medium, 1, 0b101000100100101),
            (.medium, 2, 0b101111001111100),
            (.low, 0, 0b111011111000100),
            (.low, 7, 0b110100101110110),
            (.quartile, 0, 0b011010101011111),
            (.high, 0, 0b001011010001001),
            (.high, 7, 0b000100000111011),
        ]
    )
    func formatInformation(correction: QRCode.Correction, mask: Int, bits: Int) {
        #expect(QRMatrix.formatBits(correction: correction, mask: QRMask(mask)) == bits)
    }

    @Test(
        "Version information matches ISO/IEC 18004 Annex D, Table D.1",
        arguments: [(7, 0x07C94), (8, 0x085BC), (21, 0x15683), (40, 0x28C69)]
    )
    func versionInformation(version: Int, bits: Int) {
        #expect(QRMatrix.versionBits(version: version) == bits)
    }

    // MARK: Symbol layout

    @Test("Data codewords per version match ISO/IEC 18004 Table 7 for every level")
    func dataCodewordsPerVersion() {
        let table: [QRCode.Correction: [Int]] = [
            .low: [
                19, 34, 55, 80, 108, 136, 156, 194, 232, 274, 324, 370, 428, 461, 523, 589, 647, 721, 795, 861,
                932, 1006, 1094, 1174, 1276, 1370, 1468, 1531, 1631, 1735, 1843, 1955, 2071, 2191, 2306, 2434,
                2566, 2702, 2812, 2956,
            ],
            .medium: [
                16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254, 290, 334, 365, 415, 453, 507, 563, 627, 669,
                714, 782, 860, 914, 1000, 1062, 1128, 1193, 1267, 1373, 1455, 1541, 1631, 1725, 1812, 1914,
                1992, 2102, 2216, 2334,
            ],
            .quartile: [
                13, 22, 34, 48, 62, 76, 88, 110, 132, 154, 180, 206, 244, 261, 295, 325, 367, 397, 445, 485,
                512, 568, 614, 664, 718, 754, 808, 871, 911, 985, 1033, 1115, 1171, 1231, 1286, 1354, 1426,
                1502, 1582, 1666,
            ],
            .high: [
                9, 16, 26, 36, 46, 60, 66, 86, 100, 122, 140, 158, 180, 197, 223, 253, 283, 313, 341, 385, 406,
                442, 464, 514, 538, 596, 628, 661, 701, 745, 793, 845, 901, 961, 986, 1054, 1096, 1142, 1222,
                1276,
            ],
        ]
        for correction in QRCode.Correction.allCases {
            let computed = (1...40).map { QRSymbolLayout(version: $0, correction: correction).dataCodewords }
            #expect(computed == table[correction], "level \(correction.letter)")
        }
    }

    @Test("Alignment centres start at 6, end 7 modules from the far edge and are evenly spaced after the first")
    func alignmentCentres() {
        for version in 2...40 {
            let layout = QRSymbolLayout(version: version, correction: .medium)
            let centres = layout.alignmentCentres
            #expect(centres.count == version / 7 + 2, "version \(version)")
            #expect(centres.first == 6 && centres.last == layout.size - 7, "version \(version)")
            let steps = Set(zip(centres.dropFirst(), centres.dropFirst(2)).map { $1 - $0 })
            #expect(steps.count <= 1 && steps.allSatisfy { $0.isMultiple(of: 2) }, "version \(version)")
        }
    }

    // MARK: Capacity

    @Test("Byte-mode capacities at the corners match ISO/IEC 18004 Table 7")
    func byteCapacities() {
        #expect(QRCode.Correction.allCases.map { QRCode.capacity(version: 1, correction: $0) } == [17, 14, 11, 7])
        #expect(QRCode.Correction.allCases.map { QRCode.capacity(version: 10, correction: $0) } == [271, 213, 151, 119])
        #expect(QRCode.Correction.allCases.map { QRCode.capacity(version: 40, correction: $0) } == [2953, 2331, 1663, 1273])
    }

    @Test(
        "The largest payload of a version fits in it, and one byte more moves to the next version",
        arguments: QRCode.Correction.allCases, [1, 2, 9, 10, 26, 39]
    )
    func capacityEdge(correction: QRCode.Correction, version: Int) throws {
        let capacity = QRCode.capacity(version: version, correction: correction)
        let full = try QRCode(bytes: [UInt8](repeating: 0x61, count: capacity), correction: correction)
        #expect(full.version == version)
        #expect(full.size == 17 + 4 * version)
        let over = try QRCode(bytes: [UInt8](repeating: 0x61, count: capacity + 1), correction: correction)
        #expect(over.version == version + 1)
    }

    @Test("One byte more than version 40 holds is refused with the limit in the message", arguments: QRCode.Correction.allCases)
    func tooLong(correction: QRCode.Correction) throws {
        let maximum = QRCode.capacity(version: 40, correction: correction)
        #expect(try QRCode(bytes: [UInt8](repeating: 0x7A, count: maximum), correction: correction).version == 40)
        let error = try #require(throws: QRCodeError.self) {
            try QRCode(bytes: [UInt8](repeating: 0x7A, count: maximum + 1), correction: correction)
        }
        #expect(error.reason == .tooLong(byteCount: maximum + 1, maximum: maximum, correction: correction))
        #expect(error.description.contains("\(maximum)"))
        #expect(error.description.contains("mức sửa lỗi \(correction.letter)"))
    }

    @Test("Non-ASCII text is encoded as UTF-8 after an ECI 26 designator, which costs 12 bits")
    func nonASCIITextCarriesECI() throws {
        let text = "Ởệ" + String(repeating: "a", count: 7)  // 13 bytes: 1-M holds 14, or 13 after ECI
        let code = try QRCode(text: text)
        #expect(code.version == 1)
        let withECI = try QRCode(bytes: Array(text.utf8), correction: .medium, eci: 26, forcedMask: nil)
        #expect(Self.rows(of: code) == Self.rows(of: withECI))
        #expect(try QRCode(text: text + "a").version == 2)
        #expect(try QRCode(bytes: Array((text + "a").utf8)).version == 1)
    }

    @Test("ASCII text gets no ECI designator: it is the same symbol as its bytes")
    func asciiTextHasNoECI() throws {
        let url = "https://motcua.bacninh.gov.vn/verify/KQ-27-2026-000123"
        #expect(Self.rows(of: try QRCode(text: url)) == Self.rows(of: try QRCode(bytes: Array(url.utf8))))
    }

    @Test("The default level is M")
    func defaultLevel() throws {
        #expect(try QRCode(text: "https://motcua.bacninh.gov.vn/verify/1").correction == .medium)
    }

    // MARK: Reference symbol

    @Test("“hello” with ECI 26 at 1-H under mask 3 is ZXing's published reference symbol module for module")
    func zxingReferenceSymbol() throws {
        // ZXing core/src/test/java/com/google/zxing/qrcode/encoder/EncoderTestCase.java, testSimpleUTF8ECI.
        let expected = [
            "111111100000001111111",
            "100000100010101000001",
            "101110100101001011101",
            "101110100110101011101",
            "101110101010101011101",
            "100000100000101000001",
            "111111101010101111111",
            "000000001110000000000",
            "001100111100011010000",
            "001110000011000101110",
            "010101110101000001111",
            "110010011001111010110",
            "000010111100000100100",
            "000000001111001110001",
            "111111101110101100100",
            "100000100010011111101",
            "101110100100001100000",
            "101110101110100011000",
            "101110101100010010000",
            "100000100001101010110",
            "111111100101110110000",
        ]
        let code = try QRCode(bytes: Array("hello".utf8), correction: .high, eci: 26, forcedMask: QRMask(3))
        #expect(code.version == 1)
        #expect(Self.rows(of: code) == expected)
    }

    @Test("Every mask yields a different symbol, and the chosen one has the lowest penalty")
    func maskChoice() throws {
        let bytes = Array("https://motcua.bacninh.gov.vn/verify/KQ-2026-000123".utf8)
        let chosen = try QRCode(bytes: bytes, correction: .medium)
        let layout = QRSymbolLayout(version: chosen.version, correction: .medium)
        var unmasked = QRMatrix(layout: layout)
        unmasked.placeCodewords(
            QRCode.interleavedCodewords(
                QRCode.dataCodewords(bytes, layout: layout, header: .init(eci: nil)), layout: layout))
        let penalties = QRMask.all.map { unmasked.masked($0, correction: .medium).penalty }
        #expect(penalties[chosen.mask] == penalties.min())
        #expect(penalties.firstIndex(of: penalties.min()!) == chosen.mask)
        let symbols = try QRMask.all.map { try Self.rows(of: QRCode(bytes: bytes, correction: .medium, eci: nil, forcedMask: $0)) }
        #expect(Set(symbols).count == 8)
        #expect(symbols[chosen.mask] == Self.rows(of: chosen))
    }

    @Test("The penalty rules score the 1-Q “HELLO WORLD” worked example 180 + 90 + 80 + 0")
    func penaltyRules() {
        // thonky.com QR Code Tutorial, "Data Masking", the symbol under mask 0: rule 1 gives 88 across and
        // 92 down, rule 2 gives 90, rule 3 finds two finder-like patterns, and 42.9 % dark costs nothing.
        let grid = QRMatrix(
            rows: [
                "XXXXXXX.XX....XXXXXXX",
                "X.....X.X..X..X.....X",
                "X.XXX.X.X..XX.X.XXX.X",
                "X.XXX.X.X.....X.XXX.X",
                "X.XXX.X.X.X...X.XXX.X",
                "X.....X...X...X.....X",
                "XXXXXXX.X.X.X.XXXXXXX",
                "........X............",
                ".XX.X.XX....X.X.XXXXX",
                ".X......XXXX....X...X",
                "..XX.XXX.XX...X.XX...",
                ".XX.XX.X..XX.X.X.XXX.",
                "X...X.X.X.XXX.XXX.X.X",
                "........XX.X..X...X.X",
                "XXXXXXX.X.X....X.XX..",
                "X.....X..X.XX.XX.X...",
                "X.XXX.X.X.X...XXXXXXX",
                "X.XXX.X..X.X.X.X...X.",
                "X.XXX.X.X...XXXX.X..X",
                "X.....X.X.XX.X...X.XX",
                "XXXXXXX.....XXXX....X",
            ].map { $0.map { $0 == "X" } })
        #expect(grid.sameColourRunPenalty == 180)
        #expect(grid.sameColourBlockPenalty == 90)
        #expect(grid.finderLikePenalty == 80)
        #expect(grid.balancePenalty == 0)
        #expect(grid.penalty == 350)
    }

    @Test("For “hello” with ECI 26 at 1-H the penalty rules choose mask 3, as ZXing does")
    func zxingMaskChoice() throws {
        let code = try QRCode(bytes: Array("hello".utf8), correction: .high, eci: 26, forcedMask: nil)
        #expect(code.mask == 3)
    }

    /// The symbol as rows of "1" (dark) and "0" (light).
    static func rows(of code: QRCode) -> [String] {
        (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }) }
    }
}
