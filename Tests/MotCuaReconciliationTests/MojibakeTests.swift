import Foundation
import Testing

@testable import MotCuaDomain
@testable import MotCuaReconciliation

/// A UTF-8 register that a program once read as Windows-1252 and saved again ("Nguyá»…n VÄƒn An") is repaired as it is
/// read, row by row where only some rows were damaged; Vietnamese text that was never damaged is never changed.
@Suite struct MojibakeTests {
    /// Names and places with every kind of letter: ă đ ơ ư, every tone, Đ (whose second UTF-8 byte, 0x90, Windows-1252
    /// leaves undefined) and ề ọ ỏ Ố ờ (the other undefined bytes 81 8D 8F 90 9D).
    static let samples = [
        "Nguyễn Văn An", "Trần Thị Bình", "Đặng Hữu Phước", "Lê Thị Ngọc Ánh", "Phường Kinh Bắc", "Xã Tiên Du", "Hoàng Ổn",
        "Bùi Thị Thoả", "Phạm Đức Lộc", "Võ Thị Ỷ", "Đỗ Quỳnh Như", "ĐINH THỊ HỒNG NHUNG", "Mạc Văn Đường", "Tô Ngọc Ờ",
        "Trương Mỹ Lệ", "Hồ Thị Bích Phượng", "Ngô Sĩ Liên", "Lý Thường Kiệt", "Thị trấn Phố Mới – Quế Võ", "Nguyễn Thị Nở",
    ]

    @Test func textReadAsLatin1AndSavedAgainIsRepairedLikeTheCLibraryDamagedIt() throws {
        for text in Self.samples {
            let damaged = try TextEncodingTests.iconv(Array(text.utf8), from: "LATIN1", to: "UTF-8")
            #expect(damaged != Array(text.utf8))
            let (repaired, runs) = Mojibake.repaired(damaged)
            #expect(String(decoding: repaired, as: UTF8.self) == text)
            #expect(runs > 0)
            // Damaged twice, repaired twice.
            let twice = try TextEncodingTests.iconv(damaged, from: "LATIN1", to: "UTF-8")
            #expect(String(decoding: Mojibake.repaired(twice).bytes, as: UTF8.self) == text)
        }
    }

    @Test func textReadAsWindows1252AndSavedAgainIsRepaired() throws {
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        var checked = 0
        // iconv's CP1252 refuses the five undefined bytes; those texts are covered by the Latin-1 test.
        for text in Self.samples where !text.utf8.contains(where: undefined.contains) {
            let damaged = try TextEncodingTests.iconv(Array(text.utf8), from: "CP1252", to: "UTF-8")
            #expect(String(decoding: Mojibake.repaired(damaged).bytes, as: UTF8.self) == text)
            checked += 1
        }
        #expect(checked >= 10)
        // "Ä" then "?" or U+FFFD: a converter lost Đ's second byte; only Đ is Vietnamese among the letters C4 xx can be.
        #expect(String(decoding: Mojibake.repaired(Array("Ä?áº·ng Ä\u{FFFD}á»©c".utf8)).bytes, as: UTF8.self) == "Đặng Đức")
    }

    @Test func undamagedVietnameseTextIsNeverChanged() {
        // Every precomposed Vietnamese letter, in every pair: letters in Latin-1 are all lead bytes in Windows-1252,
        // which cannot follow one another in UTF-8, and the others have no Windows-1252 byte at all.
        let letters = Array("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ")
        let all = letters + letters.map { Character($0.uppercased()) }
        var pairs = ""
        for first in all { for second in all { pairs += "\(first)\(second) " } }
        let bytes = Array(pairs.utf8)
        #expect(Mojibake.repaired(bytes).runs == 0)
        // Latin-1 characters that happen to form UTF-8 of another script ("Ô–" would be Cyrillic Ԗ) stay as they are.
        #expect(Mojibake.repaired(Array("Ô– Ð¯".utf8)).runs == 0)
    }

    /// A source where a tenth of the rows were damaged: every row is linked by name and date alone, with names that
    /// agree letter for letter, and the report says what was repaired.
    @Test func aSourceWithSomeDamagedRowsIsRepairedAndLinked() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file(
            "register.csv",
            DelimitedInputTests.registerHeader
                + "027090000123,,Nguyễn Văn Đường,male,1990-07-15,09187,single,,alive\n"
                + "027192000456,,Trần Thị Bình,female,1992-03-02,09187,single,,alive\n")
        let damagedName = try TextEncodingTests.iconv(Array("Nguyễn Văn Đường".utf8), from: "LATIN1", to: "UTF-8")
        let source = try directory.file(
            "source.csv",
            bytes: Array("record_id,citizen_id,full_name,date_of_birth,place\nS1,027090000123,".utf8) + damagedName
                + Array(",15/07/1990,Phường Kinh Bắc\nS2,027192000456,Trần Thị Bình,02/03/1992,Phường Kinh Bắc\n".utf8))
        let (report, collected) = try await Reconciler.runCollecting(ReconciliationOptions(register: register, source: source, badRows: .stop))
        #expect(report.convertedEncodings == ["source from UTF-8 once read as Windows-1252 (3 places repaired)"])
        let findings = collected.sorted { $0.sourceRecordID < $1.sourceRecordID }
        #expect(findings.map(\.citizenID) == ["027090000123", "027192000456"])
        #expect(findings.allSatisfy { $0.kinds == [.consistentMatch] })
    }
}
