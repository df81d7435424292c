/// What the platform counted for one indicator, before any scoring.
public enum IndicatorInput: Sendable, Hashable {
    /// A rate: so many of so many (dossiers, procedures, services).
    case rate(numerator: Int, denominator: Int)
    /// Satisfaction (5.4): 100% − overdue rate − complaint/dislike rate. A nil complaint count means the platform
    /// records no complaints or ratings yet: counted as 0 and said so.
    case satisfaction(overdue: Int, complained: Int?, total: Int)
    /// An average duration: total hours over so many completed dossiers (2.2); shown, not scored (no official rule).
    case averageHours(totalHours: Double, completed: Int)
    /// A count split into parts (5.1, complaints by category): shown, not scored (no official formula found).
    case breakdown(total: Int, partsVi: String, partsEn: String)
    /// The platform records nothing this indicator needs (say why): shown as "no data", never invented.
    case noData(reasonVi: String, reasonEn: String)
    /// The indicator measures something outside this platform (such as sync to the national portal).
    case notApplicable(reasonVi: String, reasonEn: String)
}
