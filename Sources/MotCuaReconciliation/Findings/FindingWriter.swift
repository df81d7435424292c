import Foundation

/// Builds findings on several cores and writes them in source order, in bounded batches.
final class FindingWriter {
    static let batchSize = 131_072

    private let csv: AtomicFile?
    private let jsonLines: AtomicFile?

    init(csv: URL?, jsonLines: URL?) throws {
        self.csv = try csv.map(AtomicFile.init)
        do {
            self.jsonLines = try jsonLines.map(AtomicFile.init)
        } catch {
            self.csv?.discard()
            throw error
        }
    }

    struct Written {
        var kindCounts: [String: Int]
        var results: [EvaluatedResult]
    }

    private struct Part: Sendable {
        var csv: [UInt8] = []
        var json: [UInt8] = []
        var findings: [ReconciliationFinding] = []
        var kindCounts = [Int](repeating: 0, count: FindingKind.allCases.count)
        var results: [EvaluatedResult] = []
    }

    func write(
        builder: FindingBuilder, parallelism: Int, tracker: ProgressTracker,
        sink: (@Sendable ([ReconciliationFinding]) async throws -> Void)?, sinkReceivesPlainMatches: Bool = true
    ) async throws -> Written {
        try csv?.write(FindingEncoding.csvHeader)
        let count = builder.records.count
        let wantCSV = csv != nil
        let wantJSON = jsonLines != nil
        let keep = sink != nil
        // Plain ID matches take the fast path unless the sink wants them as findings.
        let plainFastPath = !keep || !sinkReceivesPlainMatches
        var kindCounts = [Int](repeating: 0, count: FindingKind.allCases.count)
        var results: [EvaluatedResult] = []
        results.reserveCapacity(count)
        // Line numbers: a running count of newlines up to each part's first record.
        var line = 1
        var lineOffset = 0
        var pending: Task<Void, any Error>?
        do {
            let partsPerBatch = parallelism * 2
            var batchStart = 0
            while batchStart < count {
                let batchEnd = min(count, batchStart + Self.batchSize)
                var starts: [(Range<Int>, Int)] = []
                for part in 0..<partsPerBatch {
                    let range = (batchStart + (batchEnd - batchStart) * part / partsPerBatch)..<(batchStart + (batchEnd - batchStart) * (part + 1) / partsPerBatch)
                    guard !range.isEmpty else { continue }
                    let offset = builder.records[range.lowerBound].offset
                    line += builder.source.bytes.withUnsafeBufferPointer { DelimitedFile.countNewlines($0, lineOffset..<offset) }
                    lineOffset = offset
                    starts.append((range, line))
                }
                let parts = await withTaskGroup(of: (Int, Part).self) { group in
                    for (partIndex, (range, firstLine)) in starts.enumerated() {
                        group.addTask {
                            var part = Part()
                            var scratch = FindingBuilder.Scratch()
                            var line = firstLine
                            var previous = builder.records[range.lowerBound].offset
                            for index in range {
                                let offset = builder.records[index].offset
                                line += builder.source.bytes.withUnsafeBufferPointer { DelimitedFile.countNewlines($0, previous..<offset) }
                                previous = offset
                                if plainFastPath && builder.isPlainIDMatch(index) {
                                    builder.splitSourceToRecordID(index, into: &scratch.source)
                                    if wantCSV { builder.appendPlainCSV(index, line: line, fields: scratch.source, to: &part.csv) }
                                    if wantJSON { builder.appendPlainJSON(index, line: line, fields: scratch.source, to: &part.json) }
                                    part.kindCounts[0] += 1
                                    part.results.append(
                                        EvaluatedResult(
                                            kinds: 1, citizenID: builder.records[index].citizenID, automatic: true, candidate: builder.records[index].citizenID))
                                    continue
                                }
                                builder.draft(index, line: line, scratch: &scratch)
                                if keep {
                                    // The worklist gets values; the files are written from them by the reference encoding.
                                    let finding = scratch.draft.finding()
                                    if wantCSV { FindingEncoding.appendCSV(finding, to: &part.csv) }
                                    if wantJSON { FindingEncoding.appendJSONLine(finding, to: &part.json) }
                                    part.findings.append(finding)
                                } else {
                                    if wantCSV { scratch.draft.appendCSV(to: &part.csv) }
                                    if wantJSON { FindingEncoding.appendJSONLine(scratch.draft.finding(), to: &part.json) }
                                }
                                for kind in scratch.draft.kinds { part.kindCounts[kind.ordinal] += 1 }
                                part.results.append(
                                    EvaluatedResult(
                                        kinds: scratch.draft.kindMask,
                                        citizenID: builder.outcomes[index].person >= 0 ? builder.people[Int(builder.outcomes[index].person)].citizenID : 0,
                                        automatic: scratch.draft.automatic,
                                        candidate: builder.outcomes[index].bestCandidate >= 0 ? builder.people[Int(builder.outcomes[index].bestCandidate)].citizenID : 0))
                            }
                            tracker.add(processed: range.count)
                            return (partIndex, part)
                        }
                    }
                    var parts = [Part?](repeating: nil, count: starts.count)
                    for await (index, part) in group { parts[index] = part }
                    return parts.map { $0! }
                }
                // The batch is written while the next one is built (one write at a time, in order).
                try await pending?.value
                let csvChunks = wantCSV ? parts.map(\.csv) : []
                let jsonChunks = wantJSON ? parts.map(\.json) : []
                pending = Task { [csv, jsonLines] in
                    for chunk in csvChunks { try csv?.write(chunk) }
                    for chunk in jsonChunks { try jsonLines?.write(chunk) }
                }
                for part in parts {
                    for kind in kindCounts.indices { kindCounts[kind] += part.kindCounts[kind] }
                    results.append(contentsOf: part.results)
                    if let sink { try await sink(part.findings) }
                }
                batchStart = batchEnd
            }
            try await pending?.value
        } catch {
            // A failed batch or sink leaves no write running behind the caller's discard.
            _ = try? await pending?.value
            throw error
        }
        return Written(
            kindCounts: Dictionary(uniqueKeysWithValues: zip(FindingKind.allCases.map(\.rawValue), kindCounts)), results: results)
    }

    func commit() throws {
        try csv?.commit()
        try jsonLines?.commit()
    }

    func discard() {
        csv?.discard()
        jsonLines?.discard()
    }
}
