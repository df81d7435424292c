import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MotCuaDomain
import MotCuaReconciliation
import MotCuaStorage
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// The legacy registers as officers, stewards and the citizen use them over HTTP: an imported page is typed,
/// verified by a second officer, linked to its person and appears in their archive, its page downloadable and
/// the download on their log; bad input is refused precisely.
@Suite("Legacy registers over HTTP")
struct LegacyRegisterAPITests {
    private struct EntryJSON: Decodable {
        let id: String
        let state: String
        let version: Int
        let page: Int
        let linkState: String
        let pageImage: String?
    }

    private struct ProgressJSON: Decodable {
        let bookId: String
        let entries: Int
        let entered: Int
        let verified: Int
        let linked: Int
    }

    private struct ArchivePageJSON: Decodable {
        let items: [ArchiveJSON]
        let nextCursor: String?
    }

    private struct ArchiveJSON: Decodable {
        struct Register: Decodable {
            let book: String
            let year: Int
            let page: Int
            let entry: Int
        }
        let kind: String
        let id: String
        let register: Register?
    }

    static func record(version: Int, person: PopulationRecord, born: String, registered: String) -> String {
        let sex = person.sex == .male ? "male" : "female"
        return """
            {"version":\(version),"fullName":"\(person.fullName)","sex":"\(sex)","dateOfBirth":"\(born)","place":"Trạm y tế phường Kinh Bắc",\
            "fatherName":"Nguyễn Văn Nam","motherName":"Trần Thị Lan","registrationDate":"\(registered)","registrationNumber":"17"}
            """
    }

