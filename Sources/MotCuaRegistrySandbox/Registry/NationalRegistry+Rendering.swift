import MotCuaDomain

/// Composition of public records from compact rows and the overlay.
extension NationalRegistry {
    /// Decimal digits of `value`, left-padded with zeros to `width`.
    static func padded(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// A value derived from a row index and a purpose, stable for a seed, for details not worth storing.
    func derived(_ index: Int32, _ purpose: UInt64) -> UInt64 {
        SplitMix64.mix(seed ^ (UInt64(UInt32(bitPattern: index)) &* 0x9E37_79B9_7F4A_7C15) ^ (purpose &* 0xC2B2_AE3D_27D4_EB4F))
    }

    static func date(_ day: Int32) -> LocalDate { LocalDate(daysSinceEpoch: Int(day)) }

    /// The row with the overlay's changes applied.
    func personRow(_ index: Int32, _ state: Overlay) -> PersonRow {
        var row = storage.people[Int(index)]
        if let changed = state.people[index] {
            row.marital = changed.marital
            row.spouse = changed.spouse
            row.deathDay = changed.deathDay
        }
        return row
    }

    func citizenID(_ index: Int32) -> CitizenID {
        // Every generated number is structurally valid by construction (the tests check each one), so a
        // failure here is a generator bug, not bad input.
        try! CitizenID(Self.padded(storage.people[Int(index)].id, 12))
    }

    func legacyID(_ index: Int32) -> LegacyID? {
        let value = storage.people[Int(index)].legacy
        return value == 0 ? nil : LegacyID(Self.padded(UInt64(value), 9))
    }

    func fullName(_ index: Int32) -> String {
        let row = storage.people[Int(index)]
        return NameTables.fullName(surname: row.surname, middle: row.middle, given: row.given)
    }

    func permanentAddress(_ household: HouseholdRow) -> ResidenceAddress {
        let commune = Commune.bacNinh[Int(household.commune)]
        let village = PlaceTables.village(household.village, in: commune)
        // Urban addresses carry a house number; rural ones usually stop at the village.
        let street = commune.isWard ? "Số \(household.houseNumber), \(village)" : village
        return ResidenceAddress(communeCode: commune.code, text: "\(street), \(commune.fullName), Tỉnh Bắc Ninh")
    }

    func record(_ index: Int32, _ state: Overlay) -> PopulationRecord {
        let row = personRow(index, state)
        let household = storage.households[Int(row.household)]
        let commune = Commune.bacNinh[Int(household.commune)]
        let permanent = permanentAddress(household)
        var current = permanent
        if row.currentCommune != PersonRow.samePlace {
            let place = Commune.bacNinh[Int(row.currentCommune)]
            let detail = derived(index, 1)
            let village = PlaceTables.village(UInt8(detail % 20), in: place)
            current = ResidenceAddress(
                communeCode: place.code, text: "Số \(1 + (detail >> 8) % 200), \(village), \(place.fullName), Tỉnh Bắc Ninh")
        }
        return PopulationRecord(
            citizenID: citizenID(index), legacyID: legacyID(index), fullName: fullName(index), sex: row.female ? .female : .male,
            dateOfBirth: Self.date(row.birthDay), birthplace: PlaceTables.birthPlaces[Int(row.birthPlace)].name,
            nativePlace: PlaceTables.birthPlaces[Int(row.nativePlace)].name, permanentAddress: permanent,
            currentAddress: current, maritalStatus: MaritalStatus(code: row.marital),
            spouseID: row.spouse >= 0 ? citizenID(row.spouse) : nil, fatherID: row.father >= 0 ? citizenID(row.father) : nil,
            motherID: row.mother >= 0 ? citizenID(row.mother) : nil,
            householdID: "HK-\(commune.code)-\(Self.padded(UInt64(household.sequence), 6))",
            householdHeadID: citizenID(household.head), deceasedOn: row.isAlive ? nil : Self.date(row.deathDay))
    }

    func civilRow(_ index: Int32, _ state: Overlay) -> CivilRow {
        let base = storage.civil.count
        return Int(index) < base ? storage.civil[Int(index)] : state.civil[Int(index) - base]
    }

    func registrationNumber(_ row: CivilRow) -> String {
        let kind = CivilStatusRegistration.Kind(code: row.kind)!
        let year = Self.date(row.day).year
        return "\(kind.numberPrefix)-\(Commune.bacNinh[Int(row.commune)].code)-\(year)-\(Self.padded(UInt64(row.sequence), 6))"
    }

    func registration(_ index: Int32, _ state: Overlay) -> CivilStatusRegistration {
        let row = civilRow(index, state)
        let kind = CivilStatusRegistration.Kind(code: row.kind)!
        let roles: [CivilStatusRegistration.Role] =
            switch kind {
            case .birth: [.child, .father, .mother]
            case .marriage, .divorce: [.husband, .wife]
            case .death: [.deceased]
            }
        let people = [row.first, row.second, row.third]
        let parties = zip(roles, people).compactMap { role, person in
            person >= 0 ? CivilStatusRegistration.Party(role: role, citizenID: citizenID(person)) : nil
        }
        return CivilStatusRegistration(
            kind: kind, registrationNumber: registrationNumber(row), date: Self.date(row.day),
            communeCode: Commune.bacNinh[Int(row.commune)].code, parties: parties)
    }

    func insuranceRecord(_ index: Int32, _ state: Overlay) -> InsuranceRecord? {
        let row = personRow(index, state)
        guard row.insurance != 0 else { return nil }
        let byLegacy = row.insurance == 2 && !state.insuranceConverted.contains(index)
        let province = Commune.bacNinh[Int(storage.households[Int(row.household)].commune)].oldProvinceCode
        // 2-digit province of issue + 8 digits; 48,271 is prime to 10^8, so the numbers are unique per person.
        let serial = (UInt64(index) &* 48_271 &+ SplitMix64.mix(seed ^ 0x4248_5848) % 100_000_000) % 100_000_000
        let birth = Self.date(row.birthDay)
        let validFrom: LocalDate
        let validUntil: LocalDate
        let sixth = LocalDate(year: birth.year + 6, month: birth.month, day: birth.day)
            ?? LocalDate(year: birth.year + 6, month: 3, day: 1)!
        if sixth > referenceDate {
            // Children's cards run from birth until they reach 72 months.
            (validFrom, validUntil) = (birth, sixth.adding(days: -1))
        } else {
            let lapsed = derived(index, 2) % 100 < 5
            let year = referenceDate.year - (lapsed ? 1 : 0)
            (validFrom, validUntil) = (LocalDate(year: year, month: 1, day: 1)!, LocalDate(year: year, month: 12, day: 31)!)
        }
        let clinic = PlaceTables.clinic(row.clinic)
        return InsuranceRecord(
            socialInsuranceNumber: String(province) + Self.padded(serial, 8), holderID: byLegacy ? nil : citizenID(index),
            holderLegacyID: byLegacy ? legacyID(index) : nil, validFrom: validFrom, validUntil: validUntil,
            clinicName: clinic.name, clinicCode: clinic.code, benefitLevel: Int(row.benefitLevel))
    }

    func taxRecord(_ index: Int32) -> TaxRecord? {
        let row = storage.people[Int(index)]
        guard row.tax != 0 else { return nil }
        let id = citizenID(index)
        let detail = derived(index, 3)
        let adult = Int(row.birthDay) + 18 * 366
        let registered: Int
        var legacyCode: String?
        if row.tax == 2 {
            // Individual codes issued before 2025 are 10 digits; those of employees commonly start with 8 [S].
            let serial = (UInt64(index) &* 7_654_321 &+ SplitMix64.mix(seed ^ 0x5441_58) % 1_000_000_000) % 1_000_000_000
            legacyCode = "8" + Self.padded(serial, 9)
            let from = max(adult, LocalDate(year: 2005, month: 1, day: 1)!.daysSinceEpoch)
            let until = max(from, LocalDate(year: 2024, month: 12, day: 31)!.daysSinceEpoch)
            registered = from + Int(detail % UInt64(until - from + 1))
        } else {
            let from = max(adult, LocalDate(year: 2025, month: 7, day: 1)!.daysSinceEpoch)
            let until = max(from, referenceDate.daysSinceEpoch)
            registered = from + Int(detail % UInt64(until - from + 1))
        }
        return TaxRecord(
            taxCode: id.value, citizenID: id, legacyTaxCode: legacyCode,
            communeCode: Commune.bacNinh[Int(storage.households[Int(row.household)].commune)].code,
            registeredOn: LocalDate(daysSinceEpoch: registered), status: (detail >> 20) % 100 < 3 ? .suspended : .active)
    }

    func landParcel(_ index: Int32, _ state: Overlay) -> LandParcel {
        let row = parcelRow(index, state)
        let legacyOwners = row.legacyOwners
        var owners: [LandOwner] = []
        for (bit, owner) in [(UInt8(1), row.firstOwner), (UInt8(2), row.secondOwner)] where owner >= 0 {
            if legacyOwners & bit != 0, let legacy = legacyID(owner) {
                owners.append(.legacyID(legacy))
            } else {
                owners.append(.citizenID(citizenID(owner)))
            }
        }
        let commune = Commune.bacNinh[Int(row.commune)].code
        let (sheet, number) = Self.sheetAndNumber(row.sequence)
        return LandParcel(
            parcelID: "\(commune)-\(sheet)-\(number)", communeCode: commune, mapSheet: sheet, parcelNumber: number,
            areaSquareMetres: Double(row.area) / 10, use: LandParcel.Use(code: row.use), owners: owners)
    }

    /// A parcel's row as it now stands: changed by an update, or as generated.
    func parcelRow(_ index: Int32, _ state: Overlay) -> ParcelRow {
        state.parcels[index] ?? storage.parcels[Int(index)]
    }

    /// Parcels per map sheet.
    static let parcelsPerSheet = 500

    static func sheetAndNumber(_ sequence: UInt32) -> (sheet: Int, number: Int) {
        ((Int(sequence) - 1) / parcelsPerSheet + 1, (Int(sequence) - 1) % parcelsPerSheet + 1)
    }

    func business(_ index: Int32) -> HouseholdBusiness {
        let row = storage.businesses[Int(index)]
        let trade = PlaceTables.trades[Int(row.trade)]
        let owner = storage.people[Int(row.owner)]
        let commune = Commune.bacNinh[Int(row.commune)].code
        return HouseholdBusiness(
            businessCode: "\(commune)-HKD-\(Self.padded(UInt64(row.sequence), 6))",
            name: "\(trade.sign) \(NameTables.givens[Int(owner.given)])", trade: trade.trade, ownerID: citizenID(row.owner),
            communeCode: commune, registeredOn: Self.date(row.day))
    }
}
