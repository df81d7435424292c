import ArgumentParser
import Foundation
import MotCuaApp
import MotCuaDomain
import MotCuaStorage

/// Audit commands.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit the records.", subcommands: [Verify.self])

    /// Recomputes every dossier's hash chain.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every dossier history hash chain and check its keyed seals; name the first broken link. Exits 1 on damage.",
            discussion: """
                The seals are HMAC-SHA256 under the history key (MOTCUA_HISTORY_KEY_FILE; the demo's is var/keys/history.key), \
                kept outside the database: a chain rewritten consistently with plain SHA-256 by someone with database rights \
                is still detected. Chains older than the key are vouched for by an anchor made when the key was introduced.
                """)

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration()
            let audit = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                return try await platform.dossiers.verifyHistory(seal: platform.historySeal, progress: nil)
            }
            print("Checked \(audit.dossiersChecked) dossiers, \(audit.entriesChecked) history entries.")
            if audit.breaks.isEmpty {
                print("OK: every chain verifies.")
                return
            }
            for item in audit.breaks {
                print("BROKEN \(item.code): entry \(item.chainBreak.sequence): \(item.chainBreak.reason)")
            }
            throw ExitCode(1)
        }
    }
}
