import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// Legacy paper registers: the commune's data-entry queue with a second officer's verification, the page
/// images, progress, the stewards' review of links, and the citizen's download of a linked record's page.
extension APIImplementation {
    func importLegacyBook(_ input: Operations.ImportLegacyBook.Input) async throws -> Operations.ImportLegacyBook.Output {
        let (principal, scope) = try official(.importLegacyBook)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let folder = body.folder
        guard !folder.isEmpty, !folder.contains("/"), !folder.contains("\\"), folder != ".", folder != ".." else {
            throw Problem.invalid("Chỉ tên thư mục hoặc tệp ZIP trong thư mục nhập / give the name of a folder or ZIP file in the import directory, without directories", field: "folder")
        }
        return try await legacyCall {
            let identity = try legacyBookIdentity(
                commune: body.commune, kind: body.kind.rawValue, book: body.book, volume: body.volume, year: body.year, principal: principal,
                scope: scope)
            let importer = LegacyRegisterImporter(blobs: legacy.blobs, registers: legacy.registers)
            let book = try await importer.importBook(at: importDirectory.appendingPathComponent(folder), identity: identity, by: principal.officialID)
            return .created(.init(body: .json(Self.importedJSON(book))))
        }
    }

    func uploadLegacyBookArchive(_ input: Operations.UploadLegacyBookArchive.Input) async throws -> Operations.UploadLegacyBookArchive.Output {
        let (principal, scope) = try official(.uploadLegacyBookArchive)
        let file: HTTPBody
        switch input.body {
        case .applicationZip(let body), .binary(let body): file = body
        }
        let query = input.query
        return try await legacyCall {
            // Everything that can be decided without the body is, before reading it.
            let identity = try legacyBookIdentity(
                commune: query.commune, kind: query.kind.rawValue, book: query.book, volume: query.volume, year: query.year, principal: principal,
                scope: scope)
            var length: Int?
            if case .known(let known) = file.length { length = Int(known) }
            let book = try await legacyUpload.importArchive(file, length: length, identity: identity, by: principal.officialID)
            return .created(.init(body: .json(Self.importedJSON(book))))
        }
    }

    func takeLegacyEntry(_ input: Operations.TakeLegacyEntry.Input) async throws -> Operations.TakeLegacyEntry.Output {
        let officer = try legacyOfficer(.takeLegacyEntry)
        return try await legacyCall {
            guard let entry = try await legacy.takeNext(by: officer) else { return .noContent(.init()) }
            return .ok(.init(body: .json(try await legacyJSON(entry))))
        }
    }

    func listLegacyVerifications(_ input: Operations.ListLegacyVerifications.Input) async throws -> Operations.ListLegacyVerifications.Output {
        let officer = try legacyOfficer(.listLegacyVerifications)
        let entries = try await legacy.awaitingVerification(by: officer)
        var items: [Components.Schemas.LegacyEntry] = []
        for entry in entries { items.append(try await legacyJSON(entry)) }
        return .ok(.init(body: .json(items)))
    }

    func submitLegacyEntry(_ input: Operations.SubmitLegacyEntry.Input) async throws -> Operations.SubmitLegacyEntry.Output {
        let officer = try legacyOfficer(.submitLegacyEntry)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        return try await legacyCall {
            let record = try Self.legacyRecord(body)
            let entry = try await legacy.submit(entryID: input.path.id, record: record, expectedVersion: body.version, by: officer)
            return .ok(.init(body: .json(try await legacyJSON(entry))))
        }
    }

    func verifyLegacyEntry(_ input: Operations.VerifyLegacyEntry.Input) async throws -> Operations.VerifyLegacyEntry.Output {
        let officer = try legacyOfficer(.verifyLegacyEntry)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        return try await legacyCall {
            let entry = try await legacy.verify(
                entryID: input.path.id, accept: body.decision == .accept, reason: body.reason, expectedVersion: body.version, by: officer)
            return .ok(.init(body: .json(try await legacyJSON(entry))))
        }
    }

    func downloadLegacyPage(_ input: Operations.DownloadLegacyPage.Input) async throws -> Operations.DownloadLegacyPage.Output {
        let officer = try legacyOfficer(.downloadLegacyPage)
        return try await legacyCall {
            let (image, reader) = try await legacy.pageImage(bookID: input.path.id, page: input.path.page, for: officer)
            return image.mediaType == .png ? .ok(.init(body: .png(Self.stream(reader)))) : .ok(.init(body: .jpeg(Self.stream(reader))))
        }
    }

