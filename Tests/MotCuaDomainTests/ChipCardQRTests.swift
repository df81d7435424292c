import Foundation
import MotCuaDomain
import Testing

@Suite("Chip-card QR text")
struct ChipCardQRTests {
    static let today = LocalDate(year: 2026, month: 6, day: 15)!

    static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }

    static let base =
        "027090001234|125123456|Nguyễn Văn Hùng|15031990|Nam|Thôn Đông, Xã Liên Bão, Huyện Tiên Du, Tỉnh Bắc Ninh|12042021"

    static func parse(_ text: String) throws(ChipCardQRError) -> ChipCardQR { try ChipCardQR.parse(text, today: today) }

    // MARK: Good text

    @Test("A complete seven-field text parses into every field")
    func parsesCompleteText() throws {
        let card = try Self.parse(Self.base)
        #expect(card.citizenID.value == "027090001234")
        #expect(card.legacyID?.value == "125123456")
        #expect(card.fullName == "Nguyễn Văn Hùng")
        #expect(card.dateOfBirth == Self.date(1990, 3, 15))
        #expect(card.sex == .male)
        #expect(card.address == "Thôn Đông, Xã Liên Bão, Huyện Tiên Du, Tỉnh Bắc Ninh")
        #expect(card.dateOfIssue == Self.date(2021, 4, 12))
        #expect(card.qrText == Self.base)
    }

    @Test(
        "Realistic texts from different people parse with the sex, birth date and old ID they carry",
        arguments: [
            (
                "024195012345||Trần Thị Thu Hương|02111995|Nữ|Số 12 đường Hoàng Văn Thụ, Phường Xương Giang, Thành phố Bắc Giang, Tỉnh Bắc Giang|20052022",
                Sex.female, date(1995, 11, 2), false
            ),
            (
                "001304004567||Lê Ngọc Bảo Anh|29022004|Nữ|Số 5 ngõ 20 phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội|01082025",
                .female, date(2004, 2, 29), false
            ),
            (
                "024062345678|120987654|Phạm Văn Đức|01011962|Nam|Xóm Chùa, Xã Quý Sơn, Huyện Lục Ngạn, Tỉnh Bắc Giang|10102021",
                .male, date(1962, 1, 1), true
            ),
            (
                "174210001111||Vũ Minh Khang|03072010|Nam|Khu phố 3, Phường Từ Sơn, Tỉnh Bắc Ninh|15092025",
                .male, date(2010, 7, 3), false
            ),
            (
                "027138002468|121456789|Đặng Thị Nhung|30121938|Nữ|Thôn Thượng, Xã Phù Lãng, Huyện Quế Võ, Tỉnh Bắc Ninh",
                .female, date(1938, 12, 30), true
            ),
            (
                "027225000001||Nguyễn Gia Bảo|01012025|Nam|Phường Kinh Bắc, Tỉnh Bắc Ninh|01032026",
                .male, date(2025, 1, 1), false
            ),
        ])
    func parsesRealisticTexts(text: String, sex: Sex, born: LocalDate, hasLegacy: Bool) throws {
        let card = try Self.parse(text)
        #expect(card.sex == sex)
        #expect(card.dateOfBirth == born)
        #expect((card.legacyID != nil) == hasLegacy)
        #expect(card.citizenID.sex == sex)
        #expect(card.citizenID.birthYear == born.year)
    }

    @Test("Six fields are enough; the date of issue is then absent")
    func acceptsSixFields() throws {
        let card = try Self.parse("027090001234|125123456|Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du, Tỉnh Bắc Ninh")
        #expect(card.dateOfIssue == nil)
        #expect(card.qrText.hasSuffix("|Nam|Xã Tiên Du, Tỉnh Bắc Ninh|"))
    }

    // MARK: Scanner damage

    @Test(
        "Keyboard-wedge damage that keeps the meaning parses to the same card",
        arguments: [
            "  \r\n" + base + "\r\n",
            "\u{FEFF}" + base + "\n",
            "CCCD: " + base,
            "Số CCCD:" + base,
            "Thông tin thẻ\r\nCCCD: " + base,
            "CCCD\r\n" + base,
            "027090001234|125123456|Nguyễn Văn Hùng|15/03/1990|Nam|Thôn Đông, Xã Liên Bão, Huyện Tiên Du, Tỉnh Bắc Ninh|12/04/2021",
            "027090001234|125123456|Nguyễn Văn Hùng|15-03-1990|Nam|Thôn Đông, Xã Liên Bão, Huyện Tiên Du, Tỉnh Bắc Ninh|12.04.2021",
            "027090001234|125123456|Nguyễn Văn Hùng|15/3/1990|Nam|Thôn Đông, Xã Liên Bão, Huyện Tiên Du, Tỉnh Bắc Ninh|2021-04-12",
            " 027090001234 | 125123456 |  Nguyễn  Văn   Hùng |15031990 |\tNam | Thôn Đông,  Xã Liên Bão, Huyện Tiên Du, Tỉnh Bắc Ninh | 12042021 ",
            "027 090 001 234|125.123.456|Nguyễn Văn Hùng|15031990|Nam|Thôn Đông, Xã Liên Bão, Huyện Tiên Du, Tỉnh Bắc Ninh|12042021",
            base + "|",
            base + "|CA tỉnh Bắc Ninh|XYZ|",
            base.decomposedStringWithCanonicalMapping,
            base.replacingOccurrences(of: "|Nam|", with: "|NAM|"),
            base.replacingOccurrences(of: "|Nam|", with: "|nam|"),
            base.replacingOccurrences(of: "|Nam|", with: "|Male|"),
            "Số CCCD: 027090001234|Số CMND: 125123456|Họ và tên: Nguyễn Văn Hùng|Ngày sinh: 15/03/1990|Giới tính: Nam|"
                + "Nơi thường trú: Thôn Đông, Xã Liên Bão, Huyện Tiên Du, Tỉnh Bắc Ninh|Ngày cấp: 12/04/2021",
        ])
    func toleratesScannerDamage(text: String) throws {
        #expect(try Self.parse(text) == Self.parse(Self.base))
    }

    @Test("Female sex is read from Nữ in any case, in NFD, without diacritics and in English", arguments: [
        "Nữ", "NỮ", "nữ", "Nữ".decomposedStringWithCanonicalMapping, "NU", "Nu", "nu", "Female", "FEMALE",
    ])
    func readsFemaleSpellings(spelling: String) throws {
        let card = try Self.parse("024195012345||Trần Thị Thu Hương|02111995|\(spelling)|Phường Đa Mai, Tỉnh Bắc Ninh|20052022")
        #expect(card.sex == .female)
    }

    @Test("Capitals are kept, NFD becomes NFC, spaces collapse and the look-alike Ð/ð becomes Đ/đ")
    func normalisesName() throws {
        let upper = try Self.parse("027090001234||NGUYỄN  VĂN   ĐỨC|15031990|NAM|XÃ TIÊN DU, TỈNH BẮC NINH|12042021")
        #expect(upper.fullName == "NGUYỄN VĂN ĐỨC")
        let nfd = try Self.parse(("027090001234||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|").decomposedStringWithCanonicalMapping)
        #expect(Array(nfd.fullName.utf8) == Array("Nguyễn Văn Hùng".precomposedStringWithCanonicalMapping.utf8))
        let eth = try Self.parse("027090001234||\u{00D0}ặng Văn \u{00D0}ức|15031990|Nam|Xã \u{00D0}ông Phú|")
        #expect(eth.fullName == "Đặng Văn Đức")
        #expect(eth.fullName.unicodeScalars.contains("\u{0110}"))
        #expect(!eth.fullName.unicodeScalars.contains("\u{00D0}"))
        #expect(eth.address == "Xã Đông Phú")
        let lower = try Self.parse("027090001234||\u{00F0}ặng văn hùng|15031990|Nam|Xã Tiên Du|")
        #expect(lower.fullName == "đặng văn hùng")
    }

    @Test("A scanner that typed each UTF-8 byte as a Windows-1252 character gives the card's text back")
    func repairsTextTypedByteByByte() throws {
        // What Windows makes of "Đặng Thị Ngọc Ánh" and the address when each UTF-8 byte arrives as its own keystroke.
        let typed = "024195012345||Ä\u{90}áº·ng Thá»‹ Ngá»\u{8D}c Ã\u{81}nh|02111995|Ná»¯|PhÆ°á»\u{9D}ng Ä\u{90}a Mai, Tá»‰nh Báº¯c Ninh|20052022"
        let card = try Self.parse(typed)
        #expect(card.fullName == "Đặng Thị Ngọc Ánh")
        #expect(card.sex == .female)
        #expect(card.address == "Phường Đa Mai, Tỉnh Bắc Ninh")
    }

    @Test("An old 12-digit card number equal to the personal ID is not a second old ID")
    func ignoresRepeatedPersonalID() throws {
        let card = try Self.parse("027090001234|027090001234|Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|")
        #expect(card.legacyID == nil)
    }

    @Test("An address that contains a colon keeps it unless the text before it is a known label")
    func keepsColonInAddress() throws {
        let card = try Self.parse("027090001234||Nguyễn Văn Hùng|15031990|Nam|Khu: Đồng Kỵ, Phường Từ Sơn|")
        #expect(card.address == "Khu: Đồng Kỵ, Phường Từ Sơn")
    }

    // MARK: Errors

    @Test(
        "Garbage and invalid fields are rejected with the field and the precise rule",
        arguments: [
            ("", ChipCardQRError(.emptyText)),
            (" \r\n ", ChipCardQRError(.emptyText)),
            ("027090001234", ChipCardQRError(.noSeparator)),
            ("https://dichvucong.gov.vn/p/home/dvc-tthc.html", ChipCardQRError(.noSeparator)),
            ("027090001234|125123456|Nguyễn Văn Hùng|15031990|Nam", ChipCardQRError(.tooFewFields(found: 5))),
            ("027090001234|", ChipCardQRError(.tooFewFields(found: 2))),
            ("|125123456|Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|", ChipCardQRError(.missingValue, field: .citizenID)),
            ("02709000123A||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|", ChipCardQRError(.citizenID(.nonDigit), field: .citizenID)),
            ("02709000123||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|", ChipCardQRError(.citizenID(.wrongLength(11)), field: .citizenID)),
            ("0270900012345||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|", ChipCardQRError(.citizenID(.wrongLength(13)), field: .citizenID)),
            (
                "099090001234||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|",
                ChipCardQRError(.citizenID(.unknownPlaceCode("099")), field: .citizenID)
            ),
            ("027090001234|12512345|Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|", ChipCardQRError(.legacyIDWrongLength(8), field: .legacyID)),
            ("027090001234|12512345X|Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|", ChipCardQRError(.legacyIDNonDigit, field: .legacyID)),
            ("027090001234|| |15031990|Nam|Xã Tiên Du|", ChipCardQRError(.missingValue, field: .fullName)),
            ("027090001234||Nguyễn Văn 2|15031990|Nam|Xã Tiên Du|", ChipCardQRError(.invalidName, field: .fullName)),
            ("027090001234||Nguyễn Văn Hùng||Nam|Xã Tiên Du|", ChipCardQRError(.missingValue, field: .dateOfBirth)),
            ("027090001234||Nguyễn Văn Hùng|1503199|Nam|Xã Tiên Du|", ChipCardQRError(.dateFormat, field: .dateOfBirth)),
            ("027090001234||Nguyễn Văn Hùng|15 tháng 3|Nam|Xã Tiên Du|", ChipCardQRError(.dateFormat, field: .dateOfBirth)),
            ("027090001234||Nguyễn Văn Hùng|1990|Nam|Xã Tiên Du|", ChipCardQRError(.yearOnlyDate(1990), field: .dateOfBirth)),
            (
                "027200001234||Nguyễn Văn Hùng|31022000|Nam|Xã Tiên Du|",
                ChipCardQRError(.nonexistentDate(day: 31, month: 2, year: 2000), field: .dateOfBirth)
            ),
            (
                "027190001234||Nguyễn Văn Hùng|29021900|Nam|Xã Tiên Du|",
                ChipCardQRError(.nonexistentDate(day: 29, month: 2, year: 1900), field: .dateOfBirth)
            ),
            (
                "027090001234||Nguyễn Văn Hùng|15131990|Nam|Xã Tiên Du|",
                ChipCardQRError(.nonexistentDate(day: 15, month: 13, year: 1990), field: .dateOfBirth)
            ),
            (
                "027226001234||Nguyễn Văn Hùng|16062026|Nam|Xã Tiên Du|",
                ChipCardQRError(.dateInFuture(date: date(2026, 6, 16), today: today), field: .dateOfBirth)
            ),
            (
                "027090001234||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|01012027",
                ChipCardQRError(.dateInFuture(date: date(2027, 1, 1), today: today), field: .dateOfIssue)
            ),
            (
                "027090001234||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|12041989",
                ChipCardQRError(.issuedBeforeBirth(issued: date(1989, 4, 12), born: date(1990, 3, 15)), field: .dateOfIssue)
            ),
            ("027090001234||Nguyễn Văn Hùng|15031990|X|Xã Tiên Du|", ChipCardQRError(.unknownSex, field: .sex)),
            ("027090001234||Nguyễn Văn Hùng|15031990||Xã Tiên Du|", ChipCardQRError(.missingValue, field: .sex)),
            ("027090001234||Nguyễn Văn Hùng|15031990|Nam| |", ChipCardQRError(.missingValue, field: .address)),
            (
                "027090001234||Nguyễn Văn Hùng|15031990|Nữ|Xã Tiên Du|",
                ChipCardQRError(.idContradictsSex(idSays: .male, fieldSays: .female), field: .citizenID)
            ),
            (
                "027290001234||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|",
                ChipCardQRError(.idContradictsBirthCentury(idCentury: 20, birthYear: 1990), field: .citizenID)
            ),
            (
                "027091001234||Nguyễn Văn Hùng|15031990|Nam|Xã Tiên Du|",
                ChipCardQRError(.idContradictsBirthYear(idYearDigits: 91, birthYear: 1990), field: .citizenID)
            ),
        ])
    func rejectsInvalid(text: String, expected: ChipCardQRError) {
        #expect(throws: expected) { try Self.parse(text) }
    }

    @Test("Error messages name the field by position and name, in Vietnamese and English")
    func describesErrors() {
        let error = ChipCardQRError(.nonexistentDate(day: 31, month: 2, year: 2000), field: .dateOfBirth)
        #expect(error.description == "Trường 4 (ngày sinh): Ngày 31/2/2000 không tồn tại / field 4 (date of birth): 31/2/2000 is not a real date")
        let idError = ChipCardQRError(.citizenID(.wrongLength(11)), field: .citizenID)
        #expect(idError.description.hasPrefix("Trường 1 (số định danh cá nhân): Số định danh cá nhân phải có đúng 12 chữ số"))
        #expect(idError.description.contains("/ field 1 (citizen ID): a citizen ID has exactly 12 digits (got 11)"))
        let noSeparator = ChipCardQRError(.noSeparator)
        #expect(noSeparator.description.contains("not chip-card QR text"))
        #expect(!ChipCardQRError(.idContradictsSex(idSays: .male, fieldSays: .female), field: .citizenID).description.contains("027"))
        #expect(ChipCardQRField.dateOfBirth.label == "trường 4 (ngày sinh) / field 4 (date of birth)")
    }

    // MARK: Property

    @Test("Random valid people formatted as QR text and damaged in tolerable ways parse back to the same card")
    func roundTripsDamagedText() throws {
        var random = TestRandom(seed: 0x5143_5232_3024)
        for _ in 0..<2_000 {
            let card = Self.randomCard(&random)
            #expect(try Self.parse(card.qrText) == card)
            var expected = card
            let damaged = Self.damage(card, expected: &expected, &random)
            let parsed = try Self.parse(damaged)
            #expect(parsed == expected, "\(damaged)")
        }
    }

    static let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Đinh"]
    static let maleNames = ["Văn Hùng", "Đức Anh", "Minh Quân", "Quang Huy", "Văn Đức", "Hữu Nghĩa", "Gia Bảo", "Đình Long"]
    static let femaleNames = ["Thị Hương", "Thu Trang", "Ngọc Ánh", "Thị Thủy", "Khánh Linh", "Thị Như Quỳnh", "Diệu Đào"]
    static let places = ["Thôn Đông, Xã Tiên Du", "Số 12, Tổ dân phố 3, Phường Kinh Bắc", "Thôn Chùa, Xã Lục Ngạn",
                         "Xóm Đình, Xã Phù Lãng", "Số 7 đường Ngô Gia Tự, Phường Đa Mai"]
    static let placeCodes = [27, 24, 27, 24, 1, 19, 30, 174]

    static func padded(_ value: Int, _ width: Int) -> String {
        String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
    }

    static func randomCard(_ random: inout TestRandom) -> ChipCardQR {
        let female = random.below(2) == 1
        let earliest = date(1930, 1, 1)
        let birth = earliest.adding(days: random.below(earliest.days(to: today) + 1))
        let place = placeCodes[random.below(placeCodes.count)]
        let digit = (birth.year / 100 - 19) * 2 + (female ? 1 : 0)
        let id = try! CitizenID(padded(place, 3) + String(digit) + padded(birth.year % 100, 2) + padded(random.below(1_000_000), 6))
        let legacy = birth.year < 2000 && random.below(3) > 0 ? LegacyID(padded(100_000_000 + random.below(900_000_000), 9)) : nil
        let given = female ? femaleNames[random.below(femaleNames.count)] : maleNames[random.below(maleNames.count)]
        let name = surnames[random.below(surnames.count)] + " " + given
        let address = places[random.below(places.count)] + ", Tỉnh Bắc Ninh"
        let issueFrom = max(birth, date(2021, 1, 1))
        let issued = random.below(5) == 0 || issueFrom > today
            ? nil : issueFrom.adding(days: random.below(issueFrom.days(to: today) + 1))
        return ChipCardQR(
            citizenID: id, legacyID: legacy, fullName: name, dateOfBirth: birth, sex: female ? .female : .male,
            address: address, dateOfIssue: issued)
    }

    /// Applies a random subset of the damage keyboard-wedge scanners and clerks do, adjusting `expected`
    /// where the damage legitimately changes the value (capitals, a dropped issue date).
    static func damage(_ card: ChipCardQR, expected: inout ChipCardQR, _ random: inout TestRandom) -> String {
        func dated(_ date: LocalDate) -> String {
            let parts = [padded(date.day, 2), padded(date.month, 2), padded(date.year, 4)]
            return parts.joined(separator: random.below(4) == 0 ? "" : ["/", "-", "."][random.below(3)])
        }
        var name = card.fullName
        if random.below(4) == 0 {
            name = name.uppercased()
            expected = ChipCardQR(citizenID: card.citizenID, legacyID: card.legacyID, fullName: name, dateOfBirth: card.dateOfBirth,
                                  sex: card.sex, address: card.address, dateOfIssue: card.dateOfIssue)
        }
        if random.below(4) == 0 {
            name = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar -> Unicode.Scalar in
                scalar == "\u{0110}" ? "\u{00D0}" : (scalar == "\u{0111}" ? "\u{00F0}" : scalar)
            }))
        }
        if random.below(4) == 0 { name = name.replacingOccurrences(of: " ", with: "  ") }
        let sexSpellings = card.sex == .male ? ["Nam", "NAM", "nam", "Male"] : ["Nữ", "NỮ", "nữ", "NU", "Nu", "Female"]
        var fields = [
            card.citizenID.value, card.legacyID?.value ?? "", name, dated(card.dateOfBirth),
            sexSpellings[random.below(sexSpellings.count)], card.address, card.dateOfIssue.map(dated) ?? "",
        ]
        if card.dateOfIssue == nil && random.below(2) == 0 { fields.removeLast() }
        if random.below(4) == 0 {
            let labels = ["Số CCCD: ", "Số CMND: ", "Họ và tên: ", "Ngày sinh: ", "Giới tính: ", "Nơi thường trú: ", "Ngày cấp: "]
            for index in fields.indices where !fields[index].isEmpty { fields[index] = labels[index] + fields[index] }
        }
        if random.below(4) == 0 { fields = fields.map { " \($0)  " } }
        if random.below(5) == 0 { fields += ["", "extra"] }
        var text = fields.joined(separator: "|")
        if random.below(4) == 0 { text = "CCCD: " + text }
        if random.below(3) == 0 { text = "\r\n " + text + "\r\n" }
        if random.below(4) == 0 { text = text.decomposedStringWithCanonicalMapping }
        return text
    }
}

/// SplitMix64, so that the property test is reproducible.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
