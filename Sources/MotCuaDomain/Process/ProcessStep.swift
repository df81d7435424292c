/// The five steps of the electronic process, in order.
public enum ProcessStep: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// Online or counter receipt (tiếp nhận).
    case receipt
    /// Appraisal by a specialist (thẩm định).
    case appraisal
    /// Approval by a leader (phê duyệt).
    case approval
    /// Signature of the result (ký số). Until cryptographic signing exists it records the leader's sign-off.
    case signature
    /// Result delivery (trả kết quả).
    case delivery

    /// Position in the process, starting at 0.
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: ProcessStep, rhs: ProcessStep) -> Bool { lhs.index < rhs.index }
}
