import MotCuaDomain

/// Generates a run of whole households, with indices local to the run, from its own seed.
///
/// Each chunk depends only on its seed and size, so chunks can be built on any number of threads and
/// concatenated in order with the same result. IDs, numbers and sequences that must be unique across the
/// whole registry are assigned afterwards, serially (``RegistryGenerator``).
struct ChunkBuilder {
    var random: SplitMix64
    let target: Int
    let rates: InconsistencyRates
    let referenceDay: Int32
    let referenceYear: Int
    /// The year of the day before the reference day: nobody is born on or after the reference day.
    let lastBirthYear: Int

    var people: [PersonRow] = []
    var households: [HouseholdRow] = []
    var civil: [CivilRow] = []
    var parcels: [ParcelRow] = []
    var businesses: [BusinessRow] = []
    /// A divorce waiting for its other partner (see ``makeDivorcedPartner(_:)``).
    var pendingDivorce: PendingDivorce?

    /// Household kinds and their shares; the shares and the head's birth years below give an age pyramid
    /// of the right shape: a broad working-age middle, about a quarter under 18, a tapering top.
    enum Kind: Int, CaseIterable {
        case family, elderlyCouple, singleParent, elderlyAlone, youngSingle
    }
    static let kindWeights = WeightedTable([62, 10, 8, 8, 12])
    /// Husbands' birth years 1950–2001 in families: a plateau for the 1970s–1990s cohorts.
    static let familyHeadYears: [Int] = Array(1950...2001)
    static let familyHeadYearWeights = WeightedTable(familyHeadYears.map { year in
        year < 1960 ? 0.4 : (year < 1968 ? 0.8 : (year > 1996 ? 0.6 : 1.0))
    })
    static let childCountWeights = WeightedTable([6, 20, 46, 21, 7])
    /// Wife's age gap to her husband, −2…6 years.
    static let ageGapWeights = WeightedTable([2, 4, 10, 18, 20, 18, 14, 9, 5])
    /// Wards are denser than rural communes.
    static let communeWeights = WeightedTable(Commune.bacNinh.map { $0.isWard ? 1.4 : 1.0 })
    /// Industrial wards and communes where migrant workers rent rooms (Yên Phong, Quế Võ, Việt Yên parks).
    static let industrialCommunes: [UInt8] = ["07795", "07798", "07777", "09193", "09247", "09253", "09367"].map {
        UInt8(Commune.indexByCode[$0]!)
    }

    init(seed: UInt64, target: Int, rates: InconsistencyRates, referenceDate: LocalDate) {
        random = SplitMix64(seed: seed)
        self.target = target
        self.rates = rates
        referenceDay = Int32(referenceDate.daysSinceEpoch)
        referenceYear = referenceDate.year
        lastBirthYear = referenceDate.adding(days: -1).year
        people.reserveCapacity(target + 8)
        households.reserveCapacity(target / 3 + 8)
        civil.reserveCapacity(target)
        parcels.reserveCapacity(target / 2)
    }

    mutating func build() {
        while people.count < target { makeHousehold(room: target - people.count) }
    }

    // MARK: Dates

    /// A uniformly drawn day of `year`, before the reference day.
    mutating func day(in year: Int) -> Int32 {
        let first = LocalDate(year: year, month: 1, day: 1)!.daysSinceEpoch
        let length = LocalDate.isLeapYear(year) ? 366 : 365
        return min(Int32(first + random.int(0...(length - 1))), referenceDay - 1)
    }

    func year(of day: Int32) -> Int { LocalDate(daysSinceEpoch: Int(day)).year }

    func age(_ person: Int32) -> Int { referenceYear - year(of: people[Int(person)].birthDay) }

    // MARK: People

    /// Appends a person with a name, birthplace and, for older people, the need for an old ID.
    mutating func addPerson(
        female: Bool, birthYear: Int, surname: UInt8?, household: Int32, birthPlace: UInt8, nativePlace: UInt8?
    ) -> Int32 {
        let birthDay = day(in: birthYear)
        let modern = birthYear >= 1995
        let middles = female
            ? (modern ? NameTables.modernFemaleMiddleWeights : NameTables.femaleMiddleWeights)
            : (modern ? NameTables.modernMaleMiddleWeights : NameTables.maleMiddleWeights)
        let givens = female ? NameTables.femaleGivenWeights : NameTables.maleGivenWeights
        let place = PlaceTables.birthPlaces[Int(birthPlace)].code
        // Digit 4: even for men, odd for women, +2 per century after the 1900s (domain.md §1.2).
        let centuryDigit = (birthYear / 100 - 19) * 2 + (female ? 1 : 0)
        let prefix = UInt64(place * 1000 + centuryDigit * 100 + birthYear % 100)
        // The CMND was issued from age 14 until the CCCD replaced it (2016–2021), so mostly older people have one.
        let legacyShare = birthYear <= 1990 ? 0.75 : (birthYear <= 2002 ? 0.45 : 0)
        var row = PersonRow(
            id: prefix, birthDay: birthDay, household: household,
            surname: surname ?? UInt8(NameTables.surnameWeights.pick(&random)),
            middle: UInt8(middles.pick(&random)), given: UInt8(givens.pick(&random)), female: female,
            birthPlace: birthPlace, nativePlace: nativePlace ?? birthPlace)
        if random.chance(legacyShare) { row.legacy = RegistryGenerator.legacyPending }
        people.append(row)
        return Int32(people.count - 1)
    }

    /// Where someone living in a commune was born: mostly its own old province, else elsewhere.
    mutating func birthPlace(near commune: Int, birthYear: Int, localShare: Double = 0.86) -> UInt8 {
        let local: UInt8 = Commune.bacNinh[commune].oldProvinceCode == 27 ? 0 : 1
        if random.chance(localShare) { return local }
        var place = PlaceTables.elsewhereWeights.pick(&random)
        // Births abroad are children of the labour-migration years.
        if PlaceTables.birthPlaces[place].code > 100 && birthYear < 1995 { place = 2 }
        return UInt8(place)
    }

    mutating func marry(_ husband: Int32, _ wife: Int32) {
        people[Int(husband)].spouse = wife
        people[Int(wife)].spouse = husband
        people[Int(husband)].marital = MaritalStatus.married.code
        people[Int(wife)].marital = MaritalStatus.married.code
    }

    /// Death at `minimumAge` or later, between 2010 (when death registration went electronic) and the
    /// reference day; a surviving spouse becomes widowed.
    mutating func die(_ person: Int32, minimumAge: Int = 50) {
        let earliest = max(
            Int(people[Int(person)].birthDay) + minimumAge * 365, LocalDate(year: 2010, month: 1, day: 1)!.daysSinceEpoch)
        let latest = Int(referenceDay)
        guard earliest < latest else { return }
        people[Int(person)].deathDay = Int32(random.int(earliest...latest))
        let spouse = people[Int(person)].spouse
        if spouse >= 0, people[Int(spouse)].isAlive { people[Int(spouse)].marital = MaritalStatus.widowed.code }
    }

    /// Registers a marriage from 1990 on, when the electronic civil-status records start to be complete.
    mutating func registerMarriage(_ husband: Int32, _ wife: Int32, day: Int32, commune: UInt8) {
        guard year(of: day) >= 1990 else { return }
        civil.append(CivilRow(kind: CivilStatusRegistration.Kind.marriage.code, commune: commune, day: day, first: husband, second: wife))
    }
}
