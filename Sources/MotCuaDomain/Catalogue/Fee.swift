/// The fee or charge of a procedure, in Vietnamese đồng.
///
/// `amountVND` is the amount for a paper dossier at the counter; reductions (online submission, exempt
/// groups) and any doubt about the amount are stated in the notes rather than guessed.
public struct Fee: Sendable, Hashable, Codable {
    public let amountVND: Int
    public let noteVi: String?
    public let noteEn: String?

    public init(amountVND: Int, noteVi: String? = nil, noteEn: String? = nil) {
        self.amountVND = amountVND
        self.noteVi = noteVi
        self.noteEn = noteEn
    }
}
