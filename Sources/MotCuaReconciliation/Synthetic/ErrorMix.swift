/// The share of each kind of error the synthetic generator injects into source records.
///
/// ID situations are exclusive per record; the other errors are drawn independently. Shares apply to
/// all records, except where a pattern must exist (old-style tone placement needs an oa/oe/uy
/// syllable, Đ errors need a Đ, regional surname swaps need Hoàng/Huỳnh/Vũ/Võ).
public struct ErrorMix: Sendable, Hashable, Codable {
    // ID situations.
    public var legacyID = 0.05
    public var noID = 0.12
    public var typoOtherPerson = 0.01
    public var unknownID = 0.01
    // Record-level situations.
    public var notInRegister = 0.01
    public var duplicate = 0.01
    /// Share of marriages, divorces and deaths not reflected in the register profile.
    public var missingEvent = 0.03
    // Name variants that do not change the name.
    public var nfd = 0.05
    public var oldTonePlacement = 0.3
    public var allCaps = 0.05
    public var lookAlikeEth = 0.02
    public var extraSpaces = 0.03
    // Name variants that change the spelling.
    public var missingDiacritics = 0.04
    public var omittedMiddle = 0.03
    public var dToPlainD = 0.03
    public var regionalSurname = 0.05
    // Dates and places.
    public var dayMonthSwap = 0.01
    public var yearOnly = 0.02
    public var offByOneDay = 0.01
    public var communeMoved = 0.03
    /// Share of dates written DD/MM/YYYY instead of ISO (a format, not an error).
    public var slashDates = 0.1

    public init() {}

    /// A mix without any error, for tests.
    public static var none: ErrorMix {
        var mix = ErrorMix()
        for keyPath in allKeyPaths { mix[keyPath: keyPath] = 0 }
        return mix
    }

    static var allKeyPaths: [WritableKeyPath<ErrorMix, Double>] { [
        \.legacyID, \.noID, \.typoOtherPerson, \.unknownID, \.notInRegister, \.duplicate, \.missingEvent, \.nfd, \.oldTonePlacement,
        \.allCaps, \.lookAlikeEth, \.extraSpaces, \.missingDiacritics, \.omittedMiddle, \.dToPlainD, \.regionalSurname, \.dayMonthSwap,
        \.yearOnly, \.offByOneDay, \.communeMoved, \.slashDates,
    ] }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case legacyID, noID, typoOtherPerson, unknownID, notInRegister, duplicate, missingEvent, nfd, oldTonePlacement, allCaps,
            lookAlikeEth, extraSpaces, missingDiacritics, omittedMiddle, dToPlainD, regionalSurname, dayMonthSwap, yearOnly,
            offByOneDay, communeMoved, slashDates
    }

    /// Decodes a partial mix: keys not given keep their default share.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for (key, keyPath) in zip(CodingKeys.allCases, Self.allKeyPaths) {
            if let value = try container.decodeIfPresent(Double.self, forKey: key) { self[keyPath: keyPath] = value }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, keyPath) in zip(CodingKeys.allCases, Self.allKeyPaths) { try container.encode(self[keyPath: keyPath], forKey: key) }
    }
}
