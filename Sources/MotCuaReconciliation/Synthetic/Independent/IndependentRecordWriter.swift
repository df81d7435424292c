import Foundation

/// Writes the source records of ``IndependentGenerator`` with their ground truth.
struct IndependentRecordWriter {
    let population: IndependentPopulation
    var random: Xoshiro256
    let places = PlaceTexts()

    /// One written record, kept so that a later record can re-enter it (a true duplicate).
    struct Entry {
        var recordID: String
        var subject: Int
        var procedure: Int
        var received: Int32
    }

    init(population: IndependentPopulation, random: Xoshiro256) {
        self.population = population
        self.random = random
    }

    mutating func writeRecords(count: Int, source: inout BufferedOutput, truth: inout BufferedOutput, tracker: ProgressTracker) throws {
        let people = population.people
        var order = Array(0..<people.count)
        for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, random.int(index + 1)) }
        var next = 0
        var written: [Entry] = []
        written.reserveCapacity(count)
        // People with several records: the pending further records of earlier people.
        var pending: [(subject: Int, procedures: [Int])] = []
        var number = 0
        while number < count {
            number += 1
            let recordID = "HS-" + String(100_000 + number * 7)
            if !written.isEmpty && random.probability(0.008) {
                let original = written[random.int(written.count)]
                try write(Entry(recordID: recordID, subject: original.subject, procedure: original.procedure, received: original.received),
                    duplicateOf: original.recordID, source: &source, truth: &truth)
                continue
            }
            var subject: Int
            var procedure: Int
            if !pending.isEmpty && random.probability(0.25) {
                let slot = random.int(pending.count)
                subject = pending[slot].subject
                procedure = pending[slot].procedures.removeLast()
                if pending[slot].procedures.isEmpty { pending.swapAt(slot, pending.count - 1); pending.removeLast() }
            } else if random.probability(0.03) || next >= order.count {
                subject = -1
                procedure = random.int(IndependentGenerator.procedures.count)
            } else {
                subject = order[next]
                next += 1
                var procedures = Array(0..<IndependentGenerator.procedures.count)
                for index in stride(from: procedures.count - 1, to: 0, by: -1) { procedures.swapAt(index, random.int(index + 1)) }
                procedure = procedures.removeLast()
                let more = random.probability(0.12) ? (random.probability(0.7) ? 1 : 2) : 0
                if more > 0 { pending.append((subject, Array(procedures.suffix(more)))) }
            }
            let entry = Entry(recordID: recordID, subject: subject, procedure: procedure, received: PackedDate.make(2015 + random.int(11), 1 + random.int(12), 1 + random.int(28)))
            written.append(entry)
            try write(entry, duplicateOf: nil, source: &source, truth: &truth)
            if number % 65_536 == 0 { tracker.add(processed: 65_536) }
        }
    }

    /// Someone who is not in the register.
    private mutating func outsider() -> IndependentPopulation.Person {
        let male = random.probability(0.5)
        let year = 1945 + random.int(78)
        let month = 1 + random.int(12)
        return IndependentPopulation.Person(
            id: 0, legacy: 0, surname: IndependentPopulation.weighted(IndependentPopulation.surnames, &random),
            middle: IndependentPopulation.weighted(male ? IndependentPopulation.maleMiddles : IndependentPopulation.femaleMiddles, &random),
            given: IndependentPopulation.given(male ? IndependentPopulation.maleGivens : IndependentPopulation.femaleGivens, &random), male: male,
            birth: PackedDate.make(year, month, 1 + random.int(PackedDate.daysInMonth(year, month))), commune: random.element(IndependentPopulation.communes))
    }

    private mutating func write(_ entry: Entry, duplicateOf: String?, source: inout BufferedOutput, truth: inout BufferedOutput) throws {
        let registered = entry.subject >= 0
        let person = registered ? population.people[entry.subject] : outsider()
        var errors: [String] = []
        var kinds: [FindingKind] = []

        // The ID column.
        var idText = ""
        var situation = registered ? "new_id" : "not_in_register"
        let idRoll = random.int(1000)
        if registered {
            if idRoll < 300 {
                situation = "no_id"
            } else if idRoll < 460 && person.legacy != 0 {
                situation = "legacy_id"
                idText = String(person.legacy)
                kinds.append(.legacyIDConversion)
            } else if idRoll < 465 {
                // One digit mistyped among the last six: an ID that is in nobody's record, or in someone else's.
                situation = "unknown_id"
                let position = UInt64(random.int(6))
                var power: UInt64 = 1
                for _ in 0..<position { power *= 10 }
                let digit = person.id / power % 10
                idText = FindingBuilder.formatID(person.id - digit * power + (digit + 1 + UInt64(random.int(9))) % 10 * power, digits: 12)
                errors.append("id_digit_typo")
            } else {
                idText = FindingBuilder.formatID(person.id, digits: 12)
                if random.probability(0.03) {
                    idText = String(person.id)
                    if idText.count < 12 { errors.append("id_leading_zero_lost") }
                } else if random.probability(0.05) {
                    idText = [idText.prefix(3), idText.dropFirst(3).prefix(3), idText.dropFirst(6).prefix(3), idText.suffix(3)].joined(separator: " ")
                    errors.append("id_grouped")
                }
            }
        }

        // The name: content changes, then form changes.
        var surname = person.surname
        var middle = person.middle
        var given = person.given
        var nameChanged = false
        if !middle.isEmpty && random.probability(0.04) {
            middle = ""
            errors.append("omitted_middle")
            nameChanged = true
        }
        if !middle.isEmpty && !middle.contains(" ") && random.probability(0.015) {
            (middle, given) = (given, middle)
            errors.append("given_middle_swapped")
            nameChanged = true
        }
        let typo = random.int(1000)
        if typo < 25 {
            given = Self.typo(given, &random)
            errors.append("given_typo")
            nameChanged = true
        } else if typo < 33 {
            surname = Self.typo(surname, &random)
            errors.append("surname_typo")
            nameChanged = true
        } else if typo < 40 && !middle.isEmpty {
            middle = Self.typo(middle, &random)
            errors.append("middle_typo")
            nameChanged = true
        }
        var name = middle.isEmpty ? "\(surname) \(given)" : "\(surname) \(middle) \(given)"
        if random.probability(0.08) {
            name = PlaceTexts.plain(name)
            errors.append("no_diacritics")
            nameChanged = true
        } else if random.probability(0.03) {
            var words = name.split(separator: " ").map(String.init)
            let index = random.int(words.count)
            let plain = PlaceTexts.plain(words[index])
            if plain != words[index] {
                words[index] = plain
                errors.append("one_word_without_diacritics")
                nameChanged = true
            }
            name = words.joined(separator: " ")
        }
        if random.probability(0.12) {
            name = name.uppercased()
            errors.append("upper_case")
        }

        // The date of birth.
        var birth = person.birth
        var dateText: String
        let year = Int(PackedDate.year(birth))
        let month = Int(PackedDate.month(birth))
        let day = Int(PackedDate.day(birth))
        let dateRoll = random.int(1000)
        if dateRoll < 60 {
            birth = PackedDate.make(year, 0, 0)
            errors.append("birth_year_only")
        } else if dateRoll < 80 {
            birth = PackedDate.fromDayNumber(PackedDate.dayNumber(birth) + (random.probability(0.5) ? 1 : -1))
            errors.append("birth_day_off_by_one")
        } else if dateRoll < 100 && day <= 12 && day != month {
            birth = PackedDate.make(year, day, month)
            errors.append("birth_day_month_swapped")
        } else if dateRoll < 108 {
            birth = 0
            errors.append("birth_date_missing")
        }
        if birth == 0 {
            dateText = ""
        } else if PackedDate.isYearOnly(birth) {
            dateText = String(PackedDate.year(birth))
        } else {
            let d = Int(PackedDate.day(birth))
            let m = Int(PackedDate.month(birth))
            let y = Int(PackedDate.year(birth))
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
            switch random.int(20) {
            case 0..<11: dateText = "\(two(d))/\(two(m))/\(y)"
            case 11..<18: dateText = "\(d)/\(m)/\(y)"
            default: dateText = "\(two(d)).\(two(m)).\(y)"
            }
        }
        let dateChanged = birth != 0 && birth != person.birth

        // Sex and place of birth.
        var sexText = person.male ? "Nam" : "Nữ"
        if random.probability(0.04) {
            sexText = ""
            errors.append("sex_missing")
        }
        var commune = person.commune
        var placeChanged = false
        let placeRoll = random.int(1000)
        var placeText: String
        if placeRoll < 50 {
            placeText = ""
            errors.append("place_missing")
        } else if placeRoll < 80 {
            placeText = random.element(PlaceTexts.elsewhere)
            errors.append("place_unresolvable")
        } else {
            if placeRoll < 120 {
                commune = random.element(IndependentPopulation.communes)
                if commune != person.commune {
                    placeChanged = true
                    errors.append("place_other_commune")
                }
            }
            let rendered = places.render(commune, &random)
            placeText = rendered.text
            errors.append(contentsOf: rendered.styles)
        }

        if !registered {
            kinds = [.noMatch]
        } else if nameChanged || dateChanged || placeChanged || situation == "unknown_id" {
            kinds.append(.fieldDiscrepancy)
        }
        if duplicateOf != nil {
            kinds.append(.duplicateInSource)
            errors.append("repeated_entry")
        }
        if kinds.isEmpty { kinds.append(.consistentMatch) }
        // Formats (place style, grouped ID digits) are not errors: a record with nothing else is clean.
        if errors.allSatisfy({ $0.hasPrefix("place_before") || $0.hasPrefix("place_after") || $0 == "place_abbreviated" || $0 == "id_grouped" }) {
            errors.insert("clean", at: 0)
        }

        source.append(entry.recordID)
        source.append(",")
        source.append(IndependentGenerator.procedures[entry.procedure])
        source.append(",")
        source.append(RecordRenderer.slashed(entry.received))
        source.append(",\(idText),\(name),\(sexText),\(dateText),")
        source.append(placeText.contains(",") ? "\"\(placeText)\"" : placeText)
        source.append("\n")
        truth.append(entry.recordID)
        truth.append(",")
        if registered { truth.append(FindingBuilder.formatID(person.id, digits: 12)) }
        truth.append(",\(situation),\(kinds.map(\.rawValue).joined(separator: ";")),\(duplicateOf ?? ""),\(errors.joined(separator: ";"))\n")
        try source.flushIfLarge()
        try truth.flushIfLarge()
    }

    /// One letter of a word replaced, dropped, doubled or swapped with the next.
    static func typo(_ word: String, _ random: inout Xoshiro256) -> String {
        var letters = Array(word)
        guard letters.count >= 2 else { return word }
        let index = random.int(letters.count - 1) + 1
        switch random.int(4) {
        case 0: letters[index] = random.element(Array("aeiouynhgtcmlr").filter { $0 != letters[index] })
        case 1: letters.remove(at: index)
        case 2: letters.insert(letters[index], at: index)
        default:
            if index + 1 < letters.count { letters.swapAt(index, index + 1) } else { letters.swapAt(index, index - 1) }
        }
        let result = String(letters)
        return result == word ? word + "h" : result
    }
}
