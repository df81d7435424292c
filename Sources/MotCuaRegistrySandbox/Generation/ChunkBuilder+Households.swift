import MotCuaDomain

/// The household kinds: who lives together, how they are related, and their civil-status events.
extension ChunkBuilder {
    mutating func makeHousehold(room: Int) {
        let commune = Self.communeWeights.pick(&random)
        let household = Int32(households.count)
        let first = Int32(people.count)
        households.append(
            HouseholdRow(
                commune: UInt8(commune), village: UInt8(random.int(0...19)), houseNumber: UInt16(random.int(1...250)),
                head: -1, firstMember: first, memberCount: 0))
        var kind = Kind(rawValue: Self.kindWeights.pick(&random))!
        // The last few places of a chunk are filled with one-person households so that the count is exact.
        if room < 9 { kind = .youngSingle }
        var exPartner: (partner: Int32, female: Bool, birthYear: Int)?
        switch kind {
        case .family: makeFamily(household: household, commune: commune, room: room)
        case .elderlyCouple: makeElderlyCouple(household: household, commune: commune)
        case .singleParent: exPartner = makeSingleParent(household: household, commune: commune)
        case .elderlyAlone: makeElderlyAlone(household: household, commune: commune)
        case .youngSingle: makeYoungSingle(household: household, commune: commune)
        }
        households[Int(household)].memberCount = UInt8(Int32(people.count) - first)
        households[Int(household)].head = chooseHead(first..<Int32(people.count))
        // A divorced partner lives on alone; created after the household so that members stay contiguous,
        // and before its records so that the children's birth registrations name both parents.
        if let exPartner { makeDivorcedPartner(exPartner) }
        finishHousehold(household)
    }

    /// The head: the oldest living man of the eldest generation, else the oldest living member.
    func chooseHead(_ members: Range<Int32>) -> Int32 {
        let living = members.filter { people[Int($0)].isAlive }
        let candidates = living.isEmpty ? Array(members) : living
        let byAge = candidates.sorted { people[Int($0)].birthDay < people[Int($1)].birthDay }
        let eldest = byAge[0]
        let generation = byAge.filter { people[Int($0)].birthDay - people[Int(eldest)].birthDay < 15 * 365 }
        return generation.first { !people[Int($0)].female } ?? eldest
    }

    /// A couple, their children still at home, and for some the husband's parents.
    mutating func makeFamily(household: Int32, commune: Int, room: Int) {
        let husbandYear = Self.familyHeadYears[Self.familyHeadYearWeights.pick(&random)]
        let wifeYear = min(husbandYear + Self.ageGapWeights.pick(&random) - 2, 2005)
        let marriageYear = min(max(wifeYear + random.int(19...27), husbandYear + 20), referenceYear)
        let husbandPlace = birthPlace(near: commune, birthYear: husbandYear)
        let husband = addPerson(
            female: false, birthYear: husbandYear, surname: nil, household: household, birthPlace: husbandPlace, nativePlace: nil)
        let wife = addPerson(
            female: true, birthYear: wifeYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: wifeYear), nativePlace: nil)
        marry(husband, wife)
        let marriageDay = max(day(in: marriageYear), people[Int(wife)].birthDay + 18 * 365, people[Int(husband)].birthDay + 20 * 365)
        registerMarriage(husband, wife, day: min(marriageDay, referenceDay), commune: UInt8(commune))

