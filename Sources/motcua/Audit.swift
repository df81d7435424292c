import ArgumentParser
import Foundation
import MotCuaApp
import MotCuaDomain
import MotCuaStorage

/// Audit commands.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit the records.", subcommands: [Verify.self, RotateHistoryKey.self])

    /// Recomputes every dossier's hash chain.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every dossier history hash chain, check its keyed seals and the checkpoints kept outside the database; name the first broken link. Exits 1 on damage.",
            discussion: """
                The seals are HMAC-SHA256 under the history key (MOTCUA_HISTORY_KEY_FILE; the demo's is var/keys/history.key), \
                kept outside the database: a chain rewritten consistently with plain SHA-256 by someone with database rights \
                is still detected. The checkpoint journals (MOTCUA_HISTORY_CHECKPOINT_DIR) record the heads the chains reached, \
                so entries removed from the end of a chain, or a dossier deleted with its history, are detected too.
                """)

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration()
            let audit = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                return try await platform.dossiers.verifyHistory(
                    seal: platform.historySeal, checkpoints: try await platform.historyCheckpoints(), progress: nil)
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

    /// Moves everything the history key vouches for onto the key that now seals.
    struct RotateHistoryKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-history-key",
            abstract: "After a new history key was put in place, vouch for every chain and checkpoint with it, so the old key can be dropped.",
            discussion: """
                1. Put the new key in MOTCUA_HISTORY_KEY_FILE and the old one in MOTCUA_HISTORY_PREVIOUS_KEY_FILES; restart the nodes. \
                2. Run this command: it verifies every chain with both keys (and refuses if anything is broken), anchors each chain's \
                head with the new key, and carries the old journals' checkpoints into a journal kept with the new key (the old \
                files are renamed *.retired). 3. Remove MOTCUA_HISTORY_PREVIOUS_KEY_FILES and restart.
                """)

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration()
            let outcome = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                return try await platform.rotateHistoryKey()
            }
            switch outcome {
            case .refused(let breaks):
                for item in breaks {
                    print("BROKEN \(item.code): entry \(item.chainBreak.sequence): \(item.chainBreak.reason)")
                }
                print("Refused: the history does not verify with the key ring; nothing was vouched for with the new key.")
                throw ExitCode(1)
            case .rotated(let key, let anchored, let carried, let retired):
                print("Anchored \(anchored) chain heads with key \(key).")
                print("Carried \(carried) checkpointed heads into a journal kept with it; retired \(retired) journals (renamed *.retired).")
                print("The previous keys can now leave MOTCUA_HISTORY_PREVIOUS_KEY_FILES.")
            }
        }
    }
}
