import Foundation
import Testing

@testable import MotCuaReconciliation

/// Registers saved in encodings other than UTF-8 are converted as a whole, or refused as a whole with the reason,
/// instead of every row with a diacritic being rejected one by one.
@Suite struct TextEncodingTests {
    /// "Nguyễn Văn An", "Trần Thị Bình" and "Phường Kinh Bắc" in Windows-1258 (tones as combining marks), as
    /// Python's `cp1258` codec writes them; Python decodes them back to the same NFC text.
    static let nguyenVanAn: [UInt8] = [0x4E, 0x67, 0x75, 0x79, 0xEA, 0xDE, 0x6E, 0x20, 0x56, 0xE3, 0x6E, 0x20, 0x41, 0x6E]
    static let tranThiBinh: [UInt8] = [0x54, 0x72, 0xE2, 0xCC, 0x6E, 0x20, 0x54, 0x68, 0x69, 0xF2, 0x20, 0x42, 0x69, 0xCC, 0x6E, 0x68]
    static let phuongKinhBac: [UInt8] = [
        0x50, 0x68, 0xFD, 0xF5, 0xCC, 0x6E, 0x67, 0x20, 0x4B, 0x69, 0x6E, 0x68, 0x20, 0x42, 0xE3, 0xEC, 0x63,
    ]

    @Test func windows1258TextIsDecodedToNFCLikeAnIndependentCodec() {
        for (bytes, text) in [(Self.nguyenVanAn, "Nguyễn Văn An"), (Self.tranThiBinh, "Trần Thị Bình"), (Self.phuongKinhBac, "Phường Kinh Bắc")] {
            let (converted, outcome) = TextEncoding.utf8(bytes)
            #expect(outcome == .converted(from: "Windows-1258"))
            #expect(String(decoding: converted, as: UTF8.self) == text)
        }
        // UTF-8 is left as it is, and so is UTF-8 with one stray byte (its row is rejected where it is).
        let utf8 = Array("Nguyễn Văn An,Trần Thị Bình,Phường Kinh Bắc\n".utf8)
        #expect(TextEncoding.utf8(utf8) == (utf8, .utf8))
        #expect(TextEncoding.utf8(utf8 + [0xEA] + utf8).1 == .utf8)
    }

    /// "Nguyễn Văn An, Bảo Thắng, Phường Kinh Bắc, TRƯỜNG" in TCVN3, as `iconv -t TCVN5712-1` writes it.
    static let tcvn3Sample: [UInt8] = [
        0x4E, 0x67, 0x75, 0x79, 0xD4, 0x6E, 0x20, 0x56, 0xA8, 0x6E, 0x20, 0x41, 0x6E, 0x2C, 0x20, 0x42, 0xB6, 0x6F, 0x20, 0x54, 0x68,
        0xBE, 0x6E, 0x67, 0x2C, 0x20, 0x50, 0x68, 0xAD, 0xEA, 0x6E, 0x67, 0x20, 0x4B, 0x69, 0x6E, 0x68, 0x20, 0x42, 0xBE, 0x63, 0x2C,
        0x20, 0x54, 0x52, 0xA6, 0x98, 0x4E, 0x47,
    ]

    @Test func aTCVN3FileIsDecodedLikeTheCLibrarysConverter() throws {
        let (converted, outcome) = TextEncoding.utf8(Self.tcvn3Sample)
        #expect(outcome == .converted(from: "TCVN3"))
        #expect(String(decoding: converted, as: UTF8.self) == "Nguyễn Văn An, Bảo Thắng, Phường Kinh Bắc, TRƯỜNG")
        // Typed in the capitals font, the accented letters have the small letters' codes: a word in capitals gets them
        // in capitals ("NGUY" ễ "N" is NGUYỄN).
        let capitalsFont: [UInt8] = [0x4E, 0x47, 0x55, 0x59, 0xD4, 0x4E, 0x20, 0x56, 0xA8, 0x4E, 0x20, 0x41, 0x4E, 0x2C, 0xB8, 0xB5, 0xB6]
        #expect(String(decoding: TextEncoding.utf8(capitalsFont).0, as: UTF8.self) == "NGUYỄN VĂN AN,áàả")
        // The whole table, byte by byte, against the GNU C library's converter, an implementation independent of this one.
        #expect(try Self.iconvTCVN3((0x80...0xFF).flatMap { [UInt8($0), 0x0A] }).filter { $0 != 0x0A } == TextEncoding.tcvn3)
        // And the accented capitals on control codes.
        let controls: [UInt8] = [0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17]
        #expect(try Self.iconvTCVN3(controls) == controls.map { TextEncoding.tcvn3Controls[Int($0)] })
    }