        var places = min(room, 7) - 2
        let withGrandparents = husbandYear >= 1962 && random.chance(0.3) && places >= 3
        if withGrandparents { places -= 2 }
        addChildren(
            father: husband, mother: wife, after: marriageDay, count: min(Self.childCountWeights.pick(&random), places),
            household: household, commune: commune)
        if withGrandparents { addGrandparents(of: husband, household: household, commune: commune) }
        if people[Int(husband)].isAlive && people[Int(wife)].isAlive { maybeWithholdMarriage(husband, wife) }
    }

    /// Children born after the marriage, 2–6 years apart; grown-up children have mostly moved out.
    mutating func addChildren(father: Int32, mother: Int32, after marriageDay: Int32, count: Int, household: Int32, commune: Int) {
        var birthYear = year(of: marriageDay) + random.int(0...3)
        var added = 0
        while added < count, birthYear <= lastBirthYear {
            if referenceYear - birthYear <= 24 || random.chance(0.15) {
                // Sex ratio at birth in Viet Nam is about 112 boys to 100 girls.
                let female = !random.chance(0.528)
                let child = addPerson(
                    female: female, birthYear: birthYear, surname: people[Int(father)].surname, household: household,
                    birthPlace: birthPlace(near: commune, birthYear: birthYear, localShare: 0.93),
                    nativePlace: people[Int(father)].nativePlace)
                people[Int(child)].birthDay = max(people[Int(child)].birthDay, marriageDay)
                people[Int(child)].father = father
                people[Int(child)].mother = mother
                added += 1
            }
            birthYear += random.int(2...6)
        }
    }

    /// The husband's parents, one of them possibly deceased.
    mutating func addGrandparents(of husband: Int32, household: Int32, commune: Int) {
        let grandfatherYear = year(of: people[Int(husband)].birthDay) - random.int(22...32)
        let grandmotherYear = grandfatherYear + random.int(0...5)
        guard grandfatherYear >= 1930 else { return }
        let native = people[Int(husband)].nativePlace
        let grandfather = addPerson(
            female: false, birthYear: grandfatherYear, surname: people[Int(husband)].surname, household: household,
            birthPlace: native, nativePlace: native)
        let grandmother = addPerson(
            female: true, birthYear: grandmotherYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: grandmotherYear), nativePlace: nil)
        marry(grandfather, grandmother)
        people[Int(husband)].father = grandfather
        people[Int(husband)].mother = grandmother
        for person in [grandfather, grandmother] where random.chance(deathShare(age: age(person))) {
            if people[Int(grandfather)].isAlive && people[Int(grandmother)].isAlive { die(person) }
        }
    }

    func deathShare(age: Int) -> Double { age >= 85 ? 0.5 : (age >= 75 ? 0.25 : 0.08) }

    /// An older couple whose children have left; one may have died.
    mutating func makeElderlyCouple(household: Int32, commune: Int) {
        let husbandYear = random.int(1935...1975)
        let wifeYear = husbandYear + Self.ageGapWeights.pick(&random) - 2
        let husband = addPerson(
            female: false, birthYear: husbandYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: husbandYear, localShare: 0.92), nativePlace: nil)
        let wife = addPerson(
            female: true, birthYear: wifeYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: wifeYear, localShare: 0.92), nativePlace: nil)
        marry(husband, wife)
        let marriageDay = max(day(in: wifeYear + random.int(19...25)), people[Int(husband)].birthDay + 20 * 365)
        registerMarriage(husband, wife, day: min(marriageDay, referenceDay), commune: UInt8(commune))
        if random.chance(deathShare(age: referenceYear - husbandYear)) {
            die(random.chance(0.7) ? husband : wife)
        } else {
            maybeWithholdMarriage(husband, wife)
        }
    }

    /// A parent with children after a divorce or the other parent's death.
    mutating func makeSingleParent(household: Int32, commune: Int) -> (partner: Int32, female: Bool, birthYear: Int)? {
        let female = random.chance(0.75)
        let parentYear = random.int(1965...1998)
        let otherYear = female ? parentYear - random.int(0...5) : parentYear + random.int(0...5)
        let parent = addPerson(
            female: female, birthYear: parentYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: parentYear), nativePlace: nil)
        let marriageDay = min(day(in: min(max(parentYear, otherYear) + random.int(20...26), referenceYear)), referenceDay)
        let divorced = random.chance(0.55)
        // The children's other parent: a record of their own, in this household only when deceased.
        let partnerIndex: Int32
        if divorced {
            // Reserve the partner's row later; children link to it through a placeholder resolved below.
            partnerIndex = -2
        } else {
            partnerIndex = addPerson(
                female: !female, birthYear: otherYear, surname: nil, household: household,
                birthPlace: birthPlace(near: commune, birthYear: otherYear), nativePlace: nil)
            female ? marry(partnerIndex, parent) : marry(parent, partnerIndex)
            female ? registerMarriage(partnerIndex, parent, day: marriageDay, commune: UInt8(commune))
                : registerMarriage(parent, partnerIndex, day: marriageDay, commune: UInt8(commune))
        }
        let father = female ? partnerIndex : parent
        let mother = female ? parent : partnerIndex
        let firstChild = Int32(people.count)
        addChildren(
            father: father == -2 ? parent : father, mother: mother == -2 ? parent : mother, after: marriageDay,
            count: 1 + random.int(0...2), household: household, commune: commune)
        if divorced {
            people[Int(parent)].marital = MaritalStatus.divorced.code
            // Children of a divorced mother still carry the father's surname; fixed once he exists.
            pendingDivorce = PendingDivorce(
                parent: parent, parentFemale: female, marriageDay: marriageDay, children: firstChild..<Int32(people.count),
                commune: UInt8(commune))
            return (parent, !female, otherYear)
        }
        die(partnerIndex, minimumAge: 25)
        return nil
    }

    /// The divorced partner of a single parent, alone in a household of their own.
    mutating func makeDivorcedPartner(_ ex: (partner: Int32, female: Bool, birthYear: Int)) {
        guard let pending = pendingDivorce else { return }
        pendingDivorce = nil
        let commune = Self.communeWeights.pick(&random)
        let household = Int32(households.count)
        let partner = addPerson(
            female: ex.female, birthYear: ex.birthYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: ex.birthYear), nativePlace: nil)
        people[Int(partner)].marital = MaritalStatus.divorced.code
        households.append(
            HouseholdRow(
                commune: UInt8(commune), village: UInt8(random.int(0...19)), houseNumber: UInt16(random.int(1...250)),
                head: partner, firstMember: partner, memberCount: 1))
        let husband = pending.parentFemale ? partner : pending.parent
        let wife = pending.parentFemale ? pending.parent : partner
        for child in pending.children {
            if pending.parentFemale {
                people[Int(child)].father = partner
                people[Int(child)].surname = people[Int(partner)].surname
                people[Int(child)].nativePlace = people[Int(partner)].nativePlace
            } else {
                people[Int(child)].mother = partner
            }
        }
        registerMarriage(husband, wife, day: pending.marriageDay, commune: pending.commune)
        let lastBirth = pending.children.map { people[Int($0)].birthDay }.max() ?? pending.marriageDay
        let earliest = min(Int(max(lastBirth, pending.marriageDay)) + 30, Int(referenceDay))
        let divorceDay = Int32(random.int(earliest...Int(referenceDay)))
        if year(of: pending.marriageDay) >= 1990 {
            civil.append(
                CivilRow(
                    kind: CivilStatusRegistration.Kind.divorce.code, commune: pending.commune, day: divorceDay, first: husband,
                    second: wife))
        }
        finishHousehold(household)
    }

    /// A widow or widower living alone; the late spouse's record stays in the household.
    mutating func makeElderlyAlone(household: Int32, commune: Int) {
        let female = random.chance(0.7)
        let birthYear = random.int(1930...1962)
        let survivor = addPerson(
            female: female, birthYear: birthYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: birthYear, localShare: 0.92), nativePlace: nil)
        let lateYear = max(1930, female ? birthYear - random.int(0...6) : birthYear + random.int(0...4))
        let late = addPerson(
            female: !female, birthYear: lateYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: lateYear, localShare: 0.92), nativePlace: nil)
        female ? marry(late, survivor) : marry(survivor, late)
        die(late, minimumAge: 45)
    }

    /// A young adult on their own, often a worker from elsewhere renting near an industrial park.
    mutating func makeYoungSingle(household: Int32, commune: Int) {
        let birthYear = random.int((lastBirthYear - 35)...(lastBirthYear - 18))
        let migrant = random.chance(0.4)
        let person = addPerson(
            female: random.chance(0.5), birthYear: birthYear, surname: nil, household: household,
            birthPlace: birthPlace(near: commune, birthYear: birthYear, localShare: migrant ? 0.5 : 0.9), nativePlace: nil)
        if migrant {
            people[Int(person)].currentCommune = Self.industrialCommunes[random.int(0...(Self.industrialCommunes.count - 1))]
        }
    }

    /// Plants the lagging-profile inconsistency: both still single, or one married without the spouse.
    mutating func maybeWithholdMarriage(_ husband: Int32, _ wife: Int32) {
        guard let last = civil.last, last.kind == CivilStatusRegistration.Kind.marriage.code, last.first == husband,
            last.second == wife, random.chance(rates.marriageNotPropagated)
        else { return }
        if random.chance(0.5) {
            for person in [husband, wife] {
                people[Int(person)].marital = MaritalStatus.single.code
                people[Int(person)].spouse = -1
            }
        } else {
            people[Int(random.chance(0.5) ? husband : wife)].spouse = -1
        }
    }
}

/// A divorce whose other partner is created after the household is complete.
struct PendingDivorce {
    var parent: Int32
    var parentFemale: Bool
    var marriageDay: Int32
    var children: Range<Int32>
    var commune: UInt8
}
