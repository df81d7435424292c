import ArgumentParser
import Foundation
import MotCuaApp
import MotCuaDomain
import MotCuaReconciliation
import MotCuaStorage

/// `motcua legacy import|progress|link`: legacy paper civil-status registers.
struct Legacy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Legacy paper civil-status registers: import scanned books, follow progress, link verified records to people.",
        subcommands: [Import.self, Progress.self, Link.self, Sample.self])

    /// Prints a refusal precisely and exits 2 (bad input), as the other commands do for their input.
    static func refuse(_ error: LegacyRegisterError) -> ExitCode {
        FileHandle.standardError.write(Data("motcua legacy: \(error.description)\n".utf8))
        return ExitCode(2)
    }

    static var actor: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "officer") }

    /// `legacy import <folder>`: one book, all or nothing.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a scanned register book from a folder (or a ZIP file) of page images with manifest.csv or manifest.json.",
            discussion: """
                See docs/legacy-registers.md for the manifest. Every image is checked by content (JPEG or PNG) before \
                anything is stored; the book, its pages and its entry slots are written in one transaction. A book \
                imported already (same identity, or the same pages) is refused; an interrupted import can be run again.
                """)

        @Argument(help: "Folder holding the page images and the manifest.") var path: String
        @Option(help: "Agency (commune) that kept the register, e.g. xa-09187.") var commune: String
        @Option(help: "Register kind: birth, marriage or death.") var kind: String
        @Option(help: "Book label as on its cover.") var book: String
        @Option(help: "Volume inside the book, if any.") var volume = ""
        @Option(help: "Year of the register.") var year: Int
        @Flag(help: "No progress line.") var quiet = false
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let registerKind = RegisterKind(rawValue: kind) else { throw ValidationError("--kind must be birth, marriage or death") }
            let identity: RegisterBookIdentity
            do {
                identity = try RegisterBookIdentity(agencyID: commune, kind: registerKind, book: book, volume: volume, year: year)
            } catch {
                throw Legacy.refuse(error)
            }
            let configuration = try common.configuration()
            let started = Date()
            let quiet = quiet
            let folder = URL(fileURLWithPath: path)
            do {
                let imported = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                    try await platform.migrate()
                    guard platform.reference.agencies.agency(id: identity.agencyID) != nil else {
                        throw LegacyRegisterError.invalid(field: "commune", message: "no agency \(identity.agencyID)")
                    }
                    let importer = LegacyRegisterImporter(blobs: try platform.documentBlobs(), registers: platform.legacyRegisters)
                    return try await importer.importBook(at: folder, identity: identity, by: Legacy.actor) { phase, done, total in
                        guard !quiet else { return }
                        FileHandle.standardError.write(Data("\r\(phase.rawValue): \(done)/\(total)   ".utf8))
                    }
                }
                if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                print("imported \(imported.identity.label) as book \(imported.id): \(imported.pages) pages, \(imported.entries) entries in \(seconds) s")
            } catch let error as LegacyRegisterError {
                if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
                throw Legacy.refuse(error)
            }
        }
    }

    /// `legacy progress`: per book and per commune.
    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pages and entries entered, verified, linked and in review, per book and commune.")

        @Option(help: "Only this agency (commune).") var commune: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration()
            let commune = commune
            let books = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                return try await platform.legacyRegisters.progress(agencyID: commune)
            }
            print("commune\tkind\tbook\tvolume\tyear\tpages\tentries\tentered\tverified\tlinked\tin_review\tbook_id")
            for item in books {
                let b = item.book
                print("\(b.identity.agencyID)\t\(b.identity.kind.rawValue)\t\(b.identity.book)\t\(b.identity.volume)\t\(b.identity.year)\t\(b.pages)\t\(b.entries)\t\(item.entered)\t\(item.verified)\t\(item.linked)\t\(item.inReview)\t\(b.id)")
            }
            for (agency, items) in Dictionary(grouping: books, by: \.book.identity.agencyID).sorted(by: { $0.key < $1.key }) {
                let sum = { (value: (LegacyBookProgress) -> Int) in items.reduce(0) { $0 + value($1) } }
                print("total \(agency): \(items.count) books, \(sum { $0.book.pages }) pages, \(sum { $0.book.entries }) entries, \(sum(\.entered)) entered, \(sum(\.verified)) verified, \(sum(\.linked)) linked, \(sum(\.inReview)) in review")
            }
        }
    }

    /// `legacy link`: verified records to the register with the reconciliation engine.
    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link verified records to the population register (automatic above the threshold, otherwise a review item).")

        @Option(help: "Population register CSV (as `motcua registry export` writes it).") var register: String
        @Option(help: "Only this book (id from `legacy progress`).") var book: String?
        @Option(help: "Automatic-link threshold in bits; with --review. Default: calibrated by the engine on the run.") var automatic: Double?
        @Option(help: "Review threshold in bits.") var review: Double?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let thresholds: MatchThresholds?
            switch (automatic, review) {
            case (let automatic?, let review?): thresholds = MatchThresholds(automatic: automatic, review: review, margin: 5, conflict: 0)
            case (nil, nil): thresholds = nil
            default: throw ValidationError("give both --automatic and --review, or neither")
            }
            let configuration = try common.configuration()
            let register = URL(fileURLWithPath: register)
            let book = book
            let outcome = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                return try await LegacyRecordLinker(registers: platform.legacyRegisters)
                    .link(register: register, bookID: book, thresholds: thresholds, by: Legacy.actor)
            }
            print("linked \(outcome.linked), in review \(outcome.inReview)")
        }
    }

    /// `legacy sample <folder>`: a synthetic book to try the import on (and the benchmark's input).
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a synthetic scanned book (PNG pages and manifest.csv) into a folder.")

        @Argument(help: "Folder to write.") var path: String
        @Option(help: "Pages.") var pages = 10
        @Option(help: "Entries per page.") var entries = 20
        @Option(help: "Text drawn on each page (makes books differ).") var label = "khai sinh"

        func run() throws {
            guard (1...RegisterManifest.maximumPages).contains(pages), (1...RegisterManifest.maximumEntriesPerPage).contains(entries) else {
                throw ValidationError("--pages must be 1–\(RegisterManifest.maximumPages) and --entries 1–\(RegisterManifest.maximumEntriesPerPage)")
            }
            try LegacySampleBook.write(to: URL(fileURLWithPath: path), pages: pages, entriesPerPage: entries, label: label)
            print("wrote \(pages) pages of \(entries) entries to \(path)")
        }
    }
}
