import ArgumentParser
import Foundation
import MotCuaApp

/// The provincial CA administrator's commands: leaders' signing certificates.
struct Signing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issue, list and revoke leaders' signing certificates (provincial CA).",
        subcommands: [Issue.self, List.self, Revoke.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a signing certificate to a leader; the key is stored sealed.")

        @OptionGroup var common: CommonOptions
        @Option(help: "The leader's login name.") var username: String

        func run() async throws {
            let configuration = try common.configuration()
            let summary = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                return try await SigningAdministration(platform: platform).issue(username: username)
            }
            print("Issued certificate \(summary.serial) to \(username), valid until \(ISO8601DateFormatter().string(from: summary.notAfter)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a leader's certificates, newest first.")

        @OptionGroup var common: CommonOptions
        @Option(help: "The leader's login name.") var username: String

        func run() async throws {
            let configuration = try common.configuration()
            let list = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                return try await SigningAdministration(platform: platform).list(username: username)
            }
            let format = ISO8601DateFormatter()
            for item in list {
                print("\(item.serial)  until \(format.string(from: item.notAfter))  \(item.revokedAt.map { "revoked " + format.string(from: $0) } ?? "valid")")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a certificate for good; it appears in /crl.pem and signing with it is refused.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Certificate serial (hexadecimal).") var serial: String
        @Option(help: "RFC 5280 reason: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn.")
        var reason = "unspecified"

        func run() async throws {
            let configuration = try common.configuration()
            try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                try await SigningAdministration(platform: platform).revoke(serial: serial, reason: reason)
            }
            print("Revoked certificate \(serial).")
        }
    }
}
