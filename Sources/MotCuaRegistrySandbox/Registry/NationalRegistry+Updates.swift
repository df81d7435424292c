import MotCuaDomain
import Synchronization

/// Two-way sharing: updates validated and applied atomically to the overlay.
extension NationalRegistry {
    /// Applies an update after checking it against the current state; either all of it or nothing applies.
    ///
    /// - Returns: The civil-status registration the update created or applied, if any.
    /// - Throws: ``RegistryUpdateError`` naming the rule that refused it.
    @discardableResult
    public func apply(_ update: RegistryUpdate) throws -> CivilStatusRegistration? {
        try overlay.withLock { state throws(RegistryUpdateError) -> CivilStatusRegistration? in
            switch update {
            case .registerMarriage(let husband, let wife, let date, let communeCode):
                return try registerMarriage(husband: husband, wife: wife, date: date, communeCode: communeCode, &state)
            case .applyMarriageRegistration(let number):
                return try applyMarriage(number: number, &state)
            case .registerDeath(let id, let date, let communeCode):
                return try registerDeath(id, date: date, communeCode: communeCode, &state)
            case .registerDivorce(let husband, let wife, let date, _, let communeCode):
                return try registerDivorce(husband: husband, wife: wife, date: date, communeCode: communeCode, &state)
            case .convertLandOwner(let parcelID, let legacyID):
                try convertLandOwner(parcelID: parcelID, legacyID: legacyID, &state)
                return nil
            case .updateLandParcel(let parcelID, let holder, let area, let use):
                try updateLandParcel(parcelID: parcelID, holder: holder, area: area, use: use, &state)
                return nil
            case .convertInsuranceHolder(let id):
                let index = try requirePerson(id)
                let row = personRow(index, state)
                guard row.insurance != 0 else { throw RegistryUpdateError(.noInsurance) }
                guard row.insurance == 2, !state.insuranceConverted.contains(index) else {
                    throw RegistryUpdateError(.alreadyApplied)
                }
                state.insuranceConverted.insert(index)
                return nil
            }
        }
    }

    private func requirePerson(_ id: CitizenID) throws(RegistryUpdateError) -> Int32 {
        guard let index = index(of: id) else { throw RegistryUpdateError(.personNotFound(id)) }
        return index
    }

    private func requireCommune(_ code: String) throws(RegistryUpdateError) -> UInt8 {
        guard let index = Commune.indexByCode[code] else { throw RegistryUpdateError(.unknownCommune(code)) }
        return UInt8(index)
    }

    /// Both parties of a marriage or divorce and the registering commune, or the first of them the registry lacks.
    private func requireCouple(
        _ husband: CitizenID, _ wife: CitizenID, _ communeCode: String
    ) throws(RegistryUpdateError) -> (husband: Int32, wife: Int32, commune: UInt8) {
        (try requirePerson(husband), try requirePerson(wife), try requireCommune(communeCode))
    }

    private func store(_ row: PersonRow, at index: Int32, _ state: inout Overlay) {
        state.people[index] = Overlay.PersonState(marital: row.marital, spouse: row.spouse, deathDay: row.deathDay)
    }

    /// Full years between a birth day and a date.
    private func age(born: Int32, on date: LocalDate) -> Int {
        let birth = Self.date(born)
        return date.year - birth.year - ((date.month, date.day) < (birth.month, birth.day) ? 1 : 0)
    }

    /// Appends a registration numbered after the last one of its kind, commune and year.
    private func addRegistration(_ row: CivilRow, parties: [Int32], _ state: inout Overlay) -> Int32 {
        var row = row
        let year = Self.date(row.day).year
        let counter = RegistryStorage.civilCounter(kind: row.kind, commune: row.commune, year: year)
        let sequence = storage.civilCounters[counter] + (state.civilCounters[counter] ?? 0) + 1
        state.civilCounters[counter, default: 0] += 1
        row.sequence = sequence
        state.civil.append(row)
        let index = Int32(storage.civil.count + state.civil.count - 1)
        for person in parties { state.civilByPerson[person, default: []].append(index) }
        state.civilByNumber[RegistryStorage.civilKey(kind: row.kind, commune: row.commune, year: year, sequence: sequence)] = index
        return index
    }

