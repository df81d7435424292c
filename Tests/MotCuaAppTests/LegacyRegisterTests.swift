import Foundation
import Logging
import MotCuaDomain
import MotCuaReconciliation
import MotCuaStorage
import MotCuaTestSupport
import Testing
import ZIPFoundation

@testable import MotCuaApp

/// Legacy paper registers: importing a scanned book all or nothing, the data-entry queue with a second
/// officer's verification, and linking verified records to people with the reconciliation engine.
@Suite("Legacy paper registers")
struct LegacyRegisterTests {
    static let commune = "G01.09187"
    static let today = LocalDate(year: 2026, month: 11, day: 30)!
    static let typist = LegacyDataEntry.Officer(id: "kinhbac.nhaplieu1", agencyID: commune)
    static let verifier = LegacyDataEntry.Officer(id: "kinhbac.nhaplieu2", agencyID: commune)
    static let elsewhere = LegacyDataEntry.Officer(id: "vohcuong.nhaplieu", agencyID: "G01.09190")

    /// A fresh folder and blob store, a migrated database, and the services over them.
    struct Setup: Sendable {
        let folder: URL
        let blobs: FileSystemBlobStore
        let registers: SQLLegacyRegisterRepository
        var importer: LegacyRegisterImporter { LegacyRegisterImporter(blobs: blobs, registers: registers) }
        var entry: LegacyDataEntry { LegacyDataEntry(registers: registers, blobs: blobs, today: { LegacyRegisterTests.today }) }
    }

