import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// Scanned components over HTTP: upload at the counter and online, the component becomes provided, the
/// download returns the same bytes and is logged for the applicant; every refusal is precise and leaves nothing.
@Suite("Scanned documents: upload, download, refusals")
struct DocumentUploadTests {
    static let unknownName = "Nguyễn Văn Thử"

    /// A counter receipt of a birth registration for someone the population register does not know: the
    /// requester's identity, which the State would have supplied, becomes missing and must be scanned.
    static func receiveUnknownApplicant(_ s: Scenario) async throws -> DossierJSON {
        let response = try await s.reception.call(
            .post, "/api/v1/dossiers", json: s.birthRequest(citizenID: RegistryPeople.unknownID, name: unknownName))
        #expect(response.status == .created, "\(response.body)")
        return try s.reception.decode(DossierJSON.self, response.body)
    }

    /// Files under the document directory, the spool directory included (a refusal must leave none).
    static func storedFiles(_ configuration: AppConfiguration) throws -> [String] {
        let root = configuration.documentDirectory
        return try FileManager.default.subpathsOfDirectory(atPath: root).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    @Test("A reception officer uploads a PDF, a PNG and a JPEG; the component is provided and no longer blocks approval; downloads return the same bytes and are logged", arguments: TestDatabase.backends)
    func uploadAndDownload(backend: TestDatabase) async throws {
        try await withApp(backend) { raw, configuration in
            let s = try await Scenario(raw)
            var dossier = try await Self.receiveUnknownApplicant(s)
            #expect(dossier.component("requester_id")?.state == "missing")
            let pdf = ScanSamples.pdf(pages: 2)
            let png = try ScanSamples.png()
            let jpeg = try ScanSamples.jpeg()

            let filed = try await s.reception.upload(dossier.code, component: "requester_id", pdf, fileName: "can-cuoc.pdf")
            #expect(filed.status == .created, "\(filed.body)")
            let document = try s.reception.decode(DocumentJSON.self, filed.body)
            #expect(document.mediaType == "application/pdf" && document.pages == 2 && document.size == pdf.count && document.width == nil)
            #expect(document.component == "requester_id" && document.dossierCode == dossier.code && document.digitisedBy == "official")
            #expect(document.sha256.count == 64)

            let image = try await s.reception.upload(dossier.code, component: "declaration", png, contentType: "image/png")
            #expect(image.status == .created, "\(image.body)")
            let qr = try s.reception.decode(DocumentJSON.self, image.body)
            #expect(qr.mediaType == "image/png" && qr.pages == 1 && qr.width != nil && qr.width == qr.height)
            let photo = try await s.reception.upload(dossier.code, component: "birth_certificate", jpeg, contentType: "application/octet-stream", fileName: "to-khai.JPG")
            #expect(photo.status == .created, "\(photo.body)")
            let scanned = try s.reception.decode(DocumentJSON.self, photo.body)
            #expect(scanned.mediaType == "image/jpeg" && scanned.width == 120 && scanned.height == 80)

            // The component points at the document; the history records who filed what, without personal data.
            dossier = try s.reception.decode(DossierJSON.self, try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)").body)
            #expect(dossier.component("requester_id")?.state == "provided")
            #expect(dossier.component("requester_id")?.reference == "document:" + document.id)
            #expect(dossier.component("birth_certificate")?.reference == "document:" + scanned.id)
            let history = try s.reception.decode([HistoryJSON].self, try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/history").body)
            let uploads = history.filter { $0.action == "digitise_component" }
            #expect(uploads.count == 3)
            #expect(uploads.first?.actorId == "kinhbac.tiepnhan")
            #expect(uploads.first?.note?.contains(document.sha256) == true && uploads.first?.note?.contains("requester_id") == true)
            #expect(!uploads.contains { ($0.note ?? "").contains(RegistryPeople.unknownID) || ($0.note ?? "").contains(Self.unknownName) })

            // Listed in order, downloaded byte for byte as an attachment that browsers must not sniff.
            let listed = try s.specialist.decode([DocumentJSON].self, try await s.specialist.call(.get, "/api/v1/dossiers/\(dossier.code)/documents").body)
            // Oldest first; the test clock stands still, so the three share one instant and only the set is fixed.
            #expect(Set(listed.map(\.id)) == [document.id, qr.id, scanned.id])
            for (item, bytes) in [(document, pdf), (qr, png), (scanned, jpeg)] {
                let download = try await s.specialist.download(dossier.code, id: item.id)
                #expect(download.status == .ok)
                #expect(download.bytes == bytes)
                #expect(download.headers[.contentType] == item.mediaType)
                #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=") == true, "\(download.headers)")
                #expect(download.headers[.xContentTypeOptions] == "nosniff")
            }
            let named = try await s.specialist.download(dossier.code, id: document.id)
            #expect(named.headers[.contentDisposition] == "attachment; filename=\"requester_id-\(document.id.prefix(8)).pdf\"")
            #expect(try await s.specialist.download(dossier.code, id: UUID().uuidString).status == .notFound)
            #expect(try await s.specialist.download(dossier.code, id: "not-a-uuid").status == .notFound)

            // Every download is in the access log, under the applicant, with who and why.
            let auditor = try await s.anonymous.signedIn("hcc.thanhtra")
            let log = try auditor.decode(
                AccessLogJSON.self, try await auditor.call(.get, "/api/v1/access-log?registry=document_archive&subject=\(RegistryPeople.unknownID)").body)
            #expect(log.items.count == 4)  // three downloads, and the PDF a second time for its name
            #expect(log.items.allSatisfy { $0.actorId == "kinhbac.chuyenvien" && $0.purposeReference == dossier.code && $0.fields == ["scanned_document"] })
            #expect(Set(log.items.map(\.requestId)) == Set([document.id, qr.id, scanned.id]))
            // A client that accepts only JSON gets 406, not a server error.
            let json = try await s.specialist.call(.get, "/api/v1/dossiers/\(dossier.code)/documents/\(document.id)", headers: [.accept: "application/json"])
            #expect(json.status == .notAcceptable, "\(json.body)")

            // The scan satisfies the approval guard's component rule: what still blocks is the register's flag only.
            dossier = try #require(try await s.reception.transition(dossier.code, "assign", version: dossier.version, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            // The handling specialist may add a scan too; the version moves with it.
            let byHandler = try await s.specialist.upload(dossier.code, component: "birth_certificate", ScanSamples.pdf(pages: 1))
            #expect(byHandler.status == .created, "\(byHandler.body)")
            dossier = try #require(try await s.specialist.transition(dossier.code, "appraise", version: dossier.version + 1, extra: #","opinion":"Đủ""#))
            let blocked = try await s.leader.call(
                .post, "/api/v1/dossiers/\(dossier.code)/transitions", json: #"{"action":"approve","version":\#(dossier.version)}"#)
            #expect(blocked.status == .conflict)
            #expect(blocked.body.contains("flag not_in_population_register") && !blocked.body.contains("component "), "\(blocked.body)")
            let override = #","overrideReason":"Đã đối chiếu giấy tờ gốc tại quầy""#
            dossier = try #require(try await s.leader.transition(dossier.code, "approve", version: dossier.version, extra: override))
            #expect(dossier.step == "signature")
            dossier = try #require(try await s.leader.transition(dossier.code, "stop", version: dossier.version, extra: #","reason":"Dừng để thử""#))
            #expect(dossier.status.name == "stopped")
            // Processing has ended: no more scans.
            let late = try await s.reception.upload(dossier.code, component: "requester_id", pdf)
            #expect(late.status == .conflict, "\(late.body)")
            #expect(try Self.storedFiles(configuration).count == 4)
        }
    }

    @Test("Refusals: a type lie, an empty, oversized, truncated, encrypted or undecodable file, an unknown component, another's dossier, a wrong role; nothing is stored", arguments: TestDatabase.backends)
    func refusals(backend: TestDatabase) async throws {
        try await withApp(backend, configure: { $0.maximumUploadBytes = 64 * 1024 }) { raw, configuration in
            let s = try await Scenario(raw)
            let dossier = try await s.receiveBirth()
            let pdf = ScanSamples.pdf(pages: 1)
            let png = try ScanSamples.png()
            func refused(
                _ bytes: [UInt8], contentType: String? = "application/pdf", fileName: String? = nil, component: String = "birth_certificate",
                as client: Client? = nil
            ) async throws -> (status: Int, slug: String, body: String) {
                let response = try await (client ?? s.reception).upload(dossier.code, component: component, bytes, contentType: contentType, fileName: fileName)
                let slug = (try? JSONDecoder().decode(ProblemSlug.self, from: Data(response.body.utf8)))?.type.split(separator: "/").last.map(String.init) ?? ""
                return (response.status.code, slug, response.body)
            }

            let lie = try await refused(png, contentType: "application/pdf")
            #expect(lie.status == 415 && lie.slug == "document-type-mismatch", "\(lie.body)")
            #expect(lie.body.contains("PNG") && lie.body.contains("PDF"))
            let named = try await refused(pdf, contentType: "application/octet-stream", fileName: "scan.png")
            #expect(named.status == 415 && named.slug == "document-type-mismatch", "\(named.body)")
            let disagree = try await refused(pdf, contentType: "application/pdf", fileName: "scan.png")
            #expect(disagree.status == 415 && disagree.body.contains("fileName"), "\(disagree.body)")
            let word = try await refused(Array("Tờ khai".utf8), contentType: "application/octet-stream", fileName: "to-khai.docx")
            #expect(word.status == 415 && word.slug == "document-unsupported-type", "\(word.body)")
            let text = try await refused(Array("hello".utf8), contentType: "text/plain")
            #expect(text.status == 415, "\(text.body)")
            let notScan = try await refused(Array("hello".utf8), contentType: "application/octet-stream")
            #expect(notScan.status == 415 && notScan.slug == "document-unsupported-type", "\(notScan.body)")
            let empty = try await refused([])
            #expect(empty.status == 422 && empty.slug == "document-empty", "\(empty.body)")
            let oversized = try await refused(ScanSamples.pdf(pages: 1, filler: 100 * 1024))
            #expect(oversized.status == 413 && oversized.body.contains("65536"), "\(oversized.body)")
            let truncated = try await refused(Array(pdf.dropLast(40)))
            #expect(truncated.status == 422 && truncated.slug == "document-truncated", "\(truncated.body)")
            let encrypted = try await refused(try ScanSamples.sample("ghostscript-encrypted.pdf"))
            #expect(encrypted.status == 422 && encrypted.slug == "document-encrypted", "\(encrypted.body)")
            var broken = png
            broken[broken.count / 2] ^= 0xFF
            let undecodable = try await refused(broken, contentType: "image/png")
            #expect(undecodable.status == 422 && undecodable.slug == "document-damaged", "\(undecodable.body)")
            let unknown = try await refused(pdf, component: "no_such_component")
            #expect(unknown.status == 422 && unknown.body.contains("no_such_component"), "\(unknown.body)")
            let otherAgency = try await refused(pdf, as: try await s.anonymous.signedIn("hcc.tiepnhan"))
            #expect(otherAgency.status == 404, "\(otherAgency.body)")
            let leader = try await refused(pdf, as: s.leader)
            #expect(leader.status == 403, "\(leader.body)")
            // A specialist of the agency who does not handle the dossier (none is assigned yet).
            let notHandler = try await refused(pdf, as: s.specialist)
            #expect(notHandler.status == 403, "\(notHandler.body)")
            let anonymous = try await refused(pdf, as: s.anonymous)
            #expect(anonymous.status == 401, "\(anonymous.body)")

            // Nothing was written: no document, no file (no spooled part either), no change to the dossier.
            #expect(try Self.storedFiles(configuration).isEmpty)
            let listed = try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/documents")
            #expect(listed.status == .ok && listed.body == "[]")
            let after = try s.reception.decode(DossierJSON.self, try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)").body)
            #expect(after.version == dossier.version && after.component("birth_certificate")?.reference == "scan-birth_certificate")
            // JSON requests keep their own limit: the upload limit does not widen it.
            let big = String(repeating: "a", count: configuration.maximumBodyBytes + 1)
            #expect(try await s.reception.call(.post, "/api/v1/dossiers", json: big).status == .contentTooLarge)
        }
    }

    @Test("A body streamed past the limit without Content-Length is stopped there, and its spool file removed")
    func spoolStopsAtTheLimit() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-spool-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let chunks = AsyncThrowingStream<ArraySlice<UInt8>, any Error> { continuation in
            for _ in 0..<10 { continuation.yield([UInt8](repeating: 0x25, count: 4096)[...]) }
            continuation.finish()
        }
        await #expect(throws: DocumentCheckError.uploadTooLarge(limit: 10_000)) {
            try await UploadSpool.receive(chunks, into: directory, maximumBytes: 10_000)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        let fits = AsyncThrowingStream<ArraySlice<UInt8>, any Error> { continuation in
            for _ in 0..<2 { continuation.yield([UInt8](repeating: 0x25, count: 4096)[...]) }
            continuation.finish()
        }
        let spooled = try await UploadSpool.receive(fits, into: directory, maximumBytes: 10_000)
        let written = try Data(contentsOf: spooled.file)
        #expect(spooled.size == 8192 && written.count == 8192)
        // Left behind by a stopped process: removed once old enough, not while it may still be written.
        #expect(UploadSpool.removeAbandoned(in: directory, olderThan: 3_600) == 0)
        #expect(UploadSpool.removeAbandoned(in: directory, olderThan: 3_600, now: Date().addingTimeInterval(7_200)) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("A citizen uploads a scan of their own online dossier; others cannot; the downloads show in 'who used my data'", arguments: TestDatabase.backends)
    func citizenUpload(backend: TestDatabase) async throws {
        let person = RegistryPeople.singleAdult
        try await EIDSandbox.run { eid in
            try await withApp(backend, eid: eid.relyingParty) { raw, _ in
                let s = try await Scenario(raw)
                let citizen = try await citizenClient(raw, person)
                let submitted = try await citizen.call(.post, "/api/v1/dossiers", json: CitizenOnlineTests.birthRequest(person))
                #expect(submitted.status == .created, "\(submitted.body)")
                let dossier = try citizen.decode(DossierJSON.self, submitted.body)
                let png = try ScanSamples.png()
                let filed = try await citizen.upload(dossier.code, component: "birth_certificate", png, contentType: "image/png", fileName: "giấy chứng sinh.png")
                #expect(filed.status == .created, "\(filed.body)")
                let document = try citizen.decode(DocumentJSON.self, filed.body)
                #expect(document.digitisedBy == "citizen")
                let history = try citizen.decode([HistoryJSON].self, try await citizen.call(.get, "/api/v1/dossiers/\(dossier.code)/history").body)
                let entry = try #require(history.first { $0.action == "digitise_component" })
                #expect(!entry.actorId.contains(person.citizenID.value))

                // Another citizen sees nothing; a level-1 account may not file scans.
                let other = try await citizenClient(raw, RegistryPeople.insured)
                #expect(try await other.upload(dossier.code, component: "birth_certificate", png, contentType: "image/png").status == .notFound)
                #expect(try await other.download(dossier.code, id: document.id).status == .notFound)
                let levelOne = try await citizenClient(raw, person, level: 1)
                #expect(try await levelOne.upload(dossier.code, component: "birth_certificate", png, contentType: "image/png").status == .forbidden)

                // The counter downloads it, then the citizen: both are in the citizen's log.
                #expect(try await s.reception.download(dossier.code, id: document.id).bytes == png)
                #expect(try await levelOne.download(dossier.code, id: document.id).bytes == png)
                let access = try await citizen.call(.get, "/api/v1/citizen/data-access")
                #expect(access.status == .ok)
                let items = try citizen.decode(DataAccessPageJSON.self, access.body).items.filter { $0.registryEn == "MotCua's digital archive" }
                #expect(items.count == 2, "\(access.body)")
                #expect(items.contains { $0.whoEn.contains("reception officer") && $0.purposeEn.contains(dossier.code) })
                #expect(items.contains { $0.whoEn == "you" })
            }
        }
    }
}

struct ProblemSlug: Decodable {
    let type: String
}

struct AccessLogJSON: Decodable {
    struct Item: Decodable {
        let actorId: String
        let purposeReference: String
        let fields: [String]
        let requestId: String
    }

    let items: [Item]
}

struct DataAccessPageJSON: Decodable {
    struct Item: Decodable {
        let registryEn: String
        let whoEn: String
        let purposeEn: String
    }

    let items: [Item]
}