    private func checkSpouses(
        husband: Int32, wife: Int32, date: LocalDate?, _ state: Overlay
    ) throws(RegistryUpdateError) -> (PersonRow, PersonRow) {
        guard husband != wife else { throw RegistryUpdateError(.samePerson) }
        let husbandRow = personRow(husband, state)
        let wifeRow = personRow(wife, state)
        guard !husbandRow.female else { throw RegistryUpdateError(.sexMismatch(.husband)) }
        guard wifeRow.female else { throw RegistryUpdateError(.sexMismatch(.wife)) }
        guard husbandRow.isAlive else { throw RegistryUpdateError(.deceased(.husband)) }
        guard wifeRow.isAlive else { throw RegistryUpdateError(.deceased(.wife)) }
        let married = MaritalStatus.married.code
        if husbandRow.marital == married && husbandRow.spouse == wife && wifeRow.marital == married && wifeRow.spouse == husband {
            throw RegistryUpdateError(.alreadyApplied)
        }
        if let date {
            guard husbandRow.marital != married else { throw RegistryUpdateError(.alreadyMarried(.husband)) }
            guard wifeRow.marital != married else { throw RegistryUpdateError(.alreadyMarried(.wife)) }
            guard date >= Self.date(husbandRow.birthDay), date >= Self.date(wifeRow.birthDay) else {
                throw RegistryUpdateError(.dateOutOfRange)
            }
            guard age(born: husbandRow.birthDay, on: date) >= 20 else { throw RegistryUpdateError(.underAge(.husband, minimum: 20)) }
            guard age(born: wifeRow.birthDay, on: date) >= 18 else { throw RegistryUpdateError(.underAge(.wife, minimum: 18)) }
        } else {
            // Applying a registration: "married" with no spouse recorded is a lagging profile, not a second
            // marriage; only a recorded other spouse blocks.
            guard husbandRow.marital != married || husbandRow.spouse < 0 || husbandRow.spouse == wife else {
                throw RegistryUpdateError(.alreadyMarried(.husband))
            }
            guard wifeRow.marital != married || wifeRow.spouse < 0 || wifeRow.spouse == husband else {
                throw RegistryUpdateError(.alreadyMarried(.wife))
            }
        }
        return (husbandRow, wifeRow)
    }

    private func link(_ husband: Int32, _ husbandRow: PersonRow, _ wife: Int32, _ wifeRow: PersonRow, _ state: inout Overlay) {
        var husbandRow = husbandRow
        var wifeRow = wifeRow
        husbandRow.marital = MaritalStatus.married.code
        husbandRow.spouse = wife
        wifeRow.marital = MaritalStatus.married.code
        wifeRow.spouse = husband
        store(husbandRow, at: husband, &state)
        store(wifeRow, at: wife, &state)
    }

    private func registerMarriage(
        husband: CitizenID, wife: CitizenID, date: LocalDate, communeCode: String, _ state: inout Overlay
    ) throws(RegistryUpdateError) -> CivilStatusRegistration {
        let (husbandIndex, wifeIndex, commune) = try requireCouple(husband, wife, communeCode)
        let (husbandRow, wifeRow) = try checkSpouses(husband: husbandIndex, wife: wifeIndex, date: date, state)
        let row = CivilRow(
            kind: CivilStatusRegistration.Kind.marriage.code, commune: commune, day: Int32(date.daysSinceEpoch),
            first: husbandIndex, second: wifeIndex)
        let index = addRegistration(row, parties: [husbandIndex, wifeIndex], &state)
        link(husbandIndex, husbandRow, wifeIndex, wifeRow, &state)
        return registration(index, state)
    }

    private func applyMarriage(number: String, _ state: inout Overlay) throws(RegistryUpdateError) -> CivilStatusRegistration {
        let parts = number.split(separator: "-")
        guard parts.count == 4, let kind = CivilStatusRegistration.Kind(numberPrefix: String(parts[0])),
            let commune = Commune.indexByCode[String(parts[1])], let year = Int(parts[2]), let sequence = UInt32(parts[3]),
            let index = civilByNumber.find(
                RegistryStorage.civilKey(kind: kind.code, commune: UInt8(commune), year: year, sequence: sequence))
                ?? state.civilByNumber[RegistryStorage.civilKey(kind: kind.code, commune: UInt8(commune), year: year, sequence: sequence)]
        else { throw RegistryUpdateError(.registrationNotFound(number)) }
        let row = civilRow(index, state)
        guard row.kind == CivilStatusRegistration.Kind.marriage.code else { throw RegistryUpdateError(.notAMarriage(number)) }
        let divorced = civilIndices(of: row.first, state).contains {
            let other = civilRow($0, state)
            return other.kind == CivilStatusRegistration.Kind.divorce.code && other.first == row.first
                && other.second == row.second && other.day >= row.day
        }
        guard !divorced else { throw RegistryUpdateError(.dissolvedByDivorce(number)) }
        let (husbandRow, wifeRow) = try checkSpouses(husband: row.first, wife: row.second, date: nil, state)
        link(row.first, husbandRow, row.second, wifeRow, &state)
        return registration(index, state)
    }