    @Test("A page is typed, verified by a second officer, linked to its person and appears in their archive; bad input is refused precisely", arguments: TestDatabase.backends)
    func enterVerifyLinkAndArchive(backend: TestDatabase) async throws {
        let person = RegistryPeople.singleAdult
        let bookID = TestValue<String>()
        try await EIDSandbox.run { eid in
            try await withApp(backend, eid: eid.relyingParty, prepare: { platform in
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-api-book-" + UUID().uuidString)
                defer { try? FileManager.default.removeItem(at: folder) }
                try LegacySampleBook.write(to: folder, pages: 2, entriesPerPage: 2, label: "api")
                let ward = try #require(platform.reference.agencies.agencies.first { $0.administrativeCode == "09187" })
                let book = try await LegacyRegisterImporter(blobs: try platform.documentBlobs(), registers: platform.legacyRegisters).importFolder(
                    folder, identity: try RegisterBookIdentity(agencyID: ward.id, kind: .birth, book: "01", year: person.dateOfBirth.year), by: "test")
                bookID.set(book.id)
            }) { raw, configuration in
                let s = try await Scenario(raw)
                let born = person.dateOfBirth.description
                let registered = person.dateOfBirth.adding(days: 10).description
                // The reception officer takes the first slot and sees its page.
                let taken = try await s.reception.call(.post, "/api/v1/legacy/entries/next")
                #expect(taken.status == .ok, "\(taken.body)")
                let slot = try s.reception.decode(EntryJSON.self, taken.body)
                #expect(slot.state == "claimed" && slot.page == 1)
                let image = try await s.reception.call(.get, try #require(slot.pageImage))
                #expect(image.status == .ok)
                // Another commune's officer sees neither the page nor the entry, and has nothing to type.
                let elsewhere = try await s.anonymous.signedIn("hcc.tiepnhan")
                #expect(try await elsewhere.call(.get, try #require(slot.pageImage)).status == .notFound)
                #expect(try await elsewhere.call(.post, "/api/v1/legacy/entries/next").status == .noContent)

                // Impossible dates: 31/02 and a birth after the registration, each naming its field.
                let path = "/api/v1/legacy/entries/\(slot.id)/record"
                let february = Self.record(version: slot.version, person: person, born: "31/02/\(person.dateOfBirth.year)", registered: registered)
                let impossible = try await s.reception.call(.put, path, json: february)
                #expect(impossible.status == .unprocessableContent && impossible.body.contains(#""field":"date_of_birth""#), "\(impossible.body)")
                let late = Self.record(version: slot.version, person: person, born: registered, registered: born)
                let afterRegistration = try await s.reception.call(.put, path, json: late)
                #expect(afterRegistration.status == .unprocessableContent && afterRegistration.body.contains("date_of_birth"), "\(afterRegistration.body)")
                #expect(try await elsewhere.call(.put, path, json: Self.record(version: slot.version, person: person, born: born, registered: registered)).status == .notFound)
                // The specialist cannot type a slot the reception officer holds.
                #expect(try await s.specialist.call(.put, path, json: Self.record(version: slot.version, person: person, born: born, registered: registered)).status == .conflict)

                let enteredResponse = try await s.reception.call(.put, path, json: Self.record(version: slot.version, person: person, born: born, registered: registered))
                #expect(enteredResponse.status == .ok, "\(enteredResponse.body)")
                let entered = try s.reception.decode(EntryJSON.self, enteredResponse.body)
                // The officer who typed it cannot verify it; a second officer can.
                let verification = "/api/v1/legacy/entries/\(slot.id)/verification"
                let own = try await s.reception.call(.post, verification, json: #"{"version":\#(entered.version),"decision":"accept"}"#)
                #expect(own.status == .forbidden, "\(own.body)")
                let waiting = try s.specialist.decode([EntryJSON].self, try await s.specialist.call(.get, "/api/v1/legacy/entries/awaiting-verification").body)
                #expect(waiting.map(\.id) == [slot.id])
                let accepted = try await s.specialist.call(.post, verification, json: #"{"version":\#(entered.version),"decision":"accept"}"#)
                #expect(accepted.status == .ok && accepted.body.contains(#""state":"verified""#), "\(accepted.body)")
                #expect(try await s.specialist.call(.post, verification, json: #"{"version":\#(entered.version),"decision":"accept"}"#).status == .conflict)

                // The engine links the verified record to the person (the registry sandbox's register).
                let register = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-register-\(UUID().uuidString).csv")
                defer { try? FileManager.default.removeItem(at: register) }
                try Data("""
                    citizen_id,legacy_id,full_name,date_of_birth,sex,commune_code,marital_status,spouse_id,vital_status
                    \(person.citizenID.value),,\(person.fullName),\(born),\(person.sex.rawValue),09187,single,,alive
                    027199005678,,Lê Thị Mai,1999-07-21,female,09190,single,,alive

                    """.utf8).write(to: register)
                var platformConfiguration = configuration
                platformConfiguration.seedDemoDataWhenEmpty = false
                let outcome = try await Platform.withPlatform(platformConfiguration, logger: .init(label: "test")) { platform in
                    try await LegacyRecordLinker(registers: platform.legacyRegisters).link(
                        register: register, thresholds: .init(automatic: 10, review: 5, margin: 5, conflict: 0), by: "test")
                }
                #expect(outcome.linked == 1)

                let progress = try s.leader.decode([ProgressJSON].self, try await s.leader.call(.get, "/api/v1/legacy/progress").body)
                #expect(progress.count == 1 && progress[0].bookId == bookID.get() && progress[0].entries == 4)
                #expect(progress[0].entered == 1 && progress[0].verified == 1 && progress[0].linked == 1)

                // The record is in the person's archive, with where it is written; its page downloads, and the download is logged.
                let citizen = try await citizenClient(raw, person, level: 1)
                let items = try citizen.decode(ArchivePageJSON.self, try await citizen.call(.get, "/api/v1/citizen/archive").body).items
                let item = try #require(items.first { $0.kind == "civil_status_record" })
                // the one-item view and the kind filter reach it too, and it cannot be handed on by a share
                #expect(try await citizen.call(.get, "/api/v1/citizen/archive/civil_status_record/\(slot.id)").status == .ok)
                let filtered = try citizen.decode(
                    ArchivePageJSON.self, try await citizen.call(.get, "/api/v1/citizen/archive?kind=civil_status_record").body).items
                #expect(filtered.map(\.id) == [slot.id])
                #expect(item.id == slot.id && item.register?.book == "01" && item.register?.page == 1 && item.register?.entry == 1)
                let download = try await citizen.call(.get, "/api/v1/citizen/archive/civil-status/\(slot.id)/page")
                #expect(download.status == .ok)
                let access = try citizen.decode(DataAccessJSON.self, try await citizen.call(.get, "/api/v1/citizen/data-access").body)
                #expect(access.items.contains { $0.fieldsVi.contains("Trang sổ hộ tịch giấy đã số hoá") })
                // Nobody else downloads it as theirs.
                let other = try await citizenClient(raw, RegistryPeople.insured, level: 1)
                #expect(try await other.call(.get, "/api/v1/citizen/archive/civil-status/\(slot.id)/page").status == .notFound)
            }
        }
    }
}

extension LegacyRegisterAPITests {
    @Test("An import over HTTP is all or nothing: a page that is not an image or a missing file is named, a duplicate is 409, another commune's book 403", arguments: TestDatabase.backends)
    func importOverHTTP(backend: TestDatabase) async throws {
        try await withApp(backend) { raw, configuration in
            let s = try await Scenario(raw)
            let imports = URL(fileURLWithPath: configuration.importDirectory)
            let folder = imports.appendingPathComponent("so-khai-sinh-1998-" + UUID().uuidString.prefix(8))
            defer { try? FileManager.default.removeItem(at: folder) }
            try LegacySampleBook.write(to: folder, pages: 3, entriesPerPage: 5, label: "http")
            let body = #"{"folder":"\#(folder.lastPathComponent)","kind":"birth","book":"02","year":1998}"#
            let page2 = folder.appendingPathComponent("p00002.png")
            let original = try Data(contentsOf: page2)
            try Data("%PDF-1.7 a scan saved as PDF".utf8).write(to: page2)
            let notImage = try await s.reception.call(.post, "/api/v1/legacy/books", json: body)
            #expect(notImage.status == .unprocessableContent && notImage.body.contains("p00002.png"), "\(notImage.body)")
            try original.write(to: page2)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("p00003.png"))
            let missing = try await s.reception.call(.post, "/api/v1/legacy/books", json: body)
            #expect(missing.status == .unprocessableContent && missing.body.contains("p00003.png"), "\(missing.body)")
            let progressBefore = try await s.reception.call(.get, "/api/v1/legacy/progress")
            #expect(progressBefore.body == "[]", "\(progressBefore.body)")

            try LegacySampleBook.write(to: folder, pages: 3, entriesPerPage: 5, label: "http")
            let created = try await s.reception.call(.post, "/api/v1/legacy/books", json: body)
            #expect(created.status == .created && created.body.contains(#""entries":15"#), "\(created.body)")
            let again = try await s.reception.call(.post, "/api/v1/legacy/books", json: body)
            #expect(again.status == .conflict && again.body.contains("already-imported"), "\(again.body)")
            let renamed = body.replacingOccurrences(of: #""book":"02""#, with: #""book":"09""#)
            let sameScans = try await s.specialist.call(.post, "/api/v1/legacy/books", json: renamed)
            #expect(sameScans.status == .conflict && sameScans.body.contains("same pages"), "\(sameScans.body)")
            let impossible = try await s.reception.call(.post, "/api/v1/legacy/books", json: body.replacingOccurrences(of: "1998", with: "1700"))
            #expect(impossible.status == .unprocessableContent && impossible.body.contains(#""field":"year""#), "\(impossible.body)")
            let otherCommune = body.replacingOccurrences(of: #""kind""#, with: #""commune":"xa-07210","kind""#)
            #expect(try await s.reception.call(.post, "/api/v1/legacy/books", json: otherCommune).status == .forbidden)
        }
    }
}

/// A value set in `prepare` and read in the test body.
final class TestValue<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?

    func set(_ value: T) { lock.withLock { self.value = value } }
    func get() -> T? { lock.withLock { value } }
}
