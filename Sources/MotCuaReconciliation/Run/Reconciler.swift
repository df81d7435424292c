import Foundation

/// Runs a reconciliation: reads the register and a source dataset, links every source record, and
/// writes one finding per record.
public enum Reconciler {
    /// Runs the whole pipeline.
    ///
    /// - Parameters:
    ///   - options: inputs, outputs and policies.
    ///   - progress: receives throttled progress snapshots from worker tasks.
    ///   - findings: receives the findings in source order, in batches, e.g. to store them for the
    ///     stewards' worklist. Nothing is passed before every input row has been read and matched.
    /// - Returns: counts, the fitted model, thresholds, timings and (with ground truth) quality.
    /// - Throws: ``ReconciliationInputError`` for bad input under ``BadRowPolicy/stop``; no output
    ///   file is left behind on failure; `CancellationError` when the calling task is cancelled (checked between
    ///   phases, during matching, and by a `findings` sink that throws it).
    public static func run(
        _ options: ReconciliationOptions, progress: ProgressHandler? = nil,
        findings sink: (@Sendable ([ReconciliationFinding]) async throws -> Void)? = nil
    ) async throws -> ReconciliationReport {
        var report = ReconciliationReport()
        let tracker = ProgressTracker(handler: progress)
        var lapStart = ContinuousClock.now
        func lap(_ phase: String) {
            let now = ContinuousClock.now
            report.timings.append(.init(phase: phase, seconds: ProgressTracker.seconds(now - lapStart)))
            lapStart = now
        }
        let stopOnError = options.badRows == .stop
        let parallelism = options.parallelism

        // Read both files, at once; the register's problems are reported first.
        async let openedSource = DelimitedFile(url: options.source, delimiter: options.sourceMapping.delimiterByte(file: options.source))
        let registerFile = try DelimitedFile(url: options.register, delimiter: options.registerMapping.delimiterByte(file: options.register))
        var recognisedRegister: [String] = []
        var recognisedSource: [String] = []
        let registerColumns = RegisterColumns(try options.registerMapping.resolve(RegisterField.self, in: registerFile, recognised: &recognisedRegister))
        let sourceFile = try await openedSource
        let sourceColumns = SourceColumns(
            try options.sourceMapping.resolve(SourceField.self, in: sourceFile, recognised: &recognisedSource), columnCount: sourceFile.header.count)
        let recognised = recognisedRegister.map { "register " + $0 } + recognisedSource.map { "source " + $0 }
        if !recognised.isEmpty { report.recognisedColumns = recognised }
        let converted = [("register", registerFile), ("source", sourceFile)].compactMap { name, file in
            file.convertedFrom.map { "\(name) from \($0)" }
        }
        if !converted.isEmpty { report.convertedEncodings = converted }
        tracker.begin(.readingRegister, total: nil)
        let (people, registerRejects) = try await RowLoader.load(
            registerFile, parallelism: parallelism, stopOnError: stopOnError, tracker: tracker, decode: RecordDecoding.register(registerColumns))
        guard people.count < BlockingIndex.maximumPeople else {
            throw DelimitedFile.issue(options.register, line: 0, "the register has more than \(BlockingIndex.maximumPeople) rows")
        }
        lap("read register")
        // A cancelled run (a job stopped over the API) stops between phases and during matching.
        try Task.checkCancellation()
        tracker.begin(.readingSource, total: nil)
        let vocabulary = await NameVocabulary(people, parallelism: parallelism)
        let (records, sourceRejects) = try await RowLoader.load(
            sourceFile, parallelism: parallelism, stopOnError: stopOnError, tracker: tracker,
            decode: RecordDecoding.source(sourceColumns, vocabulary: vocabulary))
        lap("read source")
        try Task.checkCancellation()
        report.registerRows = people.count
        report.sourceRows = records.count
        report.rejectedRegisterRows = registerRejects.count
        report.rejectedSourceRows = sourceRejects.count
        let damaged = Self.damagedFields(register: people, source: records)
        if !damaged.isEmpty { report.damagedFields = damaged }

        // Index the register.
        tracker.begin(.indexing, total: people.count)
        async let blockingTask = BlockingIndex(people, parallelism: parallelism)
        var idIndex = IDIndex(capacity: people.count)
        var legacyIndex = IDIndex(capacity: max(16, people.count / 2))
        for (index, person) in people.enumerated() {
            idIndex.insert(person.citizenID, Int32(index))
            legacyIndex.insert(person.legacyID, Int32(index))
        }
        report.duplicateRegisterIDs = idIndex.duplicates.count
        let frequencies = TermFrequencies(people)
        let candidates = CandidateTable(people, frequencies: frequencies)
        var blocking = await blockingTask
        await blocking.gather(candidates, parallelism: parallelism)
        lap("index")
        try Task.checkCancellation()

        // Fit the model on ID-linked pairs and random pairs, then calibrate thresholds on decoys.
        tracker.begin(.calibrating, total: nil)
        let ids = idIndex
        let legacy = legacyIndex
        let linked = await parallelMap(count: records.count, parallelism: parallelism) { range -> [(Int32, Int32, Comparison)] in
            var result: [(Int32, Int32, Comparison)] = []
            for index in range {
                let record = records[index]
                let found: Int32? =
                    switch record.idKind {
                    case .citizen: ids.find(record.citizenID)
                    case .legacy: legacy.find(record.legacyID)
                    default: nil
                    }
                if let found { result.append((Int32(index), found, Comparison(record, people[Int(found)]))) }
            }
            return result
        }.flatMap { $0 }
        var generator = SplitMix64(seed: 0x4D6F_7443_7561)
        // Random pairs need both sides; an empty register leaves u to the priors.
        let random = (0..<(people.isEmpty ? 0 : min(400_000, records.count * 4))).map { _ in
            let record = records[Int(generator.next() % UInt64(records.count))]
            return (pattern: Matcher.pattern(record), comparison: Comparison(record, people[Int(generator.next() % UInt64(people.count))]))
        }
        let seed = MatchModel.estimate(
            linked: linked.map { (Matcher.pattern(records[Int($0.0)]), $0.2) }, random: random.map { ($0.pattern, $0.comparison) })
        var matcher = Matcher(
            people: people, frequencies: frequencies, candidates: candidates, idIndex: idIndex, legacyIndex: legacyIndex, blocking: blocking, model: seed,
            thresholds: MatchThresholds(automatic: 0, review: 0, margin: 5, conflict: 0),
            absentWeight: Matcher.absentWeight(absentShare: options.assumedAbsentShare ?? ModelEstimation.defaultAbsentShare, count: people.count))
        let sex = Matcher.trustsSex(linked: linked)
        matcher.usesRecordSex = sex.trusted
        report.sexDisagreement = sex.share
        report.sourceSexIgnoredInBlocking = !sex.trusted
        // m per pattern and the absent share re-estimated on the records that will be searched (see ``ModelEstimation``).
        let searched = records.indices.filter { ModelEstimation.needsSearch(records[$0], ids: ids, legacy: legacy) }
        let estimate = await ModelEstimation.estimate(
            matcher: matcher, records: records, searched: searched, absentShare: options.assumedAbsentShare, parallelism: parallelism)
        let model = estimate.model
        matcher.model = model
        // Without enough ID-linked pairs to tell, the m that EM learnt per pattern says the same.
        let learntDisagreement = Matcher.learntSexDisagreement(estimate)
        if sex.share == nil && learntDisagreement > Matcher.sexDisagreementLimit {
            matcher.usesRecordSex = false
            report.sexDisagreement = learntDisagreement
            report.sourceSexIgnoredInBlocking = true
        }
        matcher.absentWeight = Matcher.absentWeight(absentShare: estimate.absentShare, count: people.count)
        report.absentShare = estimate.absentShare
        report.absentShareEstimated = options.assumedAbsentShare == nil && estimate.patterns.reduce(0) { $0 + $1.records } >= ModelEstimation.minimumRecords
        report.patternModels = estimate.patterns.indices.map { pattern in
            let entry = estimate.patterns[pattern]
            return .init(
                pattern: MatchThresholds.patternNames[pattern], sampledRecords: entry.records, expectedMatches: entry.matchMass, estimated: entry.estimated,
                m: ModelEstimation.fields.map { model.patternM[pattern][$0] }, u: ModelEstimation.fields.map { model.patternU[pattern][$0] })
        }
        if let thresholds = options.thresholds {
            matcher.thresholds = thresholds
        } else {
            matcher.thresholds = await Calibration.thresholds(
                matcher: matcher, records: records, linked: linked, parallelism: parallelism, targetPrecision: options.targetPrecision,
                absentShare: estimate.absentShare)
            if options.decision == .score {
                matcher.thresholds.posteriorOdds = nil
                matcher.thresholds.posteriorOddsByPattern = nil
            }
        }
        report.thresholds = matcher.thresholds
        // Recorded IDs that name nobody or are no ID: weights for one slip away, learnt with the thresholds just chosen.
        matcher.nearID = await NearIDEvidence.estimate(matcher: matcher, records: records, parallelism: parallelism)
        let idSlips = matcher.nearID.compactMap { $0 }.map {
            ReconciliationReport.IDTypoModel(
                kind: $0.kind.name, m: $0.m, u: $0.u, agreement: Double($0.agreement), disagreement: Double($0.disagreement),
                sampledRecords: $0.sampled, nearRecords: $0.near)
        }
        report.idTypos = idSlips.isEmpty ? nil : idSlips
        report.model = (0..<6).map { field in
            let names = [Comparison.Name.names, Comparison.Name.names, Comparison.Middle.names, Comparison.Date.names, Comparison.Simple.names, Comparison.Simple.names][field]
            return .init(field: Comparison.fieldNames[field], levels: names, m: model.m[field], u: model.u[field])
        }
        lap("fit and calibrate")
        try Task.checkCancellation()

        // Match.
        tracker.begin(.matching, total: records.count)
        let finalMatcher = matcher
        let outcomes = await parallelMap(count: records.count, parallelism: parallelism, chunksPerWorker: 32) { range -> [MatchOutcome] in
            var result: [MatchOutcome] = []
            result.reserveCapacity(range.count)
            var matched = 0
            for index in range {
                let outcome = finalMatcher.match(records[index])
                if outcome.decision == .automatic { matched += 1 }
                result.append(outcome)
                if result.count % 16_384 == 0 {
                    tracker.add(processed: 16_384, matched: matched)
                    matched = 0
                }
                // A cancelled run stops within a thousand records: 16,384 took seconds in a loaded debug build.
                if result.count % 1_024 == 0 && Task.isCancelled { break }
            }
            tracker.add(processed: result.count % 16_384, matched: matched)
            return result
        }.flatMap { $0 }
        try Task.checkCancellation()
        var methodCounts = [Int](repeating: 0, count: 4)
        for outcome in outcomes where outcome.decision == .automatic { methodCounts[Int(outcome.method.rawValue)] += 1 }
        for (method, count) in methodCounts.enumerated() where count > 0 {
            report.methodCounts[MatchOutcome.Method(rawValue: UInt8(method))!.name] = count
        }
        let duplicateOf = await Duplicates.find(records: records, outcomes: outcomes, parallelism: parallelism)
        lap("match")

        // Write findings.
        tracker.begin(.writing, total: records.count)
        let builder = FindingBuilder(
            source: sourceFile, register: registerFile, sourceColumns: sourceColumns, registerColumns: registerColumns, records: records,
            people: people, outcomes: outcomes, duplicateOf: duplicateOf, model: model, frequencies: frequencies, thresholds: matcher.thresholds)
        let writer = try FindingWriter(csv: options.findingsCSV, jsonLines: options.findingsJSONLines)
        do {
            let written = try await writer.write(
                builder: builder, parallelism: parallelism, tracker: tracker, sink: sink, sinkReceivesPlainMatches: options.sinkReceivesPlainMatches)
            report.kindCounts = written.kindCounts
            if case .reject(let url) = options.badRows {
                try RejectsWriter.write(to: url, [(registerFile, registerRejects), (sourceFile, sourceRejects)])
            }
            try writer.commit()
            lap("write findings")
            if let truth = options.groundTruth {
                tracker.begin(.evaluating, total: nil)
                report.quality = try await GroundTruth.evaluate(truth: truth, results: written.results, parallelism: parallelism) { index in
                    var fields: [FieldSlice] = []
                    return GroundTruth.hash(builder.recordID(index, fields: &fields))
                }
                lap("evaluate")
            }
        } catch {
            writer.discard()
            throw error
        }
        tracker.begin(.done, total: records.count)
        return report
    }

