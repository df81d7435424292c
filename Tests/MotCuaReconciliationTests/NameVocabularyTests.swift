import MotCuaDomain
import Testing

@testable import MotCuaReconciliation

/// Spaces a scanner lost or added in a source name are repaired against the register's words, and names whose words
/// the register knows are left exactly as they are.
@Suite struct NameVocabularyTests {
    static let vocabulary = NameVocabulary(words: [
        "nguyen": 900, "hoang": 300, "tran": 400, "van": 800, "thi": 900, "trong": 40, "ngoc": 120, "anh": 200, "ngo": 60,
        "canh": 3, "uyen": 30, "hoa": 50, "thu": 70, "y": 5, "an": 90, "hung": 80, "duc": 60, "thuy": 90, "uy": 4, "ta": 20,
        "ho": 30, "thao": 60, "huong": 90, "huu": 50, "ong": 2, "thoa": 12, "lo": 6, "pao": 3, "tram": 9,
    ], surnames: ["nguyen": 880, "hoang": 200, "tran": 390, "ngo": 58, "ho": 28, "ta": 19, "lo": 6],
    givens: ["tram": 9, "trong": 38, "an": 80, "anh": 150, "hung": 70, "uyen": 25, "lan": 40, "thuy": 80, "pao": 3, "duc": 50])

    static func keys(_ name: String, repaired: Bool) -> NameKeys {
        var bytes = Array(name.utf8)
        var folder = NameFolder()
        return bytes.withUnsafeMutableBufferPointer { buffer in
            // The reader's own path: fold, and fold again with a space moved while the vocabulary asks for it.
            try? RecordDecoding.name(
                UnsafeBufferPointer(buffer), FieldSlice(start: 0, end: buffer.count, escaped: false), field: 0, folder: &folder,
                vocabulary: repaired ? vocabulary : nil)
        } ?? NameKeys()
    }

    @Test(arguments: [
        ("HOÀNG VĂNTRỌNG", "Hoàng Văn Trọng"), ("NGUYỄNVĂN AN", "Nguyễn Văn An"), ("Tr ọng Văn Hoàng", "Hoàng Văn Trọng"),
        ("Ng uyễn Thị Uyên", "Nguyễn Thị Uyên"), ("Hoà ng Văn Đức", "Hoàng Văn Đức"), ("Trần Ngọcanh", "Trần Ngọc Anh"),
        ("TRẦNTHỊ NGỌCANH", "Trần Thị Ngọc Anh"),
    ])
    func wordsRunTogetherOrBrokenGetTheKeysOfTheWholeName(damaged: String, whole: String) {
        #expect(Self.keys(damaged, repaired: true) == Self.keys(whole, repaired: false))
    }

    @Test(arguments: ["Nguyễn Văn An", "Trần Thu Ý", "Hoàng Văn Trọngg", "Lò Văn Páo", "Nguyễn Văn Hùngx",
        // Typing slips whose halves are words: Thuỷ, Thảo and Hương, not "Thu Uy", "Tạ Hồ", "Hữu Ông".
        "Nguyễn Thị Thủủy", "Nguyễn Thị Tảho", "Nguyễn Thị Hưương"])
    func namesWithoutAMissingOrExtraSpaceAreLeftAlone(name: String) {
        var folder = NameFolder()
        folder.fold(name)
        #expect(Self.vocabulary.nextRepair(folder) == nil)
        #expect(Self.keys(name, repaired: true) == Self.keys(name, repaired: false))
    }

    @Test func aMiddleInitialIsNotJoinedToTheNextWord() {
        // "t" + "hoa" is the register word "thoa", but the period marks an initial.
        #expect(Self.keys("Hoàng T. Hoa", repaired: true) == Self.keys("Hoàng T. Hoa", repaired: false))
        #expect(Self.keys("Hoàng T Hoa", repaired: true) == Self.keys("Hoàng Thoa", repaired: false))
    }

    @Test(arguments: [
        ("Trọng Hoàng Văn", "Hoàng Văn Trọng"), ("Văn Trọng Hoàng", "Hoàng Văn Trọng"), ("Trọng Văn Hoàng", "Hoàng Văn Trọng"),
        ("An Nguyễn", "Nguyễn An"), ("ANH TRẦN THỊ NGỌC", "Trần Thị Ngọc Anh"),
    ])
    func aNameWrittenGivenNameFirstIsPutBackInOrder(written: String, register: String) {
        #expect(Self.keys(written, repaired: true) == Self.keys(register, repaired: false))
    }

    @Test(arguments: ["Hoàng Văn Trọng", "Lò Văn Páo", "Văn Thị Lan", "Trọng Thị Lan", "Trầm Văn Đức"])
    func aNameThatStartsWithAFamilyNameOrCannotBeOrderedStaysAsWritten(name: String) {
        #expect(Self.keys(name, repaired: true) == Self.keys(name, repaired: false))
    }
}