    func getLegacyProgress(_ input: Operations.GetLegacyProgress.Input) async throws -> Operations.GetLegacyProgress.Output {
        let (principal, scope) = try official(.getLegacyProgress)
        let books = try await legacy.registers.progress(agencyID: scope == .province ? nil : principal.agencyID)
        return .ok(.init(body: .json(books.map { item in
            let identity = item.book.identity
            return .init(
                bookId: item.book.id, commune: identity.agencyID, kind: .init(rawValue: identity.kind.rawValue)!, book: identity.book,
                volume: identity.volume, year: identity.year, pages: item.book.pages, entries: item.book.entries, entered: item.entered,
                verified: item.verified, linked: item.linked, inReview: item.inReview)
        })))
    }

    func listLegacyReview(_ input: Operations.ListLegacyReview.Input) async throws -> Operations.ListLegacyReview.Output {
        let (principal, scope) = try official(.listLegacyReview)
        let entries = try await legacy.registers.inReview(agencyID: scope == .province ? nil : principal.agencyID)
        var items: [Components.Schemas.LegacyEntry] = []
        for entry in entries { items.append(try await legacyJSON(entry)) }
        return .ok(.init(body: .json(items)))
    }

    func decideLegacyLink(_ input: Operations.DecideLegacyLink.Input) async throws -> Operations.DecideLegacyLink.Output {
        let (principal, scope) = try official(.decideLegacyLink)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        return try await legacyCall {
            guard let entry = try await legacy.registers.entry(id: input.path.id), scope == .province || entry.agencyID == principal.agencyID else {
                throw LegacyRegisterError.notFound
            }
            var person: CitizenID?
            if body.decision == .link {
                guard let id = body.citizenId ?? entry.candidateID else {
                    throw LegacyRegisterError.invalid(field: "citizenId", message: "the engine found no candidate: name the person")
                }
                do {
                    person = try CitizenID(id)
                } catch {
                    throw LegacyRegisterError.invalid(field: "citizenId", message: "not a valid 12-digit ID")
                }
            }
            let note = try LegacyText.line(body.note ?? "", field: "note", maximum: 500, required: false)
            let decided = try await legacy.registers.decideReview(
                entryID: entry.id, citizenID: person, expectedVersion: body.version, by: principal.officialID, note: note.isEmpty ? nil : note,
                at: now())
            return .ok(.init(body: .json(try await legacyJSON(decided))))
        }
    }

    func downloadMyLegacyPage(_ input: Operations.DownloadMyLegacyPage.Input) async throws -> Operations.DownloadMyLegacyPage.Output {
        let citizen = try citizen(.downloadMyLegacyPage)
        return try await legacyCall {
            let (entry, image, reader) = try await legacy.linkedPage(entryID: input.path.id, of: citizen.citizenID)
            do {
                try await accessLog.record([
                    RegistryAccessEntry(
                        at: now(), subjectID: citizen.citizenID, registry: nil, fields: [RegistryFields.legacyRegisterPage], actorKind: .citizen,
                        actorID: "citizen", agencyID: nil, purposeKind: .selfService, purposeReference: entry.id, requestID: UUID(), outcome: .found)
                ])
            } catch {
                await reader.close()
                throw error
            }
            return image.mediaType == .png ? .ok(.init(body: .png(Self.stream(reader)))) : .ok(.init(body: .jpeg(Self.stream(reader))))
        }
    }

    // MARK: - Helpers

    /// The book an officer imports: the commune must exist and be theirs, unless their scope is the province.
    private func legacyBookIdentity(
        commune: String?, kind: String, book: String, volume: String?, year: Int, principal: Principal, scope: AccessScope
    ) throws -> RegisterBookIdentity {
        let commune = commune ?? principal.agencyID
        guard reference.agencies.agency(id: commune) != nil else {
            throw Problem.invalid("Không có đơn vị \(commune) / no agency \(commune)", field: "commune")
        }
        guard scope == .province || commune == principal.agencyID else {
            throw Problem.forbidden("Chỉ nhập sổ của đơn vị mình / only your own agency's registers can be imported")
        }
        return try RegisterBookIdentity(agencyID: commune, kind: RegisterKind(rawValue: kind)!, book: book, volume: volume ?? "", year: year)
    }

