import Foundation
import MotCuaDomain
import MotCuaStorage

/// `motcua indicators check`: the index counts of a period as served (the live counters, brought up to date
/// with the history first) against the full recomputation by SQL aggregation over the dossiers and by a plain
/// per-dossier recount in Swift, for the province and every agency.
public enum IndexCheck {
    public static func run(platform: Platform, period: IndexPeriod, now: Date) async throws -> IndexCheckOutcome {
        try await IndexCounterFeed(store: platform.store, batchSize: 5_000).catchUp()
        return try await SQLIndexRepository(store: platform.store).check(
            period: period, now: now, served: SQLIndexCounterRepository(store: platform.store))
    }

    /// The period from the command line, with the API's rules.
    public static func period(period: String?, from: String?, to: String?, now: Date) throws -> IndexPeriod {
        do {
            return try IndexPeriod.parse(period: period, from: from, to: to, now: now)
        } catch {
            throw IndexCheckInputError(field: error.field, message: "\(error.messageVi) / \(error.messageEn)")
        }
    }
}

/// A bad period on the command line, naming the option.
public struct IndexCheckInputError: Error, CustomStringConvertible {
    public let field: String
    public let message: String
    public var description: String { "--\(field): \(message)" }
}
