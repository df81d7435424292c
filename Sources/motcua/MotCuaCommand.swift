import ArgumentParser

/// `motcua`: runs the one-stop platform and its batch tasks.
@main
struct MotCuaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motcua",
        abstract: "MotCua — nền tảng một cửa điện tử / the one-stop public administration platform.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Admin.self, Audit.self, Reconcile.self, Registry.self, Bench.self, Rules.self, Signing.self, Indicators.self, Legacy.self, Demo.self],
        defaultSubcommand: Serve.self)
}
