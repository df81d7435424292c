import Foundation
import Testing

@testable import MotCuaDomain

/// The interoperability proof: hundreds of symbols rendered as PNG and read back byte for byte by an
/// independent decoder, zbarimg from Debian's zbar-tools. In CI (`CI=true`) a missing zbarimg fails the
/// suite; elsewhere the suite is skipped with that message.
@Suite(
    "QR codes read back by zbarimg",
    .enabled(
        if: ZBarImage.located != nil || ZBarImage.isRequired,
        "zbarimg is not installed (apt-get install zbar-tools); CI=true turns this into a failure"
    )
)
struct QRDecoderTests {
    @Test("Random text payloads of 1 to 1500 bytes at all four levels decode to the same UTF-8 bytes")
    func randomText() throws {
        let zbar = try ZBarImage.required()
        var random = QRTestRandom(seed: 0x5EED_0009)
        var samples: [QRSample] = []
        for kind in QRTextKind.allCases {
            for correction in QRCode.Correction.allCases {
                for _ in 0..<20 {
                    let text = kind.payload(maxBytes: Self.length(&random, correction), random: &random)
                    samples.append(try QRSample(kind: "\(kind)", text: text, correction: correction))
                }
            }
        }
        #expect(samples.count == 320)
        try zbar.expectDecoded(samples, binary: false)
    }

    @Test("Random bytes that are not UTF-8 decode to the same bytes in zbar's binary output")
    func randomBinary() throws {
        let zbar = try ZBarImage.required()
        var random = QRTestRandom(seed: 0xB1_0009)
        let samples = try (0..<40).map { index in
            let correction = QRCode.Correction.allCases[index % 4]
            var bytes = (0..<Self.length(&random, correction)).map { _ in UInt8.random(in: 0...255, using: &random) }
            bytes[0] = 0xFF  // never valid UTF-8, whatever follows
            return try QRSample(kind: "binary", bytes: bytes, correction: correction)
        }
        try zbar.expectDecoded(samples, binary: true)
    }

    @Test("Short Vietnamese texts, which zbar would take for Shift JIS without ECI 26, decode exactly")
    func shortVietnameseText() throws {
        let zbar = try ZBarImage.required()
        var random = QRTestRandom(seed: 0x0E_C126)
        // Short texts give a decoder's character-set guess the least to go on.
        var texts = ["bảo CẤP kết ", "Giấy khai sinh", "Trích lục kết hôn số 123/2026", "Ủy ban nhân dân xã Liên Bão"]
        texts += (0..<60).map { _ in
            QRTextKind.vietnamese.payload(maxBytes: Int.random(in: 4...40, using: &random), random: &random)
        }
        let samples = try texts.enumerated().map { index, text in
            try QRSample(kind: "vietnamese", text: text, correction: QRCode.Correction.allCases[index % 4])
        }
        try zbar.expectDecoded(samples, binary: false)
    }

    @Test("A symbol with a patch of 5 × 5 modules inverted still decodes: the error correction works", arguments: QRCode.Correction.allCases)
    func damagedSymbol(correction: QRCode.Correction) throws {
        let zbar = try ZBarImage.required()
        let text = "https://motcua.bacninh.gov.vn/verify/KQ-27-2026-000123?ban=Giấy khai sinh, bản chính số 45/2026"
        var sample = try QRSample(kind: "damaged", text: text, correction: correction)
        // Data modules along the bottom edge, clear of the finder, format, version and alignment patterns.
        let size = sample.code.size
        sample.damage = Set((9..<14).flatMap { x in ((size - 5)..<size).map { y in [x, y] } })
        try zbar.expectDecoded([sample], binary: false)
    }

    @Test("The verification URL of a result decodes from the default rendering at every level")
    func verificationURL() throws {
        let zbar = try ZBarImage.required()
        let url = "https://motcua.bacninh.gov.vn/verify/KQ-27-2026-000123"
        let samples = try QRCode.Correction.allCases.map { try QRSample(kind: "url", text: url, correction: $0) }
        try zbar.expectDecoded(samples, binary: false)
    }

    /// A payload length in bytes: a third short (≤ 64), a third medium (≤ 400), a third long (≤ 1500, or
    /// what version 40 holds at level H with an ECI designator, 1271).
    static func length(_ random: inout QRTestRandom, _ correction: QRCode.Correction) -> Int {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: Int.random(in: 1...64, using: &random)
        case 1: Int.random(in: 65...400, using: &random)
        default: Int.random(in: 401...min(1500, QRCode.capacity(version: 40, correction: correction) - 2), using: &random)
        }
    }
}

/// One symbol to decode and the bytes it must give back.
struct QRSample {
    let kind: String
    let bytes: [UInt8]
    let code: QRCode
    /// Modules (x, y) drawn in the wrong colour, to make the decoder correct errors.
    var damage: Set<[Int]> = []

    init(kind: String, bytes: [UInt8], code: QRCode) {
        self.kind = kind
        self.bytes = bytes
        self.code = code
    }

    init(kind: String, bytes: [UInt8], correction: QRCode.Correction) throws {
        self.init(kind: kind, bytes: bytes, code: try QRCode(bytes: bytes, correction: correction))
    }

    /// Text as the platform encodes it: `QRCode(text:)`, UTF-8 with ECI 26 when not ASCII.
    init(kind: String, text: String, correction: QRCode.Correction) throws {
        self.init(kind: kind, bytes: Array(text.utf8), code: try QRCode(text: text, correction: correction))
    }

    var label: String {
        "\(kind), \(bytes.count) bytes, version \(code.version)-\(code.correction.letter), mask \(code.mask)"
            + (damage.isEmpty ? "" : ", \(damage.count) modules damaged")
    }

