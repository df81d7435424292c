import Foundation
import MotCuaDomain
import Testing

/// The pace model, the "will be late" forecast with its backtest, and the operations board, on hand-made cases.
@Suite("Operations centre: pace model, forecast, board")
struct OperationsForecastTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func h(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }

    static func finished(_ code: String, agency: String = "a", at start: Double, due: Double?, end: Double) -> FinishedDossier {
        FinishedDossier(
            code: code, agencyID: agency, procedureCode: "P", dueAt: due.map(h), endedAt: h(end),
            events: [
                .init(at: h(start), status: .inProcess, step: .appraisal),
                // Paused for a supplement: no forecast is made from a paused moment, nor measured.
                .init(at: h(start + 1), status: .supplementRequested, step: .appraisal),
                .init(at: h(end), status: .done, step: .delivery),
            ])
    }

    @Test("The model is the median time left per agency, procedure and step, falling back to the province's")
    func medians() {
        let samples = [10.0, 30, 20, 40].map { PaceSample(agencyID: "a", procedureCode: "P", step: .appraisal, remaining: $0) }
            + [100.0, 100, 100].map { PaceSample(agencyID: "b", procedureCode: "P", step: .approval, remaining: $0) }
        let model = PaceModel(samples: samples)
        #expect(model.remaining(agencyID: "a", procedureCode: "P", step: .appraisal) == 25)
        // Agency c has no samples: the province's median over a's four and none else.
        #expect(model.remaining(agencyID: "c", procedureCode: "P", step: .appraisal) == 25)
        #expect(model.remaining(agencyID: "a", procedureCode: "P", step: .approval) == 100)
        #expect(model.remaining(agencyID: "a", procedureCode: "Q", step: .appraisal) == nil)
        #expect(PaceModel(samples: Array(samples.prefix(2))).remaining(agencyID: "a", procedureCode: "P", step: .appraisal) == nil)
    }

    @Test("Backtest: forecasts at working moments before the date, against how each dossier ended")
    func backtest() {
        // Training: 24, 48 and 72 hours from entering appraisal to the end: median 48 h.
        let model = PaceModel(samples: [24.0, 48, 72].enumerated().flatMap { Self.finished("T\($0.offset)", at: 0, due: nil, end: $0.element).samples })
        let cases = [
            Self.finished("late-caught", at: 0, due: 24, end: 30),  // forecast 48 > 24, late: true positive
            Self.finished("false-alarm", at: 0, due: 24, end: 20),  // forecast 48 > 24, on time: false positive
            Self.finished("missed", at: 0, due: 60, end: 70),  // forecast 48 ≤ 60, late: false negative
            Self.finished("fine", at: 0, due: 60, end: 50),  // true negative
            Self.finished("other-procedure", at: 0, due: 60, end: 50).withProcedure("Q"),  // no basis
        ]
        let accuracy = LateForecast.accuracy(model: model, dossiers: cases)
        #expect((accuracy.truePositives, accuracy.falsePositives, accuracy.falseNegatives, accuracy.trueNegatives) == (1, 1, 1, 1))
        #expect(accuracy.unpredicted == 1)
        #expect(accuracy.precision == 0.5 && accuracy.recall == 0.5)
    }

    @Test("The board: one overdue, one due today, one forecast late, one paused, received today by channel")
    func board() {
        let model = PaceModel(samples: [10.0, 10, 10].map { PaceSample(agencyID: "a", procedureCode: "P", step: .appraisal, remaining: $0 * 3600) })
        let now = Self.h(100), endOfToday = Self.h(103)
        func open(_ code: String, status: DossierStatus = .inProcess, due: Double, last: Double, paused: Double? = nil) -> OpenDossier {
            OpenDossier(
                code: code, agencyID: "a", procedureCode: "P", status: status, step: .appraisal, handlerName: "Cán bộ", receivedAt: Self.h(0),
                dueAt: Self.h(due), pausedAt: paused.map(Self.h), lastEventAt: Self.h(last))
        }
        let board = OperationsBoard.build(
            open: [
                open("overdue", due: 99.99, last: 50),
                open("due-today", due: 102, last: 91),  // 91 + 10 = 101: in time
                open("late", due: 104, last: 96),  // 96 + 10 = 106 > 104
                open("fine", due: 300, last: 99),
                open("paused", status: .supplementRequested, due: 120, last: 90, paused: 90),
            ], receivedToday: [.online: 2], model: model, now: now, endOfToday: endOfToday)
        let codes: (OperationsBoard.Entry) -> String = { $0.dossier.code }
        #expect(board.overdue.map(codes) == ["overdue"])
        #expect(board.dueToday.map(codes) == ["due-today"])
        #expect(board.predictedLate.map(codes) == ["late"])
        let appraisal = board.steps.first { $0.step == .appraisal }
        #expect(appraisal?.open == 5 && appraisal?.paused == 1 && appraisal?.overdue == 1)
        #expect(board.receivedToday.map { $0.count } == [0, 2, 0])
        // A second after its date the due-today dossier is overdue.
        let later = OperationsBoard.build(
            open: [open("due-today", due: 102, last: 91)], receivedToday: [:], model: model, now: Self.h(102).addingTimeInterval(1), endOfToday: endOfToday)
        #expect(later.overdue.count == 1 && later.dueToday.isEmpty)
    }
}

extension FinishedDossier {
    func withProcedure(_ code: String) -> FinishedDossier {
        FinishedDossier(code: self.code, agencyID: agencyID, procedureCode: code, dueAt: dueAt, endedAt: endedAt, events: events)
    }
}