    /// The scalars `iconv -f TCVN5712-1` decodes `bytes` to.
    static func iconvTCVN3(_ bytes: [UInt8]) throws -> [UInt32] {
        let output = try iconv(bytes, from: "TCVN5712-1", to: "UTF-32BE")
        try #require(output.count == bytes.count * 4, "iconv decoded every byte")
        return stride(from: 0, to: output.count, by: 4).map { index in
            output[index..<index + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
    }

    /// What the GNU C library's converter (`iconv`, part of every Debian system) makes of `bytes`; small inputs only
    /// (written whole to its standard input before its output is read).
    static func iconv(_ bytes: [UInt8], from: String, to: String) throws -> [UInt8] {
        let iconv = URL(fileURLWithPath: "/usr/bin/iconv")
        try #require(FileManager.default.isExecutableFile(atPath: iconv.path), "iconv (libc-bin) is part of every Debian system")
        let process = Process()
        process.executableURL = iconv
        process.arguments = ["-f", from, "-t", to]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "iconv -f \(from) -t \(to) converted the input")
        return [UInt8](result)
    }

    @Test func anUndefinedByteFileIsRefusedAsAWhole() {
        guard case .refused(let undefined) = TextEncoding.utf8([0x41, 0x81, 0x42]).1 else {
            Issue.record("an undefined byte was converted")
            return
        }
        #expect(undefined.contains("0x81"))
        #expect(TextEncoding.utf8([0xFF, 0xFE, 0x41, 0x00, 0x42]).1 == .refused("the file starts as UTF-16 but is not valid UTF-16; save it as UTF-8"))
    }

    /// A register saved as spreadsheet "Unicode text" (UTF-16, tabs) and a source in Windows-1258: both are read
    /// whole, converted, reported, and linked.
    @Test func utf16AndWindows1258FilesAreReadWholeAndLinked() async throws {
        let directory = try TemporaryDirectory()
        let registerText = (DelimitedInputTests.registerHeader
            + "027090000123,,Nguyễn Văn An,male,1990-07-15,09187,single,,alive\n"
            + "027192000456,,Trần Thị Bình,female,1992-03-02,09187,single,,alive\n").replacingOccurrences(of: ",", with: "\t")
        let register = try directory.file("register.txt", bytes: [0xFF, 0xFE] + Array(registerText.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let source = try directory.file(
            "source.csv",
            bytes: Array("record_id,citizen_id,full_name,date_of_birth,place\nS1,027090000123,".utf8) + Self.nguyenVanAn
                + Array(",15/07/1990,".utf8) + Self.phuongKinhBac
                + Array("\nS2,027192000456,".utf8) + Self.tranThiBinh + Array(",02/03/1992,".utf8) + Self.phuongKinhBac + [0x0A])
        let (report, collected) = try await Reconciler.runCollecting(
            ReconciliationOptions(register: register, source: source, badRows: .stop))
        #expect(report.registerRows == 2 && report.sourceRows == 2)
        #expect(report.convertedEncodings == ["register from UTF-16", "source from Windows-1258"])
        #expect(report.text.contains("converted to UTF-8: register from UTF-16; source from Windows-1258"))
        // Linked by their IDs, with names that agree letter for letter once decoded.
        let findings = collected.sorted { $0.sourceRecordID < $1.sourceRecordID }
        #expect(findings.map(\.citizenID) == ["027090000123", "027192000456"])
        #expect(findings.allSatisfy { !$0.discrepancies.contains { $0.field == "full_name" } }, "\(findings)")
    }
}

/// VNI files, checked against GNU recode's VNI charset, an implementation independent of this one (Debian `recode`;
/// `.ci/run` installs it, and `CI=true` turns its absence into a failure).
@Suite(.enabled(if: Recode.located != nil || Recode.isRequired, "GNU recode is not installed (apt-get install recode)"))
struct VNITests {
    static let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"

    @Test func everyVietnameseLetterIsDecodedLikeGNURecode() throws {
        // recode writes the capitals Ắ and Ằ with each other's mark byte (C8 and C9, where the small letters have E9 and
        // E8); the VNI keyboard's own tables (xvnkb's vni.h, the npm vietnamese-conversion package) write Ắ as "AÉ"
        // (41 C9) and Ằ as "AÈ" (41 C8), like the small letters. Those two are checked against those tables instead.
        let capitals = Self.letters.uppercased().filter { $0 != "Ắ" && $0 != "Ằ" }
        let text = (Self.letters + capitals).map { "\($0)" }.joined(separator: "\n") + "\n"
        let vni = try Recode.required().encode(text, to: "VNI")
        #expect(TextEncoding.looksLikeVNI(vni[...]))
        #expect(String(decoding: TextEncoding.fromVNI(vni), as: UTF8.self) == text)
        #expect(String(decoding: TextEncoding.fromVNI([0x41, 0xC9, 0x0A, 0x41, 0xC8]), as: UTF8.self) == "Ắ\nẰ")
    }

    @Test func aVNIFileIsConvertedAndWindows1258IsNotTakenForVNI() throws {
        let text = "ma,ho_ten,noi_sinh\nS1,Nguyễn Văn Đường,Phường Kinh Bắc\nS2,Trần Thị Ánh Tuyết,Xã Tiên Du\nS3,LÊ HỮU PHƯỚC,Thị trấn Chờ\nS4,Đặng Ngọc Quý,Phường Võ Cường\n"
        let vni = try Recode.required().encode(text, to: "VNI")
        let (converted, outcome) = TextEncoding.utf8(vni)
        #expect(outcome == .converted(from: "VNI"))
        #expect(String(decoding: converted, as: UTF8.self) == text)
        for (bytes, text) in [(TextEncodingTests.nguyenVanAn, "Nguyễn Văn An"), (TextEncodingTests.phuongKinhBac, "Phường Kinh Bắc")] {
            let (converted, outcome) = TextEncoding.utf8(bytes)
            #expect(outcome == .converted(from: "Windows-1258"))
            #expect(String(decoding: converted, as: UTF8.self) == text)
        }
    }
}

/// GNU recode, run through Foundation's `Process`.
struct Recode {
    let executable: URL

    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static let located: Recode? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("recode") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
            .map(Recode.init)
    }()

    static func required() throws -> Recode {
        try #require(located, "recode is required here (CI=true): apt-get install recode")
    }

    /// The bytes of UTF-8 `text` in `charset`, as recode writes them.
    func encode(_ text: String, to charset: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["UTF-8..\(charset)"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "recode UTF-8..\(charset) converted the text")
        return [UInt8](result)
    }
}