    private func registerDeath(
        _ id: CitizenID, date: LocalDate, communeCode: String, _ state: inout Overlay
    ) throws(RegistryUpdateError) -> CivilStatusRegistration {
        let index = try requirePerson(id)
        let commune = try requireCommune(communeCode)
        var row = personRow(index, state)
        guard row.isAlive else { throw RegistryUpdateError(.deceased(.deceased)) }
        guard date >= Self.date(row.birthDay) else { throw RegistryUpdateError(.dateOutOfRange) }
        let registrationIndex = addRegistration(
            CivilRow(kind: CivilStatusRegistration.Kind.death.code, commune: commune, day: Int32(date.daysSinceEpoch), first: index),
            parties: [index], &state)
        row.deathDay = Int32(date.daysSinceEpoch)
        store(row, at: index, &state)
        if row.spouse >= 0 {
            var spouse = personRow(row.spouse, state)
            if spouse.isAlive, spouse.spouse == index, spouse.marital == MaritalStatus.married.code {
                spouse.marital = MaritalStatus.widowed.code
                store(spouse, at: row.spouse, &state)
            }
        }
        return registration(registrationIndex, state)
    }

    /// A divorce ends the marriage the population database shows between the two: the registration is added (the
    /// court's reference is the registry's own record, not part of the sandbox's rows) and both become divorced.
    private func registerDivorce(
        husband: CitizenID, wife: CitizenID, date: LocalDate, communeCode: String, _ state: inout Overlay
    ) throws(RegistryUpdateError) -> CivilStatusRegistration {
        let (husbandIndex, wifeIndex, commune) = try requireCouple(husband, wife, communeCode)
        guard husbandIndex != wifeIndex else { throw RegistryUpdateError(.samePerson) }
        var husbandRow = personRow(husbandIndex, state)
        var wifeRow = personRow(wifeIndex, state)
        let married = MaritalStatus.married.code
        guard husbandRow.marital == married, husbandRow.spouse == wifeIndex, wifeRow.marital == married, wifeRow.spouse == husbandIndex else {
            throw RegistryUpdateError(.notMarriedToEachOther)
        }
        let day = Int32(date.daysSinceEpoch)
        guard day >= husbandRow.birthDay, day >= wifeRow.birthDay else { throw RegistryUpdateError(.dateOutOfRange) }
        let marriages = civilIndices(of: husbandIndex, state).map { civilRow($0, state) }
            .filter { $0.kind == CivilStatusRegistration.Kind.marriage.code && $0.first == husbandIndex && $0.second == wifeIndex }
        if let wedding = marriages.map(\.day).max(), day < wedding { throw RegistryUpdateError(.beforeMarriage) }
        let index = addRegistration(
            CivilRow(kind: CivilStatusRegistration.Kind.divorce.code, commune: commune, day: day, first: husbandIndex, second: wifeIndex),
            parties: [husbandIndex, wifeIndex], &state)
        husbandRow.marital = MaritalStatus.divorced.code
        husbandRow.spouse = -1
        wifeRow.marital = MaritalStatus.divorced.code
        wifeRow.spouse = -1
        store(husbandRow, at: husbandIndex, &state)
        store(wifeRow, at: wifeIndex, &state)
        return registration(index, state)
    }

    private func convertLandOwner(parcelID: String, legacyID: LegacyID, _ state: inout Overlay) throws(RegistryUpdateError) {
        guard let parcel = parcelIndex(parcelID) else { throw RegistryUpdateError(.parcelNotFound(parcelID)) }
        guard let person = index(of: legacyID) else { throw RegistryUpdateError(.legacyIDNotFound(legacyID)) }
        var row = parcelRow(parcel, state)
        let bit: UInt8 = row.firstOwner == person ? 1 : (row.secondOwner == person ? 2 : 0)
        guard bit != 0, row.legacyOwners & bit != 0 else { throw RegistryUpdateError(.ownerNotOnParcel) }
        row.legacyOwners &= ~bit
        state.parcels[parcel] = row
    }

    /// A land certificate's result: a holder already on the parcel is now named by citizen ID (a co-holder stays);
    /// anyone else becomes the sole holder (a transfer). Applying the same result twice leaves the same row.
    private func updateLandParcel(
        parcelID: String, holder: CitizenID, area: Double?, use: LandParcel.Use?, _ state: inout Overlay
    ) throws(RegistryUpdateError) {
        guard let parcel = parcelIndex(parcelID) else { throw RegistryUpdateError(.parcelNotFound(parcelID)) }
        let person = try requirePerson(holder)
        if let area, !(area > 0 && area < 100_000_000) { throw RegistryUpdateError(.invalidArea) }
        var row = parcelRow(parcel, state)
        if row.firstOwner == person {
            row.legacyOwners &= ~1
        } else if row.secondOwner == person {
            row.legacyOwners &= ~2
        } else {
            (row.firstOwner, row.secondOwner, row.legacyOwners) = (person, -1, 0)
            state.parcelsByOwner[person, default: []].append(parcel)
        }
        if let area { row.area = UInt32((area * 10).rounded()) }
        if let use { row.use = use.code }
        state.parcels[parcel] = row
    }
}
