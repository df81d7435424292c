import ArgumentParser
import Foundation
import MotCuaApp
import MotCuaDomain

/// Account administration: how a production instance gets its first administrator.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage officials' accounts (passwords are read from standard input).",
        subcommands: [Create.self, Disable.self, ResetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; the password (at least 12 characters) is read from standard input.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Login name.") var username: String
        @Option(help: "Full name, as shown in histories.") var fullName: String
        @Option(help: "Agency id (GET /api/v1/agencies).") var agency: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role = Role.agencyAdministrator.rawValue

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("--role: unknown role '\(role)'") }
            let configuration = try common.configuration()
            let password = try readPassword()
            try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                try await AccountAdministration(platform: platform).create(
                    username: username, fullName: fullName, agencyID: agency, role: role, password: password)
            }
            print("Created \(username) (\(role.rawValue)) at \(agency).")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account; its sessions end.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Login name.") var username: String

        func run() async throws {
            let configuration = try common.configuration()
            try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                try await AccountAdministration(platform: platform).disable(username: username)
            }
            print("Disabled \(username); its sessions have ended.")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password (read from standard input); the account's sessions end.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Login name.") var username: String

        func run() async throws {
            let configuration = try common.configuration()
            let password = try readPassword()
            try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                try await AccountAdministration(platform: platform).resetPassword(username: username, password: password)
            }
            print("Password of \(username) changed; its sessions have ended.")
        }
    }
}

/// One line from standard input, never from the command line (where `ps` and shell history would show it).
/// On a terminal the input is not echoed.
private func readPassword() throws -> String {
    let terminal = isatty(STDIN_FILENO) == 1
    var saved = termios()
    if terminal {
        FileHandle.standardError.write(Data("Password: ".utf8))
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
    }
    defer {
        if terminal {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError("expected the password on standard input")
    }
    return line
}
