/// The module grid of a symbol while it is being built: function patterns first, then the codewords,
/// then a mask with its format information (ISO/IEC 18004 §7.6–7.9).
struct QRMatrix: Sendable {
    let size: Int
    /// Row-major, `true` is dark.
    private(set) var modules: [Bool]
    /// Row-major, `true` where a function pattern or format/version information sits (never masked).
    private var reserved: [Bool]

    /// A grid with every function pattern drawn and the format and version areas reserved.
    init(layout: QRSymbolLayout) {
        size = layout.size
        modules = [Bool](repeating: false, count: size * size)
        reserved = [Bool](repeating: false, count: size * size)
        drawTimingPatterns()
        drawFinderPattern(centreX: 3, centreY: 3)
        drawFinderPattern(centreX: size - 4, centreY: 3)
        drawFinderPattern(centreX: 3, centreY: size - 4)
        drawAlignmentPatterns(centres: layout.alignmentCentres)
        // Reserve the format areas now (their content depends on the mask, drawn later).
        drawFormatInformation(bits: 0)
        if layout.version >= 7 { drawVersionInformation(version: layout.version) }
    }

    /// A finished grid given row by row, to score it (tests and worked examples).
    init(rows: [[Bool]]) {
        size = rows.count
        modules = rows.flatMap { $0 }
        reserved = [Bool](repeating: true, count: modules.count)
        precondition(rows.allSatisfy { $0.count == size }, "a QR grid is square")
    }

    subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        reserved[y * size + x] = true
    }

    // MARK: Function patterns (§6.3)

    private mutating func drawTimingPatterns() {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
    }

    /// A 7×7 finder pattern and its light separator, clipped at the symbol's edge.
    private mutating func drawFinderPattern(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x, y, ring != 2 && ring != 4)
            }
        }
    }

    /// 5×5 alignment patterns at every pair of centres except the three that overlap finder patterns.
    private mutating func drawAlignmentPatterns(centres: [Int]) {
        guard let last = centres.indices.last else { return }
        for i in centres.indices {
            for j in centres.indices {
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 {
                        setFunction(centres[i] + dx, centres[j] + dy, max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
    }

    // MARK: Format and version information (§7.9, §7.10)

    /// The 15-bit format information: 2 bits of level and 3 of mask, BCH(15,5)-protected, XOR 101010000010010.
    static func formatBits(correction: QRCode.Correction, mask: QRMask) -> Int {
        let data = correction.formatIndicator << 3 | mask.reference
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The 18-bit version information: 6 bits of version, BCH(18,6)-protected.
    static func versionBits(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }

    /// Both copies of the format information (bit 0 is the least significant) and the dark module.
    private mutating func drawFormatInformation(bits: Int) {
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        // Around the top-left finder: down column 8 (skipping the timing row), then left along row 8.
        for i in 0...5 { setFunction(8, i, bit(i)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
        // Split between the other two finders: along row 8 at the right, then down column 8 at the bottom.
        for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
        setFunction(8, size - 8, true)
    }

    /// Two 6×3 blocks of version information, beside the top-right and below the bottom-left finder.
    private mutating func drawVersionInformation(version: Int) {
        let bits = Self.versionBits(version: version)
        for i in 0..<18 {
            let dark = (bits >> i) & 1 == 1
            let across = size - 11 + i % 3, along = i / 3
            setFunction(across, along, dark)
            setFunction(along, across, dark)
        }
    }

    // MARK: Data (§7.7.3)

    /// Places the codewords in two-module-wide columns, zig-zagging up and down from the bottom right,
    /// skipping function modules and the vertical timing column. Remainder bits stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !reserved[y * size + x] && index < bitCount {
                    modules[y * size + x] = (codewords[index >> 3] >> UInt8(7 - (index & 7))) & 1 == 1
                    index += 1
                }
            }
            right -= 2
        }
        precondition(index == bitCount, "the codewords must fill the data area")
    }

    /// This grid with `mask` applied to the data modules and the matching format information written.
    func masked(_ mask: QRMask, correction: QRCode.Correction) -> QRMatrix {
        var result = self
        for y in 0..<size {
            for x in 0..<size where !reserved[y * size + x] && mask.inverts(x: x, y: y) {
                result.modules[y * size + x].toggle()
            }
        }
        result.drawFormatInformation(bits: Self.formatBits(correction: correction, mask: mask))
        return result
    }
}
