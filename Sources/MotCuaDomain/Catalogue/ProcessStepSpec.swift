/// One step of a procedure's electronic process: who performs it and what part of the time limit it gets.
public struct ProcessStepSpec: Sendable, Hashable, Codable {
    public let step: ProcessStep
    public let role: Role
    /// Fraction of the procedure's time limit allotted to this step (all steps sum to 1).
    public let share: Double

    public init(step: ProcessStep, role: Role, share: Double) {
        self.step = step
        self.role = role
        self.share = share
    }

    /// The role that must perform each step; the catalogue rejects any other pairing.
    public static func expectedRole(for step: ProcessStep) -> Role {
        switch step {
        case .receipt: .receptionOfficer
        case .appraisal: .specialist
        case .approval, .signature: .leader
        case .delivery: .resultClerk
        }
    }
}
