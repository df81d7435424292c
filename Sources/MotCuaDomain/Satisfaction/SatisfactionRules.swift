import Foundation

/// The facts group 5 rests on, read from `satisfaction-rules.json` (each with its source there): the labels of
/// the five-level scale, the PAKN categories, and the PAKN time limits in working days.
public struct SatisfactionRules: Sendable, Codable, Hashable {
    public struct Label: Sendable, Codable, Hashable {
        public let vi: String
        public let en: String
    }

    public struct Level: Sendable, Codable, Hashable {
        public let level: Int
        public let vi: String
        public let en: String
    }

    public struct Category: Sendable, Codable, Hashable {
        public let id: PetitionCategory
        public let vi: String
        public let en: String
    }

    /// Working days from receipt (or, for publication, from the answer) within which each step is due.
    public struct TimeLimits: Sendable, Codable, Hashable {
        public let handlingWorkingDays: Int
        public let refusalWorkingDays: Int
        public let supplementRequestWorkingDays: Int
        public let publicationWorkingDays: Int

        public init(handlingWorkingDays: Int, refusalWorkingDays: Int, supplementRequestWorkingDays: Int, publicationWorkingDays: Int) {
            self.handlingWorkingDays = handlingWorkingDays
            self.refusalWorkingDays = refusalWorkingDays
            self.supplementRequestWorkingDays = supplementRequestWorkingDays
            self.publicationWorkingDays = publicationWorkingDays
        }
    }

    public let scale: [Level]
    public let categories: [Category]
    public let timeLimits: TimeLimits

    public func label(of level: SatisfactionLevel) -> Label {
        let entry = scale.first { $0.level == level.rawValue }
        return Label(vi: entry?.vi ?? String(level.rawValue), en: entry?.en ?? String(level.rawValue))
    }

    public func label(of category: PetitionCategory) -> Label {
        let entry = categories.first { $0.id == category }
        return Label(vi: entry?.vi ?? category.rawValue, en: entry?.en ?? category.rawValue)
    }

    /// Decodes and checks the file: all five levels and all categories labelled, limits positive.
    public static func load(_ data: Data) throws -> SatisfactionRules {
        let rules = try JSONDecoder().decode(SatisfactionRules.self, from: data)
        guard Set(rules.scale.map(\.level)) == Set(SatisfactionLevel.allCases.map(\.rawValue)), rules.scale.count == 5 else {
            throw SatisfactionError.invalid(field: "scale", vi: "thang đánh giá phải có đúng 5 mức", en: "the scale must have exactly five levels")
        }
        guard Set(rules.categories.map(\.id)) == Set(PetitionCategory.allCases) else {
            throw SatisfactionError.invalid(field: "categories", vi: "thiếu loại phản ánh, kiến nghị", en: "a PAKN category is missing")
        }
        let limits = rules.timeLimits
        guard [limits.handlingWorkingDays, limits.refusalWorkingDays, limits.supplementRequestWorkingDays, limits.publicationWorkingDays]
            .allSatisfy({ $0 > 0 && $0 < 100 })
        else { throw SatisfactionError.invalid(field: "timeLimits", vi: "thời hạn không hợp lệ", en: "time limits must be 1–99 working days") }
        return rules
    }
}
