import Foundation
import MotCuaDomain

/// Writes one source record with errors drawn from the mix, and its ground-truth row.
struct RecordRenderer {
    /// The register as generated; names, dates, IDs and communes never change after that.
    let people: [SyntheticGenerator.Person]
    let ids: IDIndex
    let mix: ErrorMix
    var random: SplitMix64
    private var folder = NameFolder()

    init(people: [SyntheticGenerator.Person], mix: ErrorMix, random: SplitMix64) {
        self.people = people
        self.mix = mix
        self.random = random
        var ids = IDIndex(capacity: people.count)
        for (index, person) in people.enumerated() { ids.insert(person.id, Int32(index)) }
        self.ids = ids
    }

    mutating func outsiderBirthDate() -> Int32 {
        let year = 1940 + random.below(80)
        let month = 1 + random.below(12)
        return PackedDate.make(year, month, 1 + random.below(PackedDate.daysInMonth(year, month)))
    }

    /// A person who is not in the register, born on `date`.
    private mutating func outsider(born date: Int32) -> SyntheticGenerator.Person {
        let sex = random.chance(0.5) ? Code.male : Code.female
        return SyntheticGenerator.Person(
            id: 0, legacy: 0, surname: NamePools.surnames.pick(&random),
            middle: (sex == Code.male ? NamePools.maleMiddles : NamePools.femaleMiddles).pick(&random),
            given: (sex == Code.male ? NamePools.maleGivens : NamePools.femaleGivens).pick(&random), sex: sex, dateOfBirth: date,
            commune: NamePools.communes[random.below(NamePools.communes.count)], marital: 0, spouse: 0, vital: 0)
    }

