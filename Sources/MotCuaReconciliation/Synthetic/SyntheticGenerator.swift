import Foundation
import MotCuaDomain

/// Generates a population register, a source dataset of civil-status events with a chosen error mix,
/// and the ground truth, reproducibly from a seed.
public enum SyntheticGenerator {
    /// One register person while generating.
    struct Person {
        var id: UInt64
        var legacy: UInt64
        var surname: Int
        var middle: Int
        var given: Int
        var sex: UInt8
        var dateOfBirth: Int32
        var commune: UInt32
        var marital: UInt8
        var spouse: UInt64
        var vital: UInt8
    }

    /// One event of the source dataset, before errors are applied.
    struct Event {
        /// Index of the subject in the register, or -1 for someone not in it.
        var subject: Int32
        var type: UInt8
        var date: Int32
        var missingFromRegister: Bool
        var recordID: String
    }

    static let referenceYear = 2025

    /// Generates the three files. They appear only when all three are complete.
    public static func generate(_ options: SyntheticOptions, progress: ProgressHandler? = nil) throws -> SyntheticDataset {
        guard options.people > 0, options.records > 0, Double(options.records) <= Double(options.people) * 0.95 else {
            throw SyntheticOptionsError(message: "records must be positive and at most 95% of people")
        }
        let tracker = ProgressTracker(handler: progress)
        tracker.begin(.generating, total: options.people + options.records)
        var random = SplitMix64(seed: options.seed)
        var people = makePeople(options.people, random: &random, tracker: tracker)
        let dataset = SyntheticDataset(
            register: options.directory.appendingPathComponent("register.csv"),
            source: options.directory.appendingPathComponent("source.csv"),
            truth: options.directory.appendingPathComponent("truth.csv"))
        let sourceFile = try AtomicFile(dataset.source)
        let truthFile = try AtomicFile(dataset.truth)
        let registerFile = try AtomicFile(dataset.register)
        do {
            var source = BufferedOutput(sourceFile)
            var truth = BufferedOutput(truthFile)
            source.append("record_id,event_type,event_date,citizen_id,full_name,sex,date_of_birth,commune_code\n")
            truth.append(GroundTruth.header)
            var renderer = RecordRenderer(people: people, mix: options.errors, random: SplitMix64(seed: options.seed ^ 0xA5A5_5A5A))
            var order = Array(0..<options.people)
            for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, random.below(index + 1)) }
            var events: [Event] = []
            events.reserveCapacity(options.records)
            var nextSubject = 0
            for recordNumber in 0..<options.records {
                let recordID = "CS" + String(recordNumber + 1)
                if !events.isEmpty && random.chance(options.errors.duplicate) {
                    let original = events[random.below(events.count)]
                    try renderer.render(original, recordID: recordID, duplicateOf: original.recordID, into: &source, truth: &truth)
                    continue
                }
                var event: Event
                if random.chance(options.errors.notInRegister) {
                    event = Event(subject: -1, type: Code.birth, date: 0, missingFromRegister: false, recordID: recordID)
                    event.date = renderer.outsiderBirthDate()
                } else {
                    let subject = order[nextSubject]
                    nextSubject += 1
                    event = makeEvent(for: subject, people: &people, mix: options.errors, random: &random, recordID: recordID)
                }
                events.append(event)
                try renderer.render(event, recordID: recordID, duplicateOf: nil, into: &source, truth: &truth)
                if recordNumber % 65_536 == 65_535 { tracker.add(processed: 65_536) }
            }
            try source.flush()
            try truth.flush()
            try writeRegister(people, to: registerFile)
            try sourceFile.commit()
            try truthFile.commit()
            try registerFile.commit()
        } catch {
            sourceFile.discard()
            truthFile.discard()
            registerFile.discard()
            throw error
        }
        return dataset
    }

    static func makePeople(_ count: Int, random: inout SplitMix64, tracker: ProgressTracker) -> [Person] {
        var used = Set<UInt64>(minimumCapacity: count)
        var people: [Person] = []
        people.reserveCapacity(count)
        for index in 0..<count {
            let sex = random.chance(0.5) ? Code.male : Code.female
            let age = Int(pow(random.unit(), 1.15) * 95)
            let year = referenceYear - age
            let lastMonth = year == referenceYear ? 6 : 12
            let month = 1 + random.below(lastMonth)
            let day = 1 + random.below(PackedDate.daysInMonth(year, month))
            let place = UInt64(NamePools.placeCodes.values[NamePools.placeCodes.pick(&random)])!
            let centuryDigit = UInt64((year / 100 - 19) * 2 + (sex == Code.female ? 1 : 0))
            var id: UInt64
            repeat {
                id = place * 1_000_000_000 + centuryDigit * 100_000_000 + UInt64(year % 100) * 1_000_000 + UInt64(random.below(1_000_000))
            } while !used.insert(id).inserted
            // Old 9-digit numbers: unique by construction (an affine bijection of the index mod 9·10⁸).
            let legacy: UInt64 = year < 2005 && random.chance(0.5) ? 100_000_000 + (UInt64(index) &* 48_271 &+ 12_345) % 900_000_000 : 0
            let adult = age >= 20
            let marital: UInt8 = !adult ? Code.single : [Code.married, Code.married, Code.married, Code.single, Code.divorced, Code.widowed][random.below(6)]
            people.append(
                Person(
                    id: id, legacy: legacy, surname: NamePools.surnames.pick(&random),
                    middle: (sex == Code.male ? NamePools.maleMiddles : NamePools.femaleMiddles).pick(&random),
                    given: (sex == Code.male ? NamePools.maleGivens : NamePools.femaleGivens).pick(&random), sex: sex,
                    dateOfBirth: PackedDate.make(year, month, day), commune: NamePools.communes[random.below(NamePools.communes.count)],
                    marital: marital, spouse: 0, vital: Code.alive))
            if index % 65_536 == 65_535 { tracker.add(processed: 65_536) }
        }
        // Spouses of people married before the dataset: any other adult; only the link's presence matters.
        for index in people.indices where people[index].marital == Code.married {
            people[index].spouse = people[random.below(people.count)].id
        }
        return people
    }

    /// Picks the event for a subject and updates the register profile to reflect it, unless the event
    /// is to be missing from the register.
    static func makeEvent(for subject: Int, people: inout [Person], mix: ErrorMix, random: inout SplitMix64, recordID: String) -> Event {
        let person = people[subject]
        let year = Int(PackedDate.year(person.dateOfBirth))
        let adult = referenceYear - year >= 22
        var type = [Code.birth, Code.birth, Code.marriage, Code.marriage, Code.divorce, Code.death][random.below(6)]
        if !adult && type != Code.death { type = Code.birth }
        let missing = type != Code.birth && random.chance(mix.missingEvent)
        var date = person.dateOfBirth
        switch type {
        case Code.marriage:
            let marriageYear = min(referenceYear, year + 20 + random.below(15))
            date = PackedDate.make(marriageYear, 1 + random.below(12), 1 + random.below(28))
            people[subject].marital = missing ? Code.single : Code.married
            people[subject].spouse = missing ? 0 : people[random.below(people.count)].id
        case Code.divorce:
            date = PackedDate.make(min(referenceYear, year + 30 + random.below(10)), 1 + random.below(12), 1 + random.below(28))
            people[subject].marital = missing ? Code.married : Code.divorced
            people[subject].spouse = missing ? people[random.below(people.count)].id : 0
        case Code.death:
            date = PackedDate.make(2020 + random.below(5), 1 + random.below(12), 1 + random.below(28))
            people[subject].vital = missing ? Code.alive : Code.deceased
        default:
            break
        }
        return Event(subject: Int32(subject), type: type, date: date, missingFromRegister: missing, recordID: recordID)
    }

    static func writeRegister(_ people: [Person], to file: AtomicFile) throws {
        var output = BufferedOutput(file)
        output.append("citizen_id,legacy_id,full_name,sex,date_of_birth,commune_code,marital_status,spouse_id,vital_status\n")
        for person in people {
            output.append(FindingBuilder.formatID(person.id, digits: 12))
            output.append(",")
            if person.legacy != 0 { output.append(String(person.legacy)) }
            output.append(",")
            output.append(fullName(person))
            output.append(",")
            output.append(Code.sexNames[Int(person.sex)])
            output.append(",")
            output.append(PackedDate.format(person.dateOfBirth))
            output.append(",")
            output.append(FindingBuilder.formatID(UInt64(person.commune), digits: 5))
            output.append(",")
            output.append(Code.maritalNames[Int(person.marital)])
            output.append(",")
            if person.spouse != 0 { output.append(FindingBuilder.formatID(person.spouse, digits: 12)) }
            output.append(person.vital == Code.deceased ? ",deceased\n" : ",alive\n")
            try output.flushIfLarge()
        }
        try output.flush()
    }

    static func nameParts(_ person: Person) -> (surname: String, middle: String, given: String) {
        let male = person.sex == Code.male
        return (
            NamePools.surnames.values[person.surname],
            (male ? NamePools.maleMiddles : NamePools.femaleMiddles).values[person.middle],
            (male ? NamePools.maleGivens : NamePools.femaleGivens).values[person.given]
        )
    }

    static func fullName(_ person: Person) -> String {
        let parts = nameParts(person)
        return parts.middle.isEmpty ? "\(parts.surname) \(parts.given)" : "\(parts.surname) \(parts.middle) \(parts.given)"
    }
}
