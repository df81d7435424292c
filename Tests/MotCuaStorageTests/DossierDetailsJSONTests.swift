import Foundation
import MotCuaDomain
import Testing

@testable import MotCuaStorage

/// The hand-written `details` column against `JSONEncoder` on the same values: both must decode to the same
/// details, whatever the text holds.
@Suite("The details column written by hand")
struct DossierDetailsJSONTests {
    /// Texts a form or a catalogue may hold: Vietnamese, quotes, backslashes, slashes, control characters, emoji.
    static let awkwardTexts = [
        "", "Nguyễn Minh Khôi", "say \"hi\"", #"C:\path\to"#, "a/b</script>", "line\nbreak\r\ttab", "\u{01}\u{1F}\u{7F}",
        "🇻🇳 ≠ 1", "trailing \\",
    ]

    static func dossier(seed: Int) -> Dossier {
        var random = SQLIndexRepositoryTests.SplitMix(state: UInt64(seed))
        func text() -> String { awkwardTexts[Int.random(in: 0..<awkwardTexts.count, using: &random)] }
        let states: [DossierComponent.State] = [.provided, .missing, .pendingVerification, .fromRegistry, .notApplicable, .reused]
        let components = (0..<Int.random(in: 0...4, using: &random)).map { index in
            DossierComponent(
                code: "c\(index)" + text(), nameVi: text(), nameEn: text(), required: Bool.random(using: &random),
                registrySource: Bool.random(using: &random) ? RegistrySource.allCases.randomElement(using: &random) : nil,
                state: states.randomElement(using: &random)!, reference: Bool.random(using: &random) ? text() : nil,
                verifiedAt: Bool.random(using: &random) ? Date(timeIntervalSince1970: Double.random(in: 1.6e9...1.9e9, using: &random)) : nil,
                reusedItem: Bool.random(using: &random)
                    ? ArchivedResult(id: text(), type: .marriageCertificate, registerNumber: text(), issuedOn: LocalDate(year: 2024, month: 2, day: 29))
                    : nil)
        }
        var formData: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...5, using: &random) { formData[text() + String(formData.count)] = text() }
        var deadlines: [ProcessStep: Date] = [:]
        for step in ProcessStep.allCases where Bool.random(using: &random) {
            deadlines[step] = Date(timeIntervalSince1970: Double(Int.random(in: 1_700_000_000_000...1_900_000_000_000, using: &random)) / 1000)
        }
        let flags = Bool.random(using: &random)
            ? [DossierFlag(kind: .nameMismatch, registry: .population, subject: text(), messageVi: text(), messageEn: text())] : []
        return Dossier(
            id: UUID(), code: "X-261207-0001", procedureCode: "1.001193", agencyID: "xa-09187", receivingAgencyID: "xa-09187",
            applicantID: try! CitizenID("027191599874"), applicantName: "Nguyễn Khánh Quyên", channel: .counter, formData: formData,
            components: components, flags: flags, status: .submitted, step: .receipt, submittedAt: Date(), stepDeadlines: deadlines,
            pausedOfficeMinutes: Bool.random(using: &random) ? Int.random(in: 1...10_000, using: &random) : 0)
    }

    /// What `JSONEncoder` wrote for the same dossier before the column was written by hand.
    static func reference(_ dossier: Dossier) throws -> Data {
        try JSONEncoder().encode(
            DossierRow.Details(
                formData: dossier.formData, components: dossier.components,
                stepDeadlines: dossier.stepDeadlines.reduce(into: [:]) { $0[$1.key.rawValue] = HashChain.milliseconds($1.value) },
                flags: dossier.flags.isEmpty ? nil : dossier.flags,
                pausedOfficeMinutes: dossier.pausedOfficeMinutes == 0 ? nil : dossier.pausedOfficeMinutes))
    }

    @Test("Decodes to the same details as JSONEncoder's output, over 500 varied dossiers")
    func sameAsJSONEncoder() throws {
        for seed in 0..<500 {
            let dossier = Self.dossier(seed: seed)
            let written = try DossierDetailsJSON.encode(dossier)
            let mine = try JSONDecoder().decode(DossierRow.Details.self, from: Data(written.utf8))
            let theirs = try JSONDecoder().decode(DossierRow.Details.self, from: Self.reference(dossier))
            #expect(mine.formData == theirs.formData, "seed \(seed)")
            #expect(mine.components == theirs.components, "seed \(seed)")
            #expect(mine.stepDeadlines == theirs.stepDeadlines, "seed \(seed)")
            #expect(mine.flags == theirs.flags, "seed \(seed)")
            #expect(mine.pausedOfficeMinutes == theirs.pausedOfficeMinutes, "seed \(seed)")
            #expect(mine.components == dossier.components, "seed \(seed): a component did not survive the round trip")
        }
    }

    @Test("Is valid JSON in the compact form the index's SQL predicates match")
    func compactForm() throws {
        var dossier = Self.dossier(seed: 1)
        dossier.components = [
            DossierComponent(
                code: "parents_marriage", nameVi: "Giấy chứng nhận kết hôn", nameEn: "Marriage certificate", required: false,
                registrySource: .civilStatus, state: .reused, reference: "result:abc",
                reusedItem: ArchivedResult(id: "abc", type: .marriageCertificate))
        ]
        let written = try DossierDetailsJSON.encode(dossier)
        #expect(try JSONSerialization.jsonObject(with: Data(written.utf8)) is [String: Any])
        #expect(written.contains(#""state":"reused""#))
        #expect(!written.contains(": "))
    }
}
