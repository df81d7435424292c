/// The agreement level of each compared field for one (source record, register person) pair:
/// the comparison vector γ of Fellegi–Sunter. Levels index the weight tables of ``MatchModel``.
struct Comparison: Sendable, Hashable {
    var surname: UInt8
    var given: UInt8
    var middle: UInt8
    var dateOfBirth: UInt8
    var sex: UInt8
    var commune: UInt8

    /// Levels for surnames and given names.
    enum Name {
        static let identical: UInt8 = 0
        static let folded: UInt8 = 1
        /// Hoàng/Huỳnh, Vũ/Võ: never an automatic match.
        static let regional: UInt8 = 2
        static let similar: UInt8 = 3
        static let different: UInt8 = 4
        static let missing: UInt8 = 5
        static let names = ["identical", "diacritic variant", "regional variant", "one edit apart", "different", "missing"]
    }

    /// Levels for middle names.
    enum Middle {
        static let identical: UInt8 = 0
        static let folded: UInt8 = 1
        static let omitted: UInt8 = 2
        /// One middle word on each side, one edit apart (a typo): its weight is learnt like the others'.
        static let similar: UInt8 = 3
        static let different: UInt8 = 4
        static let missing: UInt8 = 5
        static let names = ["identical", "diacritic variant", "omitted on one side", "one edit apart", "different", "none on either side"]

        /// Two different middle names: one edit apart when both are a single packed word; an initial on one side
        /// that is the other's first letter ("Hoàng V. Trọng") is the name written on one side only, as if omitted;
        /// else different.
        @inline(__always)
        static func differing(_ a: UInt64, _ b: UInt64) -> UInt8 {
            if NameKeys.withinOneEdit(a, b) { return similar }
            return NameKeys.isInitial(a, of: b) || NameKeys.isInitial(b, of: a) ? omitted : different
        }
    }

    /// Levels for dates of birth.
    enum Date {
        static let exact: UInt8 = 0
        static let yearOnly: UInt8 = 1
        static let swapped: UInt8 = 2
        static let offByOne: UInt8 = 3
        static let sameYear: UInt8 = 4
        /// Full dates that differ in one digit of the day, the month or the year (15/25, 07/01, 1981/1991): a digit
        /// mistyped. A neighbouring day and a day/month swap keep their own levels.
        static let oneDigit: UInt8 = 5
        static let different: UInt8 = 6
        static let missing: UInt8 = 7
        static let names = [
            "exact", "same year, year-only on one side", "day and month swapped", "one day apart", "same year only",
            "one digit of day, month or year mistyped", "different", "missing",
        ]
    }

    /// Levels for sex and commune.
    enum Simple {
        static let agree: UInt8 = 0
        static let disagree: UInt8 = 1
        static let missing: UInt8 = 2
        static let names = ["agree", "disagree", "missing"]
    }

    static let levelCounts = [6, 6, 6, 8, 3, 3]
    static let fieldNames = ["surname", "given name", "middle name", "date of birth", "sex", "commune"]

    init(surname: UInt8, given: UInt8, middle: UInt8, dateOfBirth: UInt8, sex: UInt8, commune: UInt8) {
        self.surname = surname
        self.given = given
        self.middle = middle
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.commune = commune
    }

    /// Every field missing: the comparison of a record with nobody.
    static let none = Comparison(surname: Name.missing, given: Name.missing, middle: Middle.missing, dateOfBirth: Date.missing, sex: Simple.missing, commune: Simple.missing)

    subscript(field: Int) -> UInt8 {
        switch field {
        case 0: surname
        case 1: given
        case 2: middle
        case 3: dateOfBirth
        case 4: sex
        default: commune
        }
    }

