/// A QR code symbol (ISO/IEC 18004:2015) holding bytes in byte mode, in the smallest version that fits.
///
/// The encoder is written for the platform's result and verification codes: byte mode only (a verification
/// URL or Vietnamese text gains little from the numeric, alphanumeric or kanji modes), versions 1–40,
/// all four error-correction levels, and the mask chosen by the standard's penalty rules.
///
/// ```swift
/// let code = try QRCode(text: "https://motcua.bacninh.gov.vn/verify/KQ-2026-000123")
/// let svg = code.svg()
/// ```
public struct QRCode: Sendable {
    /// The error-correction level: the share of codewords that may be damaged and still be recovered.
    public enum Correction: Sendable, CaseIterable {
        /// About 7 % recoverable.
        case low
        /// About 15 % recoverable.
        case medium
        /// About 25 % recoverable.
        case quartile
        /// About 30 % recoverable.
        case high

        /// The level's letter in the standard: L, M, Q or H.
        public var letter: String {
            switch self {
            case .low: "L"
            case .medium: "M"
            case .quartile: "Q"
            case .high: "H"
            }
        }
    }

    /// The version, 1...40; version v has 17 + 4v modules per side.
    public let version: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// The error-correction level the symbol was made at.
    public let correction: Correction
    /// The data mask pattern reference (0...7) the penalty rules chose.
    public let mask: Int
    /// Row-major, `true` is dark.
    private let modules: [Bool]

    /// Encodes the text's UTF-8 bytes exactly as given (no Unicode normalisation: pass NFC text, as the
    /// platform stores it, so that the decoded text compares equal).
    ///
    /// Text with any non-ASCII character is preceded by the ECI designator 26, which declares UTF-8. Why:
    /// without it the standard's default for byte mode is ISO 8859-1, and decoders guess instead. zbarimg
    /// guesses Shift JIS for Vietnamese text whose UTF-8 bytes happen to be valid Shift JIS too ("bảo CẤP
    /// kết " comes back as "b廕υ C廕匕 k廕篙 "), and ZXing, behind many Android camera apps, guesses
    /// likewise (its StringUtils.guessEncoding). With ECI 26, decoders that implement the standard's ECI
    /// (zbar, ZXing) read UTF-8 every time; QRDecoderTests checks this over hundreds of texts. Phone camera
    /// apps could not be tested here. Pure ASCII text gets no designator: it reads the same in every
    /// character set, and a reader that ignores ECI still reads it.
    ///
    /// Throws ``QRCodeError`` when the text does not fit in version 40 at this level.
    public init(text: String, correction: Correction = .medium) throws {
        let bytes = Array(text.utf8)
        try self.init(bytes: bytes, correction: correction, eci: bytes.allSatisfy { $0 < 0x80 } ? nil : 26, forcedMask: nil)
    }

    /// Encodes the bytes in byte mode, without a character-set designator: for data that is not text, or
    /// whose reader knows its encoding. Text should go through ``init(text:correction:)``.
    ///
    /// Throws ``QRCodeError`` when the bytes do not fit in version 40 at this level.
    public init(bytes: [UInt8], correction: Correction = .medium) throws {
        try self.init(bytes: bytes, correction: correction, eci: nil, forcedMask: nil)
    }

    /// The encoder proper. `eci` puts an ECI designator (§7.4.3) before the data; `forcedMask` skips the
    /// penalty evaluation, to compare with published symbols.
    init(bytes: [UInt8], correction: Correction, eci: UInt8?, forcedMask: QRMask?) throws {
        let header = Header(eci: eci)
        guard let layout = Self.smallestLayout(byteCount: bytes.count, correction: correction, header: header)
        else {
            let maximum = Self.capacity(layout: QRSymbolLayout(version: 40, correction: correction), header: header)
            throw QRCodeError(.tooLong(byteCount: bytes.count, maximum: maximum, correction: correction))
        }
        let codewords = Self.interleavedCodewords(Self.dataCodewords(bytes, layout: layout, header: header), layout: layout)
        var unmasked = QRMatrix(layout: layout)
        unmasked.placeCodewords(codewords)

        var chosen = unmasked.masked(forcedMask ?? QRMask(0), correction: correction)
        var chosenMask = forcedMask ?? QRMask(0)
        if forcedMask == nil {
            // Keep the lowest penalty; the lower mask reference wins ties.
            var lowest = chosen.penalty
            for mask in QRMask.all.dropFirst() {
                let candidate = unmasked.masked(mask, correction: correction)
                let penalty = candidate.penalty
                if penalty < lowest { (chosen, chosenMask, lowest) = (candidate, mask, penalty) }
            }
        }
        version = layout.version
        size = layout.size
        self.correction = correction
        mask = chosenMask.reference
        modules = chosen.modules
    }

