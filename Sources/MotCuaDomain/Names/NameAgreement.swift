/// How two name tokens (typically two surnames) agree, from strongest to weakest.
public enum NameAgreement: Sendable, Hashable, CaseIterable {
    /// Same letters, diacritics and tone: only Unicode form, case or tone placement differ.
    case identical
    /// Same once diacritics and đ are folded: a missing-diacritics or Đ→D variant of the same name.
    case diacriticVariant
    /// A regional pair written with the same Hán character (Hoàng/Huỳnh, Vũ/Võ). Different surnames for
    /// identity purposes (domain.md §4.1): at most grounds for review, never for an automatic match.
    case regionalVariant
    /// Different names.
    case different

    /// Whether this agreement may support an automatic match.
    public var permitsAutomaticMatch: Bool { self == .identical || self == .diacriticVariant }

    /// Folded surname pairs that share a Hán character.
    public static let regionalSurnamePairs: Set<[String]> = [["hoang", "huynh"], ["vo", "vu"]]

    /// Whether two folded surnames form a regional variant pair.
    public static func isRegionalPair(_ lhs: String, _ rhs: String) -> Bool {
        regionalSurnamePairs.contains(lhs < rhs ? [lhs, rhs] : [rhs, lhs])
    }

    /// Compares the surnames of two names.
    public static func surnames(_ lhs: VietnameseName, _ rhs: VietnameseName) -> NameAgreement {
        guard let left = lhs.matchingTokens.first, let right = rhs.matchingTokens.first else { return .different }
        return tokens(
            folded: (left, right), spelling: (lhs.spellingTokens.first ?? "", rhs.spellingTokens.first ?? ""))
    }

    /// Compares two tokens given their folded and spelling keys.
    public static func tokens(folded: (String, String), spelling: (String, String)) -> NameAgreement {
        if spelling.0 == spelling.1 { return .identical }
        if folded.0 == folded.1 { return .diacriticVariant }
        if isRegionalPair(folded.0, folded.1) { return .regionalVariant }
        return .different
    }
}
