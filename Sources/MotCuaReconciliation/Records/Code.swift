/// Codes for sex, marital and vital status, and event types; 0 is always "not stated".
enum Code {
    static let male: UInt8 = 1
    static let female: UInt8 = 2

    static let single: UInt8 = 1
    static let married: UInt8 = 2
    static let divorced: UInt8 = 3
    static let widowed: UInt8 = 4

    static let alive: UInt8 = 1
    static let deceased: UInt8 = 2

    static let birth: UInt8 = 1
    static let marriage: UInt8 = 2
    static let divorce: UInt8 = 3
    static let death: UInt8 = 4

    static let eventNames = ["", "birth", "marriage", "divorce", "death"]
    static let maritalNames = ["", "single", "married", "divorced", "widowed"]
    static let sexNames = ["", "male", "female"]
}