    /// A book just imported: its entries all open.
    private static func importedJSON(_ book: LegacyBook) -> Components.Schemas.LegacyBookProgress {
        let identity = book.identity
        return .init(
            bookId: book.id, commune: identity.agencyID, kind: .init(rawValue: identity.kind.rawValue)!, book: identity.book,
            volume: identity.volume, year: identity.year, pages: book.pages, entries: book.entries, entered: 0, verified: 0, linked: 0,
            inReview: 0)
    }

    /// The officer of a commune the policy lets type or verify entries.
    private func legacyOfficer(_ operation: PlatformOperation) throws -> LegacyDataEntry.Officer {
        let (principal, _) = try official(operation)
        return LegacyDataEntry.Officer(id: principal.officialID, agencyID: principal.agencyID)
    }

    /// Runs `body`, answering refusals of the legacy registers as problem details.
    private func legacyCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LegacyRegisterError {
            throw Problem.from(error)
        }
    }

    /// A stored file as a response body, read a chunk at a time and closed at its end (scans and register pages).
    static func stream(_ reader: any BlobReader) -> HTTPBody {
        let chunks = AsyncThrowingStream<ArraySlice<UInt8>, any Error>(unfolding: {
            let chunk = try await reader.read(maximum: 1 << 16)
            guard !chunk.isEmpty else {
                await reader.close()
                return nil
            }
            return chunk[...]
        })
        return HTTPBody(chunks, length: .known(Int64(reader.size)), iterationBehavior: .single)
    }

    /// The typed record of a request; dates are parsed here so that 31/02 is refused naming its field.
    static func legacyRecord(_ body: Components.Schemas.LegacyRecordInput) throws -> LegacyRecord {
        func date(_ text: String?, _ field: String) throws -> LocalDate? {
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return try LegacyRecordValidator.date(text, field: field)
        }
        func recorded(_ full: String?, _ written: String?, _ field: String) throws -> RecordedDate? {
            if let full = try date(full, field) { return RecordedDate(date: full) }
            guard let written, !written.isEmpty else { return nil }
            return RecordedDate(asWritten: written)
        }
        guard let registered = try date(body.registrationDate, "registration_date") else {
            throw LegacyRegisterError.invalid(field: "registration_date", message: "is required")
        }
        return LegacyRecord(
            fullName: body.fullName, sex: body.sex.map { $0 == .male ? Sex.male : Sex.female },
            dateOfBirth: try recorded(body.dateOfBirth, body.dateOfBirthAsWritten, "date_of_birth"), place: body.place ?? "",
            fatherName: body.fatherName ?? "", motherName: body.motherName ?? "", spouseName: body.spouseName ?? "",
            spouseDateOfBirth: try recorded(body.spouseDateOfBirth, body.spouseDateOfBirthAsWritten, "spouse_date_of_birth"),
            eventDate: try date(body.eventDate, "event_date"), registrationDate: registered, registrationNumber: body.registrationNumber)
    }

    private func legacyJSON(_ entry: LegacyEntry) async throws -> Components.Schemas.LegacyEntry {
        guard let book = try await legacy.registers.book(id: entry.bookID) else { throw LegacyRegisterError.notFound }
        let identity = book.identity
        let record = entry.record.map { record in
            Components.Schemas.LegacyRecord(
                fullName: record.fullName, sex: record.sex.map { $0 == .male ? .male : .female }, dateOfBirth: record.dateOfBirth?.date?.description,
                dateOfBirthAsWritten: record.dateOfBirth?.asWritten, place: record.place, fatherName: record.fatherName,
                motherName: record.motherName, spouseName: record.spouseName, spouseDateOfBirth: record.spouseDateOfBirth?.date?.description,
                spouseDateOfBirthAsWritten: record.spouseDateOfBirth?.asWritten, eventDate: record.eventDate?.description,
                registrationDate: record.registrationDate.description, registrationNumber: record.registrationNumber)
        }
        return .init(
            id: entry.id, bookId: entry.bookID, page: entry.page, entry: entry.entry, kind: .init(rawValue: identity.kind.rawValue)!,
            book: identity.book, volume: identity.volume, year: identity.year, state: .init(rawValue: entry.state.rawValue)!,
            version: entry.version, enteredBy: entry.enteredBy, verifiedBy: entry.verifiedBy, returnReason: entry.returnReason, record: record,
            linkState: .init(rawValue: entry.linkState.rawValue)!, citizenId: entry.citizenID, candidateId: entry.candidateID, score: entry.score,
            pageImage: "/api/v1/legacy/books/\(entry.bookID)/pages/\(entry.page)")
    }
}