    /// Runs `body` over contiguous ranges of `0..<count` on several tasks; results in range order.
    static func parallelMap<T: Sendable>(
        count: Int, parallelism: Int, chunksPerWorker: Int = 8, _ body: @escaping @Sendable (Range<Int>) -> T
    ) async -> [T] {
        let parts = max(1, min(count, parallelism * chunksPerWorker))
        return await withTaskGroup(of: (Int, T).self) { group in
            for part in 0..<parts {
                let range = (count * part / parts)..<(count * (part + 1) / parts)
                group.addTask { (part, body(range)) }
            }
            var results = [T?](repeating: nil, count: parts)
            for await (part, value) in group { results[part] = value }
            return results.map { $0! }
        }
    }

    /// Counts of damaged fields per file and column, from the rows' ``DamagedField`` bits. (A plain loop over the
    /// arrays: a type-erased sequence of 6 million bytes took a second at 3.5 M.)
    static func damagedFields(register: [RegisterPerson], source: [SourceRecord]) -> [String: Int] {
        var perBit = [[Int]](repeating: [Int](repeating: 0, count: 8), count: 2)
        for person in register where person.damaged != 0 {
            for bit in 0..<8 where person.damaged & (1 << bit) != 0 { perBit[0][bit] += 1 }
        }
        for record in source where record.damaged != 0 {
            for bit in 0..<8 where record.damaged & (1 << bit) != 0 { perBit[1][bit] += 1 }
        }
        var counts: [String: Int] = [:]
        for (file, name) in ["register", "source"].enumerated() {
            for (bit, field) in DamagedField.names where perBit[file][bit.trailingZeroBitCount] > 0 {
                counts[name + " " + field] = perBit[file][bit.trailingZeroBitCount]
            }
        }
        return counts
    }
}
