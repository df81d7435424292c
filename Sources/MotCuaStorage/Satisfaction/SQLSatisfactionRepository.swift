import Foundation
import MotCuaDomain
import SQLKit

/// Ratings and complaints/petitions (PAKN), for SQLite and PostgreSQL. Every change of a petition is a
/// compare-and-set on its `version` in the same transaction as its history row, so no step is lost or doubled.
public struct SQLSatisfactionRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) { self.store = store }

    // MARK: - Ratings

    /// Stores the dossier's one rating; `SatisfactionError.alreadyRated` when it has one (also when two arrive at once).
    public func record(_ rating: DossierRating) async throws {
        do {
            try await store.write(lane: "ratings") { database in
                if try await Self.rating(dossierCode: rating.dossierCode, on: database) != nil {
                    throw SatisfactionError.alreadyRated(code: rating.dossierCode)
                }
                try await database.insert(into: "dossier_ratings").columns(Self.ratingColumns).values(Self.values(rating).map { SQLBind($0) }).run()
            }
        } catch let error as SatisfactionError {
            throw error
        } catch {
            // The primary key let another rating of the same dossier through first.
            if try await self.rating(dossierCode: rating.dossierCode) != nil { throw SatisfactionError.alreadyRated(code: rating.dossierCode) }
            throw error
        }
    }

    static let ratingColumns = ["dossier_code", "agency_id", "level", "comment", "channel", "recorded_by", "rated_at"]

    /// A rating's row, in the order of `ratingColumns`.
    static func values(_ rating: DossierRating) -> [any Encodable & Sendable] {
        [
            rating.dossierCode, rating.agencyID, rating.level.rawValue, rating.comment, rating.channel.rawValue, rating.recordedBy,
            DossierRow.ms(rating.ratedAt),
        ]
    }

    public func rating(dossierCode: String) async throws -> DossierRating? {
        try await store.read { database in try await Self.rating(dossierCode: dossierCode, on: database) }
    }

    /// The ratings of these dossiers, by code.
    public func ratings(dossierCodes: [String]) async throws -> [String: DossierRating] {
        guard !dossierCodes.isEmpty else { return [:] }
        return try await store.read { database in
            let rows = try await database.select().column("*").from("dossier_ratings").where("dossier_code", .in, dossierCodes).all()
            return Dictionary(try rows.map(Self.rating).map { ($0.dossierCode, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    static func rating(dossierCode: String, on database: any SQLDatabase) async throws -> DossierRating? {
        try await database.raw("SELECT * FROM dossier_ratings WHERE dossier_code = \(bind: dossierCode)").first().map(rating)
    }

    static func rating(_ row: any SQLRow) throws -> DossierRating {
        guard let level = SatisfactionLevel(rawValue: try row.decode(column: "level", as: Int.self)),
            let channel = RatingChannel(rawValue: try row.decode(column: "channel", as: String.self))
        else { throw StoredDataError("dossier_ratings row has an unknown level or channel") }
        return DossierRating(
            dossierCode: try row.decode(column: "dossier_code", as: String.self), agencyID: try row.decode(column: "agency_id", as: String.self),
            level: level, comment: try row.decode(column: "comment", as: String?.self), channel: channel,
            recordedBy: try row.decode(column: "recorded_by", as: String.self),
            ratedAt: DossierRow.date(try row.decode(column: "rated_at", as: Int.self))!)
    }

    // MARK: - Petitions

    static let columns = [
        "id", "agency_id", "category", "dossier_code", "citizen_id", "content", "status", "version", "received_at", "handling_due_at",
        "refusal_due_at", "supplement_due_at", "supplement_requested_at", "supplement_request", "supplemented_at", "supplement",
        "answered_at", "answer", "publish_due_at", "published_at", "summary", "refused_at", "refusal_reason", "satisfied",
    ]

    static func values(_ p: Petition) -> [any Encodable & Sendable] {
        [
            p.id, p.agencyID, p.category.rawValue, p.dossierCode, p.citizenID, p.content, p.status.rawValue, p.version,
            DossierRow.ms(p.receivedAt), DossierRow.ms(p.handlingDueAt), DossierRow.ms(p.refusalDueAt), DossierRow.ms(p.supplementDueAt),
            DossierRow.ms(p.supplementRequestedAt), p.supplementRequest, DossierRow.ms(p.supplementedAt), p.supplement,
            DossierRow.ms(p.answeredAt), p.answer, DossierRow.ms(p.publishDueAt), DossierRow.ms(p.publishedAt), p.summary,
            DossierRow.ms(p.refusedAt), p.refusalReason, p.satisfied.map { $0 ? 1 : 0 },
        ]
    }

    /// Files a new petition and its first history row together.
    public func create(_ petition: Petition, actorID: String, actorRole: String) async throws {
        try await store.write(lane: "petitions") { database in
            try await database.insert(into: "petitions").columns(Self.columns).values(Self.values(petition).map { SQLBind($0) }).run()
            try await Self.appendHistory(
                petitionID: petition.id, action: "file", actorID: actorID, actorRole: actorRole, at: petition.receivedAt, before: nil,
                after: petition.status, note: nil, on: database)
        }
    }

    /// Writes `updated` if the stored petition still has `expected`'s version, with its history row;
    /// `SatisfactionError.staleVersion` otherwise.
    public func update(
        _ updated: Petition, from expected: Petition, action: String, actorID: String, actorRole: String, note: String?, at: Date
    ) async throws {
        try await store.write(lane: "petitions") { database in
            var update = database.update("petitions")
            for (column, value) in zip(Self.columns, Self.values(updated)) where column != "id" {
                update = update.set(SQLIdentifier(column), to: SQLBind(value))
            }
            let rows = try await update.where("id", .equal, expected.id).where("version", .equal, expected.version).returning("id").all()
            guard rows.count == 1 else { throw SatisfactionError.staleVersion }
            try await Self.appendHistory(
                petitionID: updated.id, action: action, actorID: actorID, actorRole: actorRole, at: at, before: expected.status,
                after: updated.status, note: note, on: database)
        }
    }

    static let historyColumns = ["petition_id", "seq", "action", "actor_id", "actor_role", "at", "status_before", "status_after", "note"]

    /// A history row, in the order of `historyColumns`.
    static func values(_ petitionID: String, _ event: PetitionEvent) -> [any Encodable & Sendable] {
        [petitionID, event.seq, event.action, event.actorID, event.actorRole, DossierRow.ms(event.at), event.statusBefore, event.statusAfter, event.note]
    }

    static func appendHistory(
        petitionID: String, action: String, actorID: String, actorRole: String, at: Date, before: PetitionStatus?, after: PetitionStatus,
        note: String?, on database: any SQLDatabase
    ) async throws {
        let last = try await database.raw("SELECT MAX(seq) AS seq FROM petition_history WHERE petition_id = \(bind: petitionID)")
            .first()?.decode(column: "seq", as: Int?.self) ?? 0
        try await database.raw("""
            INSERT INTO petition_history (petition_id, seq, action, actor_id, actor_role, at, status_before, status_after, note) VALUES \
            (\(bind: petitionID), \(bind: last + 1), \(bind: action), \(bind: actorID), \(bind: actorRole), \(bind: DossierRow.ms(at)!), \
            \(bind: before?.rawValue), \(bind: after.rawValue), \(bind: note))
            """).run()
    }

    public func petition(id: String) async throws -> Petition? {
        try await store.read { database in
            try await database.select().columns(Self.columns).from("petitions").where("id", .equal, id).first().map(Self.petition)
        }
    }

    public func history(petitionID: String) async throws -> [PetitionEvent] {
        try await store.read { database in
            try await database.raw("SELECT * FROM petition_history WHERE petition_id = \(bind: petitionID) ORDER BY seq").all().map { row in
                PetitionEvent(
                    seq: try row.decode(column: "seq", as: Int.self), action: try row.decode(column: "action", as: String.self),
                    actorID: try row.decode(column: "actor_id", as: String.self), actorRole: try row.decode(column: "actor_role", as: String.self),
                    at: DossierRow.date(try row.decode(column: "at", as: Int.self))!,
                    statusBefore: try row.decode(column: "status_before", as: String?.self),
                    statusAfter: try row.decode(column: "status_after", as: String.self), note: try row.decode(column: "note", as: String?.self))
            }
        }
    }

    /// The citizen's own petitions, newest first (at most 200).
    public func petitions(citizenID: String) async throws -> [Petition] {
        try await store.read { database in
            try await database.select().columns(Self.columns).from("petitions").where("citizen_id", .equal, citizenID)
                .orderBy("received_at", .descending).limit(200).all().map(Self.petition)
        }
    }

    /// The officers' queue: petitions of these agencies (nil: all) in these statuses, oldest first.
    public func queue(agencies: [String]?, statuses: [PetitionStatus], limit: Int) async throws -> [Petition] {
        guard agencies?.isEmpty != true, !statuses.isEmpty else { return [] }
        return try await store.read { database in
            var select = database.select().columns(Self.columns).from("petitions").where("status", .in, statuses.map(\.rawValue))
            if let agencies { select = select.where("agency_id", .in, agencies) }
            return try await select.orderBy("received_at").limit(max(1, min(limit, 500))).all().map(Self.petition)
        }
    }

    /// Published answers, newest first, a page at a time.
    public func published(limit: Int, offset: Int) async throws -> [Petition] {
        try await store.read { database in
            try await database.select().columns(Self.columns).from("petitions").where("status", .equal, PetitionStatus.published.rawValue)
                .orderBy("published_at", .descending).orderBy("id").limit(max(1, min(limit, 100))).offset(max(0, offset)).all()
                .map(Self.petition)
        }
    }

    static func petition(_ row: any SQLRow) throws -> Petition {
        func date(_ column: String) throws -> Date? { DossierRow.date(try row.decode(column: column, as: Int?.self)) }
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        guard let category = PetitionCategory(rawValue: try row.decode(column: "category", as: String.self)),
            let status = PetitionStatus(rawValue: try row.decode(column: "status", as: String.self)),
            let received = try date("received_at"), let handling = try date("handling_due_at"), let refusal = try date("refusal_due_at"),
            let supplement = try date("supplement_due_at")
        else { throw StoredDataError("petitions row has an unknown category or status, or a missing date") }
        return Petition(
            id: try row.decode(column: "id", as: String.self), agencyID: try row.decode(column: "agency_id", as: String.self), category: category,
            dossierCode: try text("dossier_code"), citizenID: try row.decode(column: "citizen_id", as: String.self),
            content: try row.decode(column: "content", as: String.self), status: status, version: try row.decode(column: "version", as: Int.self),
            receivedAt: received, handlingDueAt: handling, refusalDueAt: refusal, supplementDueAt: supplement,
            supplementRequestedAt: try date("supplement_requested_at"), supplementRequest: try text("supplement_request"),
            supplementedAt: try date("supplemented_at"), supplement: try text("supplement"), answeredAt: try date("answered_at"),
            answer: try text("answer"), publishDueAt: try date("publish_due_at"), publishedAt: try date("published_at"),
            summary: try text("summary"), refusedAt: try date("refused_at"), refusalReason: try text("refusal_reason"),
            satisfied: try row.decode(column: "satisfied", as: Int?.self).map { $0 == 1 })
    }

    // MARK: - Group 5 of the index

    /// Group 5's counts for the given agencies (nil: the whole province) over a period: the petitions received in
    /// it, and the dossiers received in it (the index's population) with a PAKN about them or a dislike rating.
    public func counts(start: Date, end: Date, now: Date, agencies: [String]?) async throws -> SatisfactionCounts {
        try await countsByAgency(start: start, end: end, now: now, agencies: agencies).values.reduce(into: SatisfactionCounts()) { total, part in
            total.petitions += part.petitions
            total.onTime += part.onTime
            total.dissatisfied += part.dissatisfied
            total.complainedDossiers += part.complainedDossiers
            for (category, n) in part.byCategory { total.byCategory[category, default: 0] += n }
        }
    }

    /// The same, per agency id (agencies with neither petitions nor complained dossiers left out).
    public func countsByAgency(start: Date, end: Date, now: Date, agencies: [String]? = nil) async throws -> [String: SatisfactionCounts] {
        if agencies?.isEmpty == true { return [:] }
        let from = HashChain.milliseconds(start), to = HashChain.milliseconds(end)
        var petitionsSQL = SQLQueryString("SELECT \(unsafeRaw: Self.columns.joined(separator: ", ")) FROM petitions WHERE received_at >= \(bind: from) AND received_at < \(bind: to)")
        // Driven from the few dossiers with a PAKN or a dislike (probing dossiers by their unique code), never by scanning
        // the period's dossiers: over a year of a province that scan took seconds. CROSS JOIN makes SQLite keep that
        // order (with bound dates it cannot tell how many dossiers the range holds); PostgreSQL plans it freely.
        var dossiersSQL = SQLQueryString(
            """
            SELECT d.agency_id AS agency_id, COUNT(*) AS n FROM (SELECT dossier_code AS code FROM petitions WHERE dossier_code IS NOT NULL \
            UNION SELECT dossier_code FROM dossier_ratings WHERE level <= 2) c CROSS JOIN dossiers d \
            WHERE d.code = c.code AND d.received_at >= \(bind: from) AND d.received_at < \(bind: to) AND \(unsafeRaw: IndexPredicates.population)
            """)
        if let agencies {
            petitionsSQL.appendInterpolation(unsafeRaw: " AND agency_id IN (")
            dossiersSQL.appendInterpolation(unsafeRaw: " AND d.agency_id IN (")
            for (index, agency) in agencies.enumerated() {
                if index > 0 {
                    petitionsSQL.appendInterpolation(unsafeRaw: ", ")
                    dossiersSQL.appendInterpolation(unsafeRaw: ", ")
                }
                petitionsSQL.appendInterpolation(bind: agency)
                dossiersSQL.appendInterpolation(bind: agency)
            }
            petitionsSQL.appendInterpolation(unsafeRaw: ")")
            dossiersSQL.appendInterpolation(unsafeRaw: ")")
        }
        dossiersSQL.appendInterpolation(unsafeRaw: " GROUP BY d.agency_id")
        let petitionsQuery = petitionsSQL, dossiersQuery = dossiersSQL
        return try await store.read { database in
            var result: [String: SatisfactionCounts] = [:]
            // Petitions are few beside dossiers: their on-time rule (several deadlines) is the domain's, applied here.
            for row in try await database.raw(petitionsQuery).all() {
                let petition = try Self.petition(row)
                result[petition.agencyID, default: SatisfactionCounts()].count(petition, at: now)
            }
            for row in try await database.raw(dossiersQuery).all() {
                result[try row.decode(column: "agency_id", as: String.self), default: SatisfactionCounts()].complainedDossiers =
                    try row.decode(column: "n", as: Int.self)
            }
            return result
        }
    }
}
