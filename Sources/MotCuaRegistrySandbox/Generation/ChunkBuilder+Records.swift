import MotCuaDomain

/// Records held about a household's members in the other national databases.
extension ChunkBuilder {
    /// Communes by old province (24 Bắc Giang, 27 Bắc Ninh), for registrations made where a person was born.
    static let communesOfBacGiang: [UInt8] = Commune.bacNinh.indices.filter { Commune.bacNinh[$0].oldProvinceCode == 24 }
        .map { UInt8($0) }
    static let communesOfBacNinh: [UInt8] = Commune.bacNinh.indices.filter { Commune.bacNinh[$0].oldProvinceCode == 27 }
        .map { UInt8($0) }

    mutating func finishHousehold(_ household: Int32) {
        let row = households[Int(household)]
        let members = row.firstMember..<(row.firstMember + Int32(row.memberCount))
        for person in members {
            registerBirthAndDeath(person, commune: row.commune)
            guard people[Int(person)].isAlive else { continue }
            assignInsurance(person, commune: row.commune)
            assignTax(person)
            if people[Int(person)].currentCommune == PersonRow.samePlace, age(person) >= 18, random.chance(0.04) {
                people[Int(person)].currentCommune = UInt8(Self.communeWeights.pick(&random))
            }
        }
        addLand(household)
        maybeAddBusiness(household)
    }

    /// Births from 1990 in old Bắc Ninh or Bắc Giang are in the electronic register; deaths from 2010 all are.
    mutating func registerBirthAndDeath(_ person: Int32, commune: UInt8) {
        let row = people[Int(person)]
        if row.birthPlace <= 1, year(of: row.birthDay) >= 1990 {
            let communes = row.birthPlace == 0 ? Self.communesOfBacNinh : Self.communesOfBacGiang
            let registering = communes.contains(commune) ? commune : communes[random.int(0...(communes.count - 1))]
            // Parents have 60 days to register a birth (Law on Civil Status, art. 15).
            let day = min(row.birthDay + Int32(random.int(1...60)), referenceDay)
            civil.append(
                CivilRow(
                    kind: CivilStatusRegistration.Kind.birth.code, commune: registering, day: day, first: person,
                    second: row.father, third: row.mother))
        }
        if !row.isAlive {
            let day = min(row.deathDay + Int32(random.int(0...14)), referenceDay)
            civil.append(CivilRow(kind: CivilStatusRegistration.Kind.death.code, commune: commune, day: day, first: person))
        }
    }

    /// About 93% are insured; most at the commune health station. [U] Benefit levels by age are a
    /// simplification: 1 for children under 6, 2 from 80, 3 for pensioners, else 4 (a few 5).
    mutating func assignInsurance(_ person: Int32, commune: UInt8) {
        guard random.chance(0.93) else { return }
        let personAge = age(person)
        // Otherwise a hospital of the same former province, where people actually go.
        let hospitals = Commune.bacNinh[Int(commune)].oldProvinceCode == 27 ? [0, 2, 3] : [1, 4, 5]
        people[Int(person)].clinic =
            random.chance(0.7) ? commune : UInt8(Commune.bacNinh.count + hospitals[random.int(0...2)])
        people[Int(person)].benefitLevel =
            personAge < 6 ? 1 : (personAge >= 80 ? 2 : (personAge >= 60 ? 3 : (random.chance(0.1) ? 5 : 4)))
        let byLegacy = people[Int(person)].legacy != 0 && random.chance(rates.insuranceByLegacyID)
        people[Int(person)].insurance = byLegacy ? 2 : 1
    }

    /// Working-age adults with income registered for personal income tax.
    mutating func assignTax(_ person: Int32) {
        let personAge = age(person)
        guard (18...64).contains(personAge), random.chance(0.55) else { return }
        people[Int(person)].tax = personAge >= referenceYear - 2000 && random.chance(0.8) ? 2 : 1
    }

    /// A residential parcel for most households, farmland for many rural ones.
    mutating func addLand(_ household: Int32) {
        let row = households[Int(household)]
        let head = row.head
        guard head >= 0, people[Int(head)].isAlive else { return }
        let ward = Commune.bacNinh[Int(row.commune)].isWard
        if random.chance(0.88) {
            let spouse = people[Int(head)].spouse
            let coOwner: Int32 = spouse >= 0 && people[Int(spouse)].isAlive && random.chance(0.7) ? spouse : -1
            let area = ward ? random.int(400...1_500) : random.int(1_000...5_000)
            let use: LandParcel.Use = ward ? .urbanResidential : .ruralResidential
            addParcel(commune: row.commune, use: use, area: area, owners: head, coOwner)
        }
        guard !ward, random.chance(0.6) else { return }
        let orchards = PlaceTables.trades[11].speciality.contains(Commune.bacNinh[Int(row.commune)].code)
        for _ in 0..<random.int(1...2) {
            if orchards && random.chance(0.7) {
                addParcel(commune: row.commune, use: .perennialCrops, area: random.int(10_000...100_000), owners: head, -1)
            } else {
                addParcel(commune: row.commune, use: .rice, area: random.int(3_000...20_000), owners: head, -1)
            }
        }
    }

    mutating func addParcel(commune: UInt8, use: LandParcel.Use, area: Int, owners first: Int32, _ second: Int32) {
        var parcel = ParcelRow(commune: commune, use: use.code, area: UInt32(area), firstOwner: first, secondOwner: second)
        // Land certificates issued before the citizen ID name the holder's CMND; many were never updated.
        if people[Int(first)].legacy != 0 && random.chance(rates.landOwnerByLegacyID) { parcel.legacyOwners |= 1 }
        if second >= 0, people[Int(second)].legacy != 0, random.chance(rates.landOwnerByLegacyID) { parcel.legacyOwners |= 2 }
        parcels.append(parcel)
    }

    /// About 7% of households run a registered household business.
    mutating func maybeAddBusiness(_ household: Int32) {
        let row = households[Int(household)]
        guard row.head >= 0, random.chance(0.07) else { return }
        var owner = row.head
        let spouse = people[Int(owner)].spouse
        if spouse >= 0, people[Int(spouse)].isAlive, random.chance(0.5) { owner = spouse }
        guard people[Int(owner)].isAlive, (20...70).contains(age(owner)) else { return }
        let code = Commune.bacNinh[Int(row.commune)].code
        let local = PlaceTables.trades.indices.filter { PlaceTables.trades[$0].speciality.contains(code) }
        let trade = !local.isEmpty && random.chance(0.4)
            ? local[random.int(0...(local.count - 1))] : PlaceTables.tradeWeights.pick(&random)
        let earliest = max(Int(people[Int(owner)].birthDay) + 20 * 365, LocalDate(year: 2000, month: 1, day: 1)!.daysSinceEpoch)
        let day = Int32(random.int(min(earliest, Int(referenceDay))...Int(referenceDay)))
        businesses.append(BusinessRow(owner: owner, commune: row.commune, trade: UInt8(trade), day: day))
    }
}
