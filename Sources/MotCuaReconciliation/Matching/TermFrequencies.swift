import Foundation

/// log2 of how common each register person's surname, middle name and given name are.
struct TermFrequencies: Sendable {
    struct Entry: Sendable {
        var surname: Float
        var given: Float
        var middle: Float
    }

    let entries: [Entry]

    init(_ people: [RegisterPerson]) {
        var surnames: [UInt64: Int] = [:]
        var givens: [UInt64: Int] = [:]
        var middles: [UInt64: Int] = [:]
        for person in people {
            surnames[person.name.surname, default: 0] += 1
            givens[person.name.given, default: 0] += 1
            middles[person.name.middle, default: 0] += 1
        }
        let total = Float(max(people.count, 1))
        entries = people.map { person in
            Entry(
                surname: log2(Float(surnames[person.name.surname] ?? 1) / total),
                given: log2(Float(givens[person.name.given] ?? 1) / total),
                middle: log2(Float(middles[person.name.middle] ?? 1) / total))
        }
    }
}
