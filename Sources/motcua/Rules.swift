import ArgumentParser
import Foundation
import MotCuaApp
import MotCuaDomain

/// Commands about the legal rules the platform applies.
struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain the legal rules the platform applies.", subcommands: [Explain.self])

    /// Prints how the promised date of a procedure is computed for a moment of receipt.
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the promised date of a procedure for a moment of receipt and every step of its computation.")

        @OptionGroup var common: CommonOptions

        @Option(help: "Procedure code, e.g. 1.004873.")
        var procedure: String

        @Option(help: "Moment of receipt, Vietnam local time: yyyy-MM-ddTHH:mm (e.g. 2026-12-28T16:10).")
        var received: String

        @Option(help: "Agency id of the handling body (checked against the procedure's level).")
        var agency: String?

        func run() async throws {
            let explainer = try RulesExplainer(configuration: try common.configuration())
            let result: (procedure: Procedure, agency: Agency?, explanation: DeadlineExplanation)
            do {
                result = try explainer.explain(procedureCode: procedure, received: received, agencyID: agency)
            } catch let error as RulesExplainer.InputError {
                throw ValidationError(error.description)
            }
            var heading = "\(result.procedure.code) \(result.procedure.nameVi) / \(result.procedure.nameEn)"
            if let agency = result.agency { heading += "\nCơ quan / agency: \(agency.id) \(agency.nameVi)" }
            print(result.explanation.rendered(procedure: heading))
        }
    }
}
