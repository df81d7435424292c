import Foundation
import MotCuaDomain
import MotCuaStorage

/// The complaints and petitions (PAKN) of `motcua demo populate`. Each is filed and taken through its steps by
/// the domain's `PetitionWorkflow` (deadlines from the working calendar and the bundled time limits), with the
/// history rows `SQLSatisfactionRepository.create` and `update` write for `SatisfactionService` (the same
/// actions, actors, statuses and notes, numbered from 1); the petition as it ends and its history are then
/// written in bulk with the dossiers' batch (one write per step took a minute for 20,000 dossiers).
///
/// Fates, chosen here for a plausible mix (not measured anywhere): half answered on time and published, one in
/// ten answered late, one in ten refused (one in five of those late), 8% waiting for the citizen's supplement,
/// 15% supplemented then answered and published, 7% answered but not published (overdue once its two days pass). A step falling
/// after `now` is not taken, so recent petitions are still open. Answers and summaries name no person.
struct DemoPetitions {
    let limits: SatisfactionRules.TimeLimits
    let calendar: WorkingCalendar

    private static let contents: [PetitionCategory: [String]] = [
        .procedure: [
            "Hồ sơ của tôi đã quá hạn hẹn trả kết quả nhưng chưa được thông báo lý do.",
            "Tôi bị yêu cầu bổ sung giấy tờ hai lần cho cùng một hồ sơ.",
            "Đề nghị cho biết vì sao hồ sơ nộp trực tuyến phải đến nộp lại bản giấy.",
        ],
        .conduct: [
            "Cán bộ tiếp nhận hướng dẫn không rõ ràng, tôi phải đi lại nhiều lần.",
            "Thái độ của cán bộ tại bộ phận một cửa chưa niềm nở.",
        ],
        .regulation: [
            "Đề nghị xem xét lại quy định phải có xác nhận của tổ dân phố đối với thủ tục này.",
            "Thành phần hồ sơ yêu cầu giấy tờ đã có trong cơ sở dữ liệu quốc gia về dân cư.",
        ],
    ]

    private static let answers = [
        "Cơ quan đã kiểm tra, xin lỗi công dân về sự chậm trễ và đã trả kết quả; cán bộ liên quan được nhắc nhở.",
        "Nội dung phản ánh đúng một phần; cơ quan đã điều chỉnh hướng dẫn tại bộ phận một cửa.",
        "Quy định hiện hành yêu cầu thành phần hồ sơ này; cơ quan đã chuyển kiến nghị đến cơ quan có thẩm quyền.",
    ]

    private static let summaries = [
        "Phản ánh về việc chậm trả kết quả giải quyết thủ tục hành chính.",
        "Phản ánh về hướng dẫn thành phần hồ sơ tại bộ phận một cửa.",
        "Kiến nghị sửa đổi thành phần hồ sơ của thủ tục hành chính.",
    ]

    /// Files one petition received at `received` (not after `now`) and takes the steps its fate gives; returns the
    /// petition as it stands at `now` and its history.
    func file(
        agencyID: String, dossierCode: String?, citizenID: String, received: Date, now: Date, random: inout SplitMix64
    ) throws -> (petition: Petition, history: [PetitionEvent]) {
        func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
        let categoryRoll = random.next() % 10
        let category: PetitionCategory = categoryRoll < 6 ? .procedure : (categoryRoll < 8 ? .conduct : .regulation)
        var petition = Petition(
            id: UUID(uuid: DemoPopulation.uuid(&random)).uuidString.lowercased(), agencyID: agencyID, category: category,
            dossierCode: dossierCode, citizenID: citizenID, content: pick(Self.contents[category]!), receivedAt: received, limits: limits,
            calendar: calendar)
        var history = [
            PetitionEvent(seq: 1, action: "file", actorID: "citizen", actorRole: "citizen", at: received, statusBefore: nil, statusAfter: petition.status.rawValue, note: nil)
        ]
        // A time between `from` and `due` (on time), or one to five days after `due` (late).
        func time(after from: Date, due: Date, late: Bool) -> Date {
            late
                ? due.addingTimeInterval(Double(random.next() % 5 + 1) * 86_400)
                : from.addingTimeInterval(max(60, due.timeIntervalSince(from)) * Double(random.next() % 80 + 10) / 100)
        }
        func step(_ action: PetitionAction, at: Date, by role: String) throws -> Bool {
            guard at <= now else { return false }
            let next = try PetitionWorkflow.apply(action, to: petition, at: at, limits: limits, calendar: calendar)
            let actor = action.byCitizen ? "citizen" : "demo"
            history.append(
                PetitionEvent(
                    seq: history.count + 1, action: action.name, actorID: actor, actorRole: action.byCitizen ? "citizen" : role, at: at,
                    statusBefore: petition.status.rawValue, statusAfter: next.status.rawValue, note: action.note))
            petition = next
            return true
        }
        let fate = random.next() % 100
        if fate >= 60 && fate < 70 {
            _ = try step(
                .refuse(reason: "Nội dung không thuộc phạm vi xử lý phản ánh, kiến nghị về quy định hành chính."),
                at: time(after: received, due: petition.refusalDueAt, late: fate >= 68), by: "leader")
            return (petition, history)
        }
        var answerFrom = received
        if fate >= 70 && fate < 93 {
            let requested = time(after: received, due: petition.supplementDueAt, late: false)
            guard try step(.requestSupplement(reason: "Đề nghị cung cấp mã hồ sơ và thời điểm nộp."), at: requested, by: "specialist"),
                fate >= 78
            else { return (petition, history) }
            let supplemented = requested.addingTimeInterval(Double(random.next() % 72 + 2) * 3_600)
            guard try step(.supplement(text: "Bổ sung thông tin theo đề nghị của cơ quan."), at: supplemented, by: "citizen") else { return (petition, history) }
            answerFrom = supplemented
        }
        let late = fate >= 50 && fate < 60
        guard try step(.answer(text: pick(Self.answers)), at: time(after: answerFrom, due: petition.handlingDueAt, late: late), by: "specialist")
        else { return (petition, history) }
        let answered = petition.answeredAt ?? answerFrom
        if fate < 93, let due = petition.publishDueAt {
            _ = try step(.publish(summary: pick(Self.summaries)), at: time(after: answered, due: due, late: random.next() % 10 == 0), by: "specialist")
        }
        // Seven in ten filers say whether the answer satisfied them; one in four of those (more after a late answer) did not.
        if random.next() % 10 < 7 {
            let dissatisfied = random.next() % 100 < (late ? 50 : 25)
            _ = try step(.feedback(satisfied: !dissatisfied), at: (petition.publishedAt ?? answered).addingTimeInterval(Double(random.next() % 96 + 1) * 3_600), by: "citizen")
        }
        return (petition, history)
    }
}