    /// Compares a source record with a register person.
    @inline(__always)
    init(_ record: SourceRecord, _ person: RegisterPerson) {
        let a = record.name
        let b = person.name
        surname = Self.token(a.surname, b.surname, a.surnameSpelling, b.surnameSpelling, regional: true)
        given = Self.token(a.given, b.given, a.givenSpelling, b.givenSpelling, regional: false)
        if a.middle == 0 && b.middle == 0 {
            middle = Middle.missing
        } else if a.middle == 0 || b.middle == 0 {
            middle = Middle.omitted
        } else if a.middleSpelling == b.middleSpelling {
            middle = Middle.identical
        } else {
            middle = a.middle == b.middle ? Middle.folded : Middle.differing(a.middle, b.middle)
        }
        if NameKeys.isSwapped(a, given: b.given, middle: b.middle) {
            // Given and middle name swapped: close, but not the same as written.
            given = Name.similar
            middle = Middle.folded
        }
        dateOfBirth = Self.date(record.dateOfBirth, person.dateOfBirth)
        sex = record.sex == 0 || person.sex == 0 ? Simple.missing : (record.sex == person.sex ? Simple.agree : Simple.disagree)
        commune = Self.commune(record, person.commune)
    }

    /// Agree when the record's place denotes the person's commune (either of two an ambiguous place text allows).
    @inline(__always)
    static func commune(_ record: SourceRecord, _ commune: UInt32) -> UInt8 {
        if record.commune == 0 || commune == 0 { return Simple.missing }
        return record.commune == commune || record.communeAlternative == commune ? Simple.agree : Simple.disagree
    }

    @inline(__always)
    static func token(_ a: UInt64, _ b: UInt64, _ spellingA: UInt64, _ spellingB: UInt64, regional: Bool) -> UInt8 {
        if a == 0 || b == 0 { return Name.missing }
        if a == b { return spellingA == spellingB ? Name.identical : Name.folded }
        // The regional pair check comes before the edit distance: Vũ/Võ are one edit apart.
        if regional && NameKeys.isRegionalSurnamePair(a, b) { return Name.regional }
        return NameKeys.withinOneEdit(a, b) ? Name.similar : Name.different
    }

    /// Whether two years differ in exactly one decimal digit.
    @inline(__always)
    static func isOneDigitApart(_ a: Int, _ b: Int) -> Bool {
        var a = a
        var b = b
        var differing = 0
        while a > 0 || b > 0 {
            if a % 10 != b % 10 { differing += 1 }
            a /= 10
            b /= 10
        }
        return differing == 1
    }

    @inline(__always)
    static func date(_ a: Int32, _ b: Int32) -> UInt8 {
        if a == 0 || b == 0 { return Date.missing }
        if a == b { return PackedDate.isYearOnly(a) ? Date.yearOnly : Date.exact }
        let yearA = PackedDate.year(a)
        guard yearA == PackedDate.year(b) else {
            // 31 Dec / 1 Jan births are one day apart across the year boundary.
            if !PackedDate.isYearOnly(a) && !PackedDate.isYearOnly(b) {
                if PackedDate.day(a) == PackedDate.day(b) && PackedDate.month(a) == PackedDate.month(b)
                    && isOneDigitApart(Int(yearA), Int(PackedDate.year(b)))
                {
                    return Date.oneDigit
                }
                if abs(PackedDate.dayNumber(a) - PackedDate.dayNumber(b)) == 1 { return Date.offByOne }
            }
            return Date.different
        }
        if PackedDate.isYearOnly(a) || PackedDate.isYearOnly(b) { return Date.yearOnly }
        if PackedDate.month(a) == PackedDate.day(b) && PackedDate.day(a) == PackedDate.month(b) { return Date.swapped }
        if abs(PackedDate.dayNumber(a) - PackedDate.dayNumber(b)) == 1 { return Date.offByOne }
        if isOneDigitApart(Int(PackedDate.month(a)) * 100 + Int(PackedDate.day(a)), Int(PackedDate.month(b)) * 100 + Int(PackedDate.day(b))) {
            return Date.oneDigit
        }
        return Date.sameYear
    }
}
