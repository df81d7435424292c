import Foundation
import MotCuaDomain
import Testing

/// One test per row of domain.md §4.3, plus tokenisation and the regional surname rule.
@Suite struct VietnameseNameTests {
    @Test func nfcAndNfdFormsOfANameHaveTheSameKeysAndAnNfcDisplay() {
        let nfc = VietnameseName("Nguyễn Văn Đức")
        let nfd = VietnameseName("Nguyễn Văn Đức".decomposedStringWithCanonicalMapping)
        #expect(Array(nfd.display.utf8) == Array("Nguyễn Văn Đức".precomposedStringWithCanonicalMapping.utf8))
        #expect(nfc.spellingKey == nfd.spellingKey)
        #expect(nfc.matchingKey == nfd.matchingKey)
        #expect(nfc.matchingKey == "nguyen van duc")
    }

    @Test(arguments: [("Hoà", "Hòa"), ("Thuỷ", "Thủy"), ("Khoẻ", "Khỏe"), ("Qúy", "Quý"), ("Hoá", "Hóa"), ("Uỷ", "Ủy")])
    func oldAndNewTonePlacementFoldTogetherButKeepTheirDisplay(old: String, new: String) {
        let oldName = VietnameseName(old)
        let newName = VietnameseName(new)
        #expect(oldName.spellingKey == newName.spellingKey)
        #expect(oldName.matchingKey == newName.matchingKey)
        #expect(oldName == newName)
        #expect(oldName.display == old.precomposedStringWithCanonicalMapping)
    }

    @Test func missingDiacriticsShareTheMatchingKeyButNotTheSpelling() {
        let scanned = VietnameseName("NGUYEN VAN A")
        let registered = VietnameseName("Nguyễn Văn A")
        #expect(scanned.matchingKey == registered.matchingKey)
        #expect(scanned.spellingKey != registered.spellingKey)
        #expect(NameAgreement.surnames(scanned, registered) == .diacriticVariant)
    }

    @Test func strokeDFoldsToDForMatchingWhereFoundationDoesNot() {
        #expect("Đặng".folding(options: .diacriticInsensitive, locale: nil) != "Dang")
        #expect(VietnameseName("Đặng").matchingKey == "dang")
        #expect(VietnameseName("Dang").matchingKey == "dang")
        #expect(VietnameseName("Đặng").spellingKey != VietnameseName("Dặng").spellingKey)
    }

    @Test func lookAlikeEthIsReplacedByStrokeDBeforeAnythingElse() {
        let eth = VietnameseName("\u{00D0}ặng Th\u{1ECB} \u{00F0}ào")
        #expect(eth.display == "Đặng Thị đào")
        #expect(eth.spellingKey == VietnameseName("ĐẶNG THỊ ĐÀO").spellingKey)
        #expect(eth.matchingKey == "dang thi dao")
    }

    @Test func caseAndSpacingDoNotChangeTheKeysAndSpacesCollapseForDisplay() {
        let messy = VietnameseName("  NGUYỄN   văn\tĐỨC ")
        #expect(messy.display == "NGUYỄN văn ĐỨC")
        #expect(messy.spellingKey == VietnameseName("Nguyễn Văn Đức").spellingKey)
        #expect(VietnameseName("NGUYỄN VĂN ĐỨC").titleCased == "Nguyễn Văn Đức")
    }

    @Test func tokensSplitIntoSurnameMiddleNamesAndGivenName() {
        let name = VietnameseName("Nguyễn Thị Như Quỳnh")
        #expect(name.surname == "Nguyễn")
        #expect(name.middleNames == ["Thị", "Như"])
        #expect(name.givenName == "Quỳnh")
        #expect(name.matchingTokens == ["nguyen", "thi", "nhu", "quynh"])
        #expect(VietnameseName("Lan").givenName == nil)
    }

    @Test func regionalSurnamePairsAreNeverEligibleForAnAutomaticMatch() {
        for (left, right) in [("Hoàng", "Huỳnh"), ("Vũ", "Võ"), ("HUYNH", "hoàng"), ("Vo", "Vũ")] {
            let agreement = NameAgreement.surnames(VietnameseName(left + " Văn An"), VietnameseName(right + " Văn An"))
            #expect(agreement == .regionalVariant)
            #expect(!agreement.permitsAutomaticMatch)
        }
    }

    @Test func toneAndDiacriticVariantsOfTheSameSurnameMayMatch() {
        #expect(NameAgreement.surnames(VietnameseName("Vũ An"), VietnameseName("VŨ An")) == .identical)
        #expect(NameAgreement.surnames(VietnameseName("Vũ An"), VietnameseName("Vu An")) == .diacriticVariant)
        #expect(NameAgreement.surnames(VietnameseName("Hoàng An"), VietnameseName("Hoang An")).permitsAutomaticMatch)
        #expect(NameAgreement.surnames(VietnameseName("Trần An"), VietnameseName("Lê An")) == .different)
    }

    @Test func byteFolderAgreesWithFoundationOnEveryVietnameseLetter() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        var folder = NameFolder()
        for letter in letters + letters.uppercased() {
            folder.fold(String(letter))
            let expected = String(letter).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
                .replacingOccurrences(of: "đ", with: "d")
            #expect(String(decoding: folder.folded, as: UTF8.self) == expected, "letter \(letter)")
        }
    }

    @Test func invalidUTF8IsReportedWithItsOffset() {
        var folder = NameFolder()
        let bytes: [UInt8] = [0x41, 0x20, 0xC3, 0x28]
        #expect(throws: NameFoldingError(byteOffset: 2)) {
            try bytes.withUnsafeBufferPointer { try folder.fold($0) }
        }
    }
}
