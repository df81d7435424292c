import MotCuaDomain
import Testing

@testable import MotCuaReconciliation

/// Free-text places resolved to the commune-level units in force, or to nothing.
@Suite struct PlaceGazetteerTests {
    func resolve(_ text: String, in gazetteer: PlaceGazetteer = .bacNinh) -> PlaceGazetteer.Resolution {
        var folder = NameFolder()
        return gazetteer.resolve(text, folder: &folder)
    }

    @Test("a pre-merger address with abbreviated prefixes resolves to the commune it was merged into", arguments: [
        "X. Tân Chi, H. Tiên Du, T. Bắc Ninh", "Xã Tân Chi, Huyện Tiên Du, Tỉnh Bắc Ninh", "xa tan chi, huyen tien du, tinh bac ninh",
        "X.Tân Chi,H.Tiên Du", "Xã Tân Chi - Huyện Tiên Du - Tỉnh Bắc Ninh", "XÃ TÂN CHI HUYỆN TIÊN DU TỈNH BẮC NINH", "Tân Chi, Tiên Du, Bắc Ninh",
        "Thôn Đông, Xã Tân Chi, Huyện Tiên Du",
    ])
    func preMergerAddress(text: String) {
        #expect(resolve(text) == PlaceGazetteer.Resolution(code: 9343, alternative: 0))
    }

    @Test("an old town and an old ward resolve through the conversion table, under their district")
    func oldUnitsResolveToTheirSuccessor() {
        // Thị trấn Lim (Tiên Du) became part of Xã Tiên Du; Phường Võ Cường of the old city kept its name.
        #expect(resolve("TT. Lim, H. Tiên Du, T. Bắc Ninh").code == 9319)
        #expect(resolve("Phường Võ Cường, TP Bắc Ninh") == PlaceGazetteer.Resolution(code: 9190, alternative: 0))
        #expect(resolve("P. Vệ An, TP. Bắc Ninh").code == 9187)
    }

    @Test("a post-merger address with two levels resolves to the unit in force")
    func postMergerAddress() {
        #expect(resolve("Xã Tiên Du, Tỉnh Bắc Ninh").code == 9319)
        #expect(resolve("Phuong Kinh Bac, Bac Ninh").code == 9187)
    }

    @Test("the district tells apart an old ward from a unit in force of the same name")
    func districtDisambiguates() {
        // Ninh Xá was a ward of the old Bắc Ninh city (now Kinh Bắc) and is also a ward in force elsewhere.
        #expect(resolve("Phường Ninh Xá, TP Bắc Ninh") == PlaceGazetteer.Resolution(code: 9187, alternative: 0))
        let both = resolve("Phường Ninh Xá, Tỉnh Bắc Ninh")
        #expect(Set([both.code, both.alternative]) == [9187, 9445])
    }

    @Test("a name that begins or ends with a prefix word is a name, not a prefix")
    func prefixWordsInsideNames() {
        #expect(resolve("Xã Dương Hưu, Huyện Sơn Động").code == 7672)
        #expect(resolve("Dương Hưu, Sơn Động, Bắc Giang").code == 7672)
        #expect(resolve("xa nghia phuong huyen luc nam").code == 7486)
    }

    @Test("names run together without separators or prefixes are split into the known names they are made of")
    func runTogetherNames() {
        #expect(resolve("TAN CHI TIEN DU BAC NINH") == PlaceGazetteer.Resolution(code: 9343, alternative: 0))
        #expect(resolve("Tân Chi Tiên Du") == PlaceGazetteer.Resolution(code: 9343, alternative: 0))
        #expect(resolve("duong huu son dong bac giang").code == 7672)
        // The district still has to agree, and a word outside every name keeps the text whole (unknown).
        #expect(resolve("Tân Chi Gia Bình") == .unknown)
        #expect(resolve("Tân Chi Tiên Du Hà Nội") == .unknown)
    }

    @Test("a one-letter typo in a long place name still resolves when only one name is that close")
    func typoResolves() {
        #expect(resolve("Xã Tân Chj, Huyện Tiên Du").code == 9343)
    }

    @Test("places outside the gazetteer and texts naming no place are unknown, never guessed", arguments: [
        "Xã Đông Hội, Huyện Đông Anh, Hà Nội", "Bệnh viện Sản Nhi Bắc Ninh", "Hàn Quốc", "Không rõ", "", "H. Tiên Du, T. Bắc Ninh",
        "Xã Tân Chi, Huyện Gia Bình",
    ])
    func unknownPlaces(text: String) {
        #expect(resolve(text) == .unknown)
    }

    @Test("a name that more than two units share is unknown unless the district settles it")
    func ambiguousNameIsUnknown() {
        let gazetteer = PlaceGazetteer(rows: """
            O|00001|commune|Tân An|district|Yên Dũng|Bắc Giang
            O|00002|commune|Tân An|district|Lục Ngạn|Bắc Giang
            O|00003|commune|Tân An|district|Yên Thế|Bắc Giang
            """)
        #expect(resolve("Xã Tân An", in: gazetteer) == .unknown)
        #expect(resolve("Xã Tân An, Huyện Lục Ngạn", in: gazetteer).code == 2)
    }

    @Test("a commune code in the place column is taken as a code")
    func digitsAreACode() {
        var folder = NameFolder()
        var bytes = Array(" 09343 ".utf8)
        let resolution = bytes.withUnsafeMutableBufferPointer { buffer in
            PlaceResolver.shared.resolve(UnsafeBufferPointer(buffer), 0..<buffer.count, folder: &folder)
        }
        #expect(resolution.code == 9343)
    }
}
