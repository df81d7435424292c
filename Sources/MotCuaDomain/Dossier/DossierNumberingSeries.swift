/// The run of daily numbers a new dossier draws from. Online submissions draw from their own range, so no
/// number of online submissions (which any level-2 account can make from anywhere) can exhaust the numbers the
/// one-stop counter needs that day; a per-citizen daily quota then bounds what one account can take.
///
/// Circular 01/2018/TT-VPCP art. 19 fixes the code's shape (`{unit}-{yyMMdd}-{XXXX}`, the sequence of the
/// unit's dossiers that day, four digits); both ranges keep that shape and stay unique per unit and day. Whether
/// the circular permits a separate range per channel is not established [unverified]; the alternative that
/// follows its wording more closely, numbering online dossiers only when an officer receives them, is not
/// implemented (the code is the dossier's public identifier from submission on).
public struct DossierNumberingSeries: Sendable, Hashable {
    public let agencyIdentifier: String
    public let online: Bool

    /// Numbers 0001–5999 go to counter and postal receipts, 6000–9999 to online submissions.
    public static let firstOnlineSequence = 6_000

    /// Marks the online series' row in the sequence table (never printed: codes carry the unit's identifier).
    static let onlineKeySuffix = "#online"

    public init(agencyIdentifier: String, online: Bool) {
        self.agencyIdentifier = agencyIdentifier
        self.online = online
    }

    /// The series a sequence-table key stands for.
    public init(key: String) {
        online = key.hasSuffix(Self.onlineKeySuffix)
        agencyIdentifier = online ? String(key.dropLast(Self.onlineKeySuffix.count)) : key
    }

    /// The sequence-table key of this series.
    public var key: String { online ? agencyIdentifier + Self.onlineKeySuffix : agencyIdentifier }

    /// The first sequence number of the series; the n-th dossier of the day gets `first + n - 1`.
    public var first: Int { online ? Self.firstOnlineSequence : 1 }

    /// How many dossiers the series numbers per day.
    public var capacity: Int {
        online ? DossierCode.maximumSequence - Self.firstOnlineSequence + 1 : Self.firstOnlineSequence - 1
    }
}

extension DossierPlan {
    /// The series this dossier's number comes from.
    public var numberingSeries: DossierNumberingSeries {
        DossierNumberingSeries(agencyIdentifier: receivingAgency.identifier, online: template.channel == .online)
    }
}