    /// Whether the module at column `x`, row `y` (0-based, from the top left) is dark; outside the
    /// symbol (the quiet zone) every module is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// The most bytes a symbol of this version (1...40) and level holds in byte mode without ECI.
    static func capacity(version: Int, correction: Correction) -> Int {
        capacity(layout: QRSymbolLayout(version: version, correction: correction), header: Header(eci: nil))
    }

    // MARK: Encoding steps

    /// What precedes the payload: an optional ECI designator, the byte-mode indicator and the count.
    struct Header {
        let eci: UInt8?

        func bitCount(layout: QRSymbolLayout) -> Int {
            (eci == nil ? 0 : 4 + 8) + 4 + layout.byteCountBits
        }
    }

    private static func capacity(layout: QRSymbolLayout, header: Header) -> Int {
        let bits = layout.dataCodewords * 8 - header.bitCount(layout: layout)
        return min(bits / 8, (1 << layout.byteCountBits) - 1)
    }

    private static func smallestLayout(byteCount: Int, correction: Correction, header: Header) -> QRSymbolLayout? {
        (1...40).lazy
            .map { QRSymbolLayout(version: $0, correction: correction) }
            .first { capacity(layout: $0, header: header) >= byteCount }
    }

    /// ECI designator, mode indicator, count, payload, terminator and pad codewords (§7.4).
    static func dataCodewords(_ bytes: [UInt8], layout: QRSymbolLayout, header: Header) -> [UInt8] {
        var buffer = QRBitBuffer()
        if let eci = header.eci {
            buffer.append(0b0111, length: 4)  // ECI mode
            precondition(eci < 128, "designators up to 127 take one byte")
            buffer.append(Int(eci), length: 8)
        }
        buffer.append(0b0100, length: 4)  // byte mode
        buffer.append(bytes.count, length: layout.byteCountBits)
        for byte in bytes { buffer.append(Int(byte), length: 8) }
        let capacityBits = layout.dataCodewords * 8
        buffer.append(0, length: min(4, capacityBits - buffer.count))  // terminator, cut short if no room
        buffer.append(0, length: (8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < layout.dataCodewords {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data into blocks, appends each block's Reed–Solomon codewords, and interleaves them:
    /// first codeword of every block, then the second…, data before error correction (§7.6).
    static func interleavedCodewords(_ data: [UInt8], layout: QRSymbolLayout) -> [UInt8] {
        let blockCount = layout.blockCount
        let shortBlockCount = blockCount - layout.totalCodewords % blockCount
        let shortDataLength = layout.totalCodewords / blockCount - layout.eccPerBlock
        let generator = QRReedSolomon.generator(degree: layout.eccPerBlock)

        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        var start = 0
        for block in 0..<blockCount {
            // The later blocks, if any, are one data codeword longer.
            let length = shortDataLength + (block < shortBlockCount ? 0 : 1)
            let slice = data[start..<(start + length)]
            dataBlocks.append(slice)
            eccBlocks.append(QRReedSolomon.remainder(of: slice, generator: generator))
            start += length
        }

        var result: [UInt8] = []
        result.reserveCapacity(layout.totalCodewords)
        for i in 0...shortDataLength {
            for block in dataBlocks where i < block.count {
                result.append(block[block.startIndex + i])
            }
        }
        for i in 0..<layout.eccPerBlock {
            for block in eccBlocks { result.append(block[i]) }
        }
        return result
    }
}

extension QRCode.Correction {
    /// The two format-information bits of the level (§7.9.1, Table 12): L 01, M 00, Q 11, H 10.
    var formatIndicator: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }

    /// The row of the level in the error-correction tables, ordered L, M, Q, H.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }
}