    /// The PNG as `QRCode.png()` draws it, or, with damage, the same image (4 pixels per module, quiet
    /// zone of 4) with the damaged modules inverted.
    func png() -> [UInt8] {
        if damage.isEmpty { return code.png() }
        let side = (code.size + 8) * 4, rowBytes = (side + 7) / 8
        var scanlines: [UInt8] = []
        for row in 0..<side {
            var line = [UInt8](repeating: 0xFF, count: rowBytes)
            for column in 0..<side {
                let (x, y) = (column / 4 - 4, row / 4 - 4)
                if code.isDark(x: x, y: y) != damage.contains([x, y]) { line[column >> 3] &= ~(0x80 >> UInt8(column & 7)) }
            }
            scanlines += [0] + line
        }
        return PNGImage.grayscale1Bit(width: side, height: side, scanlines: scanlines)
    }
}

/// Kinds of text a verification code or a printed result may carry.
enum QRTextKind: CaseIterable {
    case ascii, vietnamese, url, unicode

    static let words = [
        "Ủy", "ban", "nhân", "dân", "xã", "phường", "huyện", "tỉnh", "Bắc", "Ninh", "Giang", "giấy", "khai", "sinh",
        "trích", "lục", "kết", "hôn", "xác", "nhận", "tình", "trạng", "hôn", "nhân", "cư", "trú", "quyền", "sử",
        "dụng", "đất", "hộ", "kinh", "doanh", "bảo", "hiểm", "y", "tế", "Nguyễn", "Trần", "Lê", "Phạm", "Vũ",
        "Đặng", "Thị", "Văn", "Hùng", "Hương", "Thủy", "Đức", "Ánh", "Tuyết", "Ngọc", "Bảo", "số", "ngày", "tháng",
        "năm", "cấp", "lần", "đầu", "thường", "trú", "Thôn", "Đông", "Liên", "Bão", "Tiên", "Du", "Từ", "Sơn",
        "ĐƯỢC", "CẤP", "QUYỂN", "SỐ", "—", "“", "”", "1.",
    ]

    /// Text of at most `maxBytes` UTF-8 bytes (never empty).
    func payload(maxBytes: Int, random: inout QRTestRandom) -> String {
        var text = ""
        while true {
            let piece = next(&random)
            if text.utf8.count + piece.utf8.count > maxBytes { break }
            text += piece
        }
        return text.isEmpty ? "A" : text
    }

    private func next(_ random: inout QRTestRandom) -> String {
        switch self {
        case .ascii:
            // Printable ASCII with tabs and line breaks now and then.
            let scalar = Int.random(in: 0..<100, using: &random) < 3 ? "\t\n\r".randomElement(using: &random)!
                : Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random)))
            return String(scalar)
        case .vietnamese:
            return Self.words.randomElement(using: &random)! + (Bool.random(using: &random) ? " " : ", ")
        case .url:
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            let id = String((0..<Int.random(in: 6...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            return "https://motcua.bacninh.gov.vn/verify/\(id)?"
        case .unicode:
            // Any scalar, controls and NUL included: C0, Latin-1, combining marks, Vietnamese, kana, CJK,
            // private use, full-width forms, emoji.
            let ranges: [ClosedRange<UInt32>] = [
                0x00...0x7F, 0x80...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x3040...0x30FF, 0x4E00...0x9FFF,
                0xE000...0xF8FF, 0xFF00...0xFFEF, 0x1F300...0x1F6FF,
            ]
            let range = ranges.randomElement(using: &random)!
            return String(Unicode.Scalar(UInt32.random(in: range, using: &random))!)
        }
    }
}

/// A seedable generator, so that a failing payload can be reproduced (xorshift64*).
struct QRTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 1 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// zbarimg, run through Foundation's `Process`.
struct ZBarImage {
    let executable: URL

    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static let located: ZBarImage? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("zbarimg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
            .map(ZBarImage.init)
    }()

    static func required() throws -> ZBarImage {
        try #require(located, "zbarimg is required here (CI=true): apt-get install zbar-tools")
    }

    /// Renders every sample as PNG, decodes them all in one zbarimg run, and expects each payload back;
    /// on a mismatch, decodes the samples one by one to name the first that fails.
    func expectDecoded(_ samples: [QRSample], binary: Bool) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("motcua-qr-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try samples.enumerated().map { index, sample in
            let file = directory.appendingPathComponent("\(index).png")
            try Data(sample.png()).write(to: file)
            return file
        }
        // --raw prints each symbol's text and a line feed; -Sbinary prints the bytes alone, unconverted.
        let expected: [UInt8] = samples.flatMap { binary ? $0.bytes : $0.bytes + [0x0A] }
        let (output, status) = try run(files, binary: binary)
        if output == expected { return }
        for (sample, file) in zip(samples, files) {
            let (single, singleStatus) = try run([file], binary: binary)
            let want = binary ? sample.bytes : sample.bytes + [0x0A]
            if single != want {
                Issue.record(
                    """
                    zbarimg (exit \(singleStatus)) read \(single.count) bytes instead of \(want.count) from \
                    \(sample.label); payload hex: \(sample.bytes.map { String($0, radix: 16) }.joined(separator: " "))
                    """)
                return
            }
        }
        Issue.record("zbarimg (exit \(status)) output differs from the \(samples.count) payloads, yet each decodes alone")
    }

    private func run(_ files: [URL], binary: Bool) throws -> (output: [UInt8], status: Int32) {
        let process = Process()
        process.executableURL = executable
        // Only QR codes: otherwise zbar finds the odd spurious 1D barcode (Interleaved 2 of 5) in the modules.
        let options = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable"] + (binary ? ["-Sbinary"] : [])
        process.arguments = options + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (Array(data), process.terminationStatus)
    }
}