    mutating func render(
        _ event: SyntheticGenerator.Event, recordID: String, duplicateOf: String?, into source: inout BufferedOutput, truth: inout BufferedOutput
    ) throws {
        let inRegister = event.subject >= 0
        let person = inRegister ? people[Int(event.subject)] : outsider(born: event.date)
        var errors: [String] = []
        var idText = ""
        var situation = "not_in_register"
        if inRegister {
            var roll = random.unit()
            situation = "new_id"
            idText = FindingBuilder.formatID(person.id, digits: 12)
            if roll < mix.legacyID {
                if person.legacy != 0 {
                    situation = "legacy_id"
                    idText = String(person.legacy)
                }
            } else if (roll - mix.legacyID) < mix.noID {
                situation = "no_id"
                idText = ""
            } else if (roll - mix.legacyID - mix.noID) < mix.typoOtherPerson {
                situation = "typo_other_person"
                var other = random.below(people.count)
                if other == Int(event.subject) { other = (other + 1) % people.count }
                idText = FindingBuilder.formatID(people[other].id, digits: 12)
            } else if (roll - mix.legacyID - mix.noID - mix.typoOtherPerson) < mix.unknownID {
                situation = "unknown_id"
                var typo: UInt64
                repeat {
                    roll = random.unit()
                    typo = person.id - person.id % 1_000_000 + UInt64(random.below(1_000_000))
                } while typo == person.id || ids.find(typo) != nil
                idText = FindingBuilder.formatID(typo, digits: 12)
            }
        }

        // The name: content changes first, then changes of form only.
        let parts = SyntheticGenerator.nameParts(person)
        var surname = parts.surname
        var middle = parts.middle
        var given = parts.given
        var regional = false
        if let partner = NamePools.regionalPartner[surname], random.chance(mix.regionalSurname) {
            surname = partner
            regional = true
            errors.append("regional_surname")
        }
        if !middle.isEmpty && random.chance(mix.omittedMiddle) {
            middle = ""
            errors.append("omitted_middle")
        }
        if random.chance(mix.oldTonePlacement) {
            let old = (Self.oldStyle(middle), Self.oldStyle(given))
            if old != (middle, given) {
                (middle, given) = old
                errors.append("old_tone_placement")
            }
        }
        var name = middle.isEmpty ? "\(surname) \(given)" : "\(surname) \(middle) \(given)"
        let hasStrokeD = name.unicodeScalars.contains { $0.value == 0x0110 || $0.value == 0x0111 }
        if random.chance(mix.missingDiacritics) {
            name = Self.stripD(name.folding(options: .diacriticInsensitive, locale: nil))
            errors.append("missing_diacritics")
        } else if hasStrokeD && random.chance(mix.dToPlainD) {
            name = Self.stripD(name)
            errors.append("d_to_plain_d")
        }
        if random.chance(mix.allCaps) {
            name = name.uppercased()
            errors.append("all_caps")
        }
        if hasStrokeD && random.chance(mix.lookAlikeEth) {
            name = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
                scalar.value == 0x0110 ? "\u{00D0}" : scalar.value == 0x0111 ? "\u{00F0}" : scalar
            }))
            errors.append("look_alike_eth")
        }
        if random.chance(mix.extraSpaces) {
            name = " " + name.replacingOccurrences(of: " ", with: "  ")
            errors.append("extra_spaces")
        }
        if random.chance(mix.nfd) {
            name = name.decomposedStringWithCanonicalMapping
            errors.append("nfd")
        }
        let nameChanged = spelling(name) != spelling(SyntheticGenerator.fullName(person))

        // Date of birth.
        var birth = person.dateOfBirth
        let day = Int(PackedDate.day(birth))
        let month = Int(PackedDate.month(birth))
        let roll = random.unit()
        if roll < mix.dayMonthSwap {
            if day <= 12 && day != month {
                birth = PackedDate.make(Int(PackedDate.year(birth)), day, month)
                errors.append("dob_day_month_swap")
            }
        } else if roll < mix.dayMonthSwap + mix.yearOnly {
            birth = PackedDate.make(Int(PackedDate.year(birth)), 0, 0)
            errors.append("dob_year_only")
        } else if roll < mix.dayMonthSwap + mix.yearOnly + mix.offByOneDay {
            birth = PackedDate.fromDayNumber(PackedDate.dayNumber(birth) + (random.chance(0.5) ? 1 : -1))
            errors.append("dob_off_by_one")
        }
        var commune = person.commune
        if random.chance(mix.communeMoved) {
            commune = NamePools.communes[random.below(NamePools.communes.count)]
            if commune != person.commune { errors.append("commune_moved") }
        }

        var kinds: [FindingKind] = []
        if !inRegister {
            kinds.append(.noMatch)
        } else {
            if situation == "typo_other_person" { kinds.append(.idPointsAtAnotherPerson) }
            if regional && situation != "new_id" && situation != "legacy_id" {
                kinds.append(.reviewCandidate)
            } else {
                if situation == "legacy_id" { kinds.append(.legacyIDConversion) }
                if nameChanged || birth != person.dateOfBirth || commune != person.commune || situation == "unknown_id" {
                    kinds.append(.fieldDiscrepancy)
                }
                if event.missingFromRegister { kinds.append(.eventMissingFromRegister) }
            }
        }
        if duplicateOf != nil { kinds.append(.duplicateInSource) }
        if kinds.isEmpty { kinds.append(.consistentMatch) }

        source.append(recordID)
        source.append(",")
        source.append(Code.eventNames[Int(event.type)])
        source.append(",")
        source.append(PackedDate.format(event.date))
        source.append(",")
        source.append(idText)
        source.append(",")
        source.append(name)
        source.append(",")
        source.append(Code.sexNames[Int(person.sex)])
        source.append(",")
        source.append(!PackedDate.isYearOnly(birth) && random.chance(mix.slashDates) ? Self.slashed(birth) : PackedDate.format(birth))
        source.append(",")
        source.append(FindingBuilder.formatID(UInt64(commune), digits: 5))
        source.append("\n")
        truth.append(recordID)
        truth.append(",")
        if inRegister { truth.append(FindingBuilder.formatID(person.id, digits: 12)) }
        truth.append(",\(situation),\(kinds.map(\.rawValue).joined(separator: ";")),\(duplicateOf ?? ""),\(errors.joined(separator: ";"))\n")
        try source.flushIfLarge()
        try truth.flushIfLarge()
    }

    private mutating func spelling(_ name: String) -> [UInt8] {
        folder.fold(name)
        return folder.spelling
    }

    static func oldStyle(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        return text.split(separator: " ").map { token in
            let token = String(token)
            for (new, old) in NamePools.oldStyleEndings where token.hasSuffix(new) {
                return String(token.dropLast(new.count)) + old
            }
            return token
        }.joined(separator: " ")
    }

    static func stripD(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value == 0x0110 ? "D" : scalar.value == 0x0111 ? "d" : scalar
        }))
    }

    static func slashed(_ date: Int32) -> String {
        let day = PackedDate.day(date)
        let month = PackedDate.month(date)
        return "\(day < 10 ? "0" : "")\(day)/\(month < 10 ? "0" : "")\(month)/\(PackedDate.year(date))"
    }
}