    static func withSetup(_ backend: TestDatabase, _ body: @Sendable (Setup) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-legacy-" + UUID().uuidString, isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("book", isDirectory: true)
        try LegacySampleBook.write(to: folder, pages: 3, entriesPerPage: 2, label: "test")
        let blobs = try FileSystemBlobStore(root: root.appendingPathComponent("blobs", isDirectory: true))
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            try await body(Setup(folder: folder, blobs: blobs, registers: SQLLegacyRegisterRepository(store: store)))
        }
    }

    static func identity(book: String = "01", year: Int = 1998) throws -> RegisterBookIdentity {
        try RegisterBookIdentity(agencyID: commune, kind: .birth, book: book, volume: "", year: year)
    }

    static func birth(born: String = "1998-03-14", registered: String = "1998-03-20") throws -> LegacyRecord {
        LegacyRecord(
            fullName: "Nguyễn Thị Hoa", sex: .female, dateOfBirth: RecordedDate(date: try LegacyRecordValidator.date(born, field: "date_of_birth")),
            place: "Trạm y tế xã Kinh Bắc", fatherName: "Nguyễn Văn Nam", motherName: "Trần Thị Lan",
            registrationDate: try LegacyRecordValidator.date(registered, field: "registration_date"), registrationNumber: "42")
    }

    @Test("A book is imported whole: its pages and one open slot per entry; a second import is refused by identity and by content", arguments: TestDatabase.backends)
    func importWholeAndRefuseDuplicates(backend: TestDatabase) async throws {
        try await Self.withSetup(backend) { setup in
            let book = try await setup.importer.importFolder(setup.folder, identity: try Self.identity(), by: "test")
            #expect(book.pages == 3 && book.entries == 6)
            let progress = try await setup.registers.progress(agencyID: Self.commune)
            #expect(progress.map(\.book.id) == [book.id])
            #expect(progress[0].entered == 0 && progress[0].verified == 0)
            let page = try #require(try await setup.registers.page(bookID: book.id, number: 2))
            #expect(page.mediaType == .png)
            #expect(try await setup.blobs.exists(page.digest))

            await #expect(throws: LegacyRegisterError.alreadyImported(book: "birth 01 (1998)", byContent: false)) {
                try await setup.importer.importFolder(setup.folder, identity: try Self.identity(), by: "test")
            }
            // The same scans under another book number are the same book.
            await #expect(throws: LegacyRegisterError.alreadyImported(book: "birth 01 (1998)", byContent: true)) {
                try await setup.importer.importFolder(setup.folder, identity: try Self.identity(book: "07"), by: "test")
            }
            #expect(try await setup.registers.progress(agencyID: nil).count == 1)
        }
    }

    @Test("A book delivered as a ZIP file imports like its folder; a path climbing out, a page unpacking beyond the limit or a file that is not a ZIP is refused, with nothing written", arguments: TestDatabase.backends)
    func zipImport(backend: TestDatabase) async throws {
        try await Self.withSetup(backend) { setup in
            let root = setup.folder.deletingLastPathComponent()
            let work = root.appendingPathComponent("work", isDirectory: true)
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            // a climbing path, and a page whose declared size hides 65 MB of zeros, are refused before any import
            let evil = root.appendingPathComponent("evil.zip")
            let climbing = try Archive(url: evil, accessMode: .create)
            let manifest = try Data(contentsOf: setup.folder.appendingPathComponent("manifest.csv"))
            try climbing.addEntry(with: "manifest.csv", type: .file, uncompressedSize: Int64(manifest.count)) { (position: Int64, size: Int) in
                manifest.subdata(in: Int(position)..<Int(position) + size)
            }
            try climbing.addEntry(with: "../escape.png", type: .file, uncompressedSize: Int64(4)) { (_: Int64, _: Int) in Data([0x89, 0x50, 0x4E, 0x47]) }
            await #expect(throws: LegacyRegisterError.invalid(field: "archive", message: "entry '../escape.png' has a path that is not allowed")) {
                try await setup.importer.importBook(at: evil, identity: try Self.identity(book: "02"), by: "test", workDirectory: work)
            }
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("escape.png").path))
            let bomb = root.appendingPathComponent("bomb.zip")
            let inflating = try Archive(url: bomb, accessMode: .create)
            try inflating.addEntry(with: "page-0001.png", type: .file, uncompressedSize: Int64(65 << 20), compressionMethod: .deflate) { (_: Int64, size: Int) in
                Data(count: size)
            }
            await #expect(throws: LegacyRegisterError.self) {
                try await setup.importer.importBook(at: bomb, identity: try Self.identity(book: "03"), by: "test", workDirectory: work)
            }
            let notZip = root.appendingPathComponent("notes.zip")
            try Data("not an archive".utf8).write(to: notZip)
            await #expect(throws: LegacyRegisterError.self) {
                try await setup.importer.importBook(at: notZip, identity: try Self.identity(book: "04"), by: "test", workDirectory: work)
            }
            #expect(try await setup.registers.progress(agencyID: nil).isEmpty)
            // the real book, zipped with its folder, imports whole and leaves no unpacked copy behind
            let zip = root.appendingPathComponent("book.zip")
            try FileManager.default.zipItem(at: setup.folder, to: zip, shouldKeepParent: true, compressionMethod: .deflate)
            let book = try await setup.importer.importBook(at: zip, identity: try Self.identity(), by: "test", workDirectory: work)
            #expect(book.pages == 3 && book.entries == 6)
            #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty)
            // and the same pages from the folder are the same book
            await #expect(throws: LegacyRegisterError.alreadyImported(book: "birth 01 (1998)", byContent: true)) {
                try await setup.importer.importBook(at: setup.folder, identity: try Self.identity(book: "05"), by: "test")
            }
        }
    }

    @Test("A file that is not an image or a manifest naming a missing file refuses the book, naming the file, with nothing written", arguments: TestDatabase.backends)
    func badFilesRefuseTheBook(backend: TestDatabase) async throws {
        try await Self.withSetup(backend) { setup in
            let page2 = setup.folder.appendingPathComponent("p00002.png")
            let original = try Data(contentsOf: page2)
            // A PDF, plain text and a truncated PNG are all refused, each naming the file.
            for bytes in [Array("%PDF-1.4 not a page image".utf8), Array("just text".utf8), Array(original.prefix(40))] {
                try Data(bytes).write(to: page2)
                #expect(try await Self.refusedFile(setup, try Self.identity()) == "p00002.png")
            }
            try original.write(to: page2)
            try FileManager.default.removeItem(at: setup.folder.appendingPathComponent("p00003.png"))
            await #expect(throws: LegacyRegisterError.missingFile(file: "p00003.png")) {
                try await setup.importer.importFolder(setup.folder, identity: try Self.identity(), by: "test")
            }
            #expect(try await setup.registers.progress(agencyID: nil).isEmpty)
        }
    }

    /// The file an import refused as not an image; nil when it did not refuse that way.
    static func refusedFile(_ setup: Setup, _ identity: RegisterBookIdentity) async throws -> String? {
        do {
            _ = try await setup.importer.importFolder(setup.folder, identity: identity, by: "test")
        } catch LegacyRegisterError.notAnImage(let file, _) {
            return file
        }
        return nil
    }

    @Test("An import interrupted after the images were stored completes when run again", arguments: TestDatabase.backends)
    func interruptedImportResumes(backend: TestDatabase) async throws {
        try await Self.withSetup(backend) { setup in
            // What a crash before the transaction leaves: every image in the blob store, no book.
            for name in ["p00001.png", "p00002.png", "p00003.png"] {
                _ = try await setup.blobs.put(contentsOf: setup.folder.appendingPathComponent(name))
            }
            #expect(try await setup.registers.progress(agencyID: nil).isEmpty)
            let book = try await setup.importer.importFolder(setup.folder, identity: try Self.identity(), by: "test")
            #expect(book.entries == 6)
        }
    }

    @Test("Entry and verification: impossible dates are refused naming the field; the typist cannot verify; another commune sees nothing; every step is logged", arguments: TestDatabase.backends)
    func dataEntryAndVerification(backend: TestDatabase) async throws {
        try await Self.withSetup(backend) { setup in
            let book = try await setup.importer.importFolder(setup.folder, identity: try Self.identity(), by: "test")
            let service = setup.entry
            let slot = try #require(try await service.takeNext(by: Self.typist))
            #expect(slot.page == 1 && slot.entry == 1 && slot.state == .claimed)
            // Taking again returns the slot the officer holds; another officer gets the next one.
            #expect(try await service.takeNext(by: Self.typist)?.id == slot.id)
            let other = try #require(try await service.takeNext(by: Self.verifier))
            #expect(other.id != slot.id)
            #expect(try await service.takeNext(by: Self.elsewhere) == nil)

            #expect(throws: LegacyRegisterError.invalid(field: "date_of_birth", message: "31/02/1998 is not a date that exists")) {
                _ = try LegacyRecordValidator.date("31/02/1998", field: "date_of_birth")
            }
            await #expect(throws: LegacyRegisterError.invalid(field: "date_of_birth", message: "lies after the registration date")) {
                try await service.submit(entryID: slot.id, record: try Self.birth(born: "1998-04-01"), expectedVersion: slot.version, by: Self.typist)
            }
            var unnamed = try Self.birth()
            unnamed.fullName = "Nguyễn\u{0}Hoa"
            await #expect(throws: LegacyRegisterError.invalid(field: "full_name", message: "must not contain U+0000")) {
                try await service.submit(entryID: slot.id, record: unnamed, expectedVersion: slot.version, by: Self.typist)
            }
            await #expect(throws: LegacyRegisterError.notFound) {
                try await service.submit(entryID: slot.id, record: try Self.birth(), expectedVersion: slot.version, by: Self.elsewhere)
            }
            // The record is stored NFC even when typed decomposed.
            var decomposed = try Self.birth()
            decomposed.fullName = "Nguyễn Thị Hoa".decomposedStringWithCanonicalMapping
            let entered = try await service.submit(entryID: slot.id, record: decomposed, expectedVersion: slot.version, by: Self.typist)
            #expect(entered.state == .entered && entered.record?.fullName.unicodeScalars.count == "Nguyễn Thị Hoa".unicodeScalars.count)
            await #expect(throws: LegacyRegisterError.self) {
                try await service.submit(entryID: slot.id, record: try Self.birth(), expectedVersion: slot.version, by: Self.typist)
            }
            await #expect(throws: LegacyRegisterError.sameOfficer) {
                try await service.verify(entryID: slot.id, accept: true, reason: nil, expectedVersion: entered.version, by: Self.typist)
            }
            #expect(try await service.awaitingVerification(by: Self.typist).isEmpty)
            #expect(try await service.awaitingVerification(by: Self.verifier).map(\.id) == [slot.id])
            await #expect(throws: LegacyRegisterError.invalid(field: "reason", message: "is required")) {
                try await service.verify(entryID: slot.id, accept: false, reason: " ", expectedVersion: entered.version, by: Self.verifier)
            }
            let returned = try await service.verify(
                entryID: slot.id, accept: false, reason: "Sai số đăng ký", expectedVersion: entered.version, by: Self.verifier)
            #expect(returned.state == .returned && returned.returnReason == "Sai số đăng ký")
            #expect(try await service.takeNext(by: Self.typist)?.id == slot.id)
            let corrected = try await service.submit(entryID: slot.id, record: try Self.birth(), expectedVersion: returned.version, by: Self.typist)
            let verified = try await service.verify(entryID: slot.id, accept: true, reason: nil, expectedVersion: corrected.version, by: Self.verifier)
            #expect(verified.state == .verified && verified.verifiedBy == Self.verifier.id)

            let steps = try await setup.registers.history(entryID: slot.id).map { "\($0.action) \($0.actorID)" }
            #expect(steps == [
                "take kinhbac.nhaplieu1", "enter kinhbac.nhaplieu1", "return kinhbac.nhaplieu2", "correct kinhbac.nhaplieu1",
                "verify kinhbac.nhaplieu2",
            ])
            let progress = try #require(try await setup.registers.progress(agencyID: Self.commune).first)
            #expect(progress.book.id == book.id && progress.entered == 1 && progress.verified == 1)
            await #expect(throws: LegacyRegisterError.notFound) { try await service.pageImage(bookID: book.id, page: 1, for: Self.elsewhere) }
            let (image, reader) = try await service.pageImage(bookID: book.id, page: 1, for: Self.typist)
            #expect(image.mediaType == .png && reader.size == image.size)
            await reader.close()
        }
    }

    @Test("Two officers taking slots at once never get the same one", arguments: TestDatabase.backends)
    func concurrentTakesDiffer(backend: TestDatabase) async throws {
        try await Self.withSetup(backend) { setup in
            _ = try await setup.importer.importFolder(setup.folder, identity: try Self.identity(), by: "test")
            let service = setup.entry
            let taken = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<8 {
                    group.addTask { try await service.takeNext(by: .init(id: "officer-\(index)", agencyID: Self.commune))?.id }
                }
                var ids: [String?] = []
                for try await id in group { ids.append(id) }
                return ids
            }
            let slots = taken.compactMap { $0 }
            #expect(slots.count == 6 && Set(slots).count == 6)
        }
    }

    @Test("Verified records are linked by the reconciliation engine above its threshold, otherwise sent to a steward", arguments: TestDatabase.backends)
    func linking(backend: TestDatabase) async throws {
        try await Self.withSetup(backend) { setup in
            _ = try await setup.importer.importFolder(setup.folder, identity: try Self.identity(), by: "test")
            let service = setup.entry
            var unknown = try Self.birth(born: "1998-05-02", registered: "1998-05-10")
            unknown.fullName = "Phạm Quốc Việt"
            unknown.sex = .male
            for record in [try Self.birth(), unknown] {
                let slot = try #require(try await service.takeNext(by: Self.typist))
                let entered = try await service.submit(entryID: slot.id, record: record, expectedVersion: slot.version, by: Self.typist)
                _ = try await service.verify(entryID: slot.id, accept: true, reason: nil, expectedVersion: entered.version, by: Self.verifier)
            }
            let register = setup.folder.deletingLastPathComponent().appendingPathComponent("register.csv")
            try Data("""
                citizen_id,legacy_id,full_name,date_of_birth,sex,commune_code,marital_status,spouse_id,vital_status
                027198001234,,Nguyễn Thị Hoa,1998-03-14,female,09187,single,,alive
                027197004321,,Trần Văn Bình,1997-01-09,male,09187,single,,alive
                027199005678,,Lê Thị Mai,1999-07-21,female,09190,single,,alive
                027196002468,,Phạm Văn Việt,1996-12-30,male,09187,married,,alive

                """.utf8).write(to: register)
            let outcome = try await LegacyRecordLinker(registers: setup.registers).link(
                register: register, thresholds: MatchThresholds(automatic: 10, review: 5, margin: 5, conflict: 0), by: "test")
            #expect(outcome.linked == 1 && outcome.inReview == 1)
            let person = try CitizenID("027198001234")
            let linked = try await setup.registers.linkedRecords(of: person)
            #expect(linked.map(\.entry.record?.fullName) == ["Nguyễn Thị Hoa"])
            #expect(linked.first?.book.identity.year == 1998)
            let review = try await setup.registers.inReview(agencyID: Self.commune)
            #expect(review.map(\.record?.fullName) == ["Phạm Quốc Việt"])
            // A steward rejects the suggested link; the record stays out of everyone's archive.
            let rejected = try await setup.registers.decideReview(
                entryID: review[0].id, citizenID: nil, expectedVersion: review[0].version, by: "steward", note: "không phải cùng người")
            #expect(rejected.linkState == .rejected)
            #expect(try await setup.registers.inReview().isEmpty)
            // Nothing left to link: a second run changes nothing.
            let again = try await LegacyRecordLinker(registers: setup.registers).link(register: register, thresholds: nil, by: "test")
            #expect(again == LegacyRecordLinker.Outcome())
            let progress = try #require(try await setup.registers.progress(agencyID: Self.commune).first)
            #expect(progress.linked == 1 && progress.inReview == 0 && progress.verified == 2)
        }
    }
}
