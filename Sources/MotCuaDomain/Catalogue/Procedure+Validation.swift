extension Procedure {
    /// Allowed difference between the sum of the step shares and 1, so data can use 0.333 + 0.333 + …
    static let shareTolerance = 0.001

    /// The first rule this procedure breaks, or `nil` when it is valid.
    /// - Parameter agencyIDs: ids of the agency directory, for the department check.
    func validationFailure(agencyIDs: Set<String>) -> CatalogueError.Reason? {
        if !(Self.isNationalCode(code) || Self.isProvisionalCode(code)) { return .invalidCode }

        var texts: [(String, String?)] = [
            ("nameVi", nameVi), ("nameEn", nameEn), ("sectorNameVi", sectorNameVi), ("sectorNameEn", sectorNameEn),
        ]
        for (field, value) in texts where value?.isBlank ?? true { return .emptyText(field: field) }
        texts += [("fee.noteVi", fee.noteVi), ("fee.noteEn", fee.noteEn), ("note", note)]
        for (field, value) in texts where !(value?.isNFC ?? true) { return .notNFC(field: field) }
        if !Self.isKey(sector, allowingDigits: false) { return .invalidSector }

        switch (level, department) {
        case (.department, nil): return .missingDepartment
        case (.department, let id?) where !agencyIDs.contains(id): return .unknownDepartment(id)
        case (.commune, let id?): return .unexpectedDepartment(id)
        default: break
        }

        if fee.amountVND < 0 { return .negativeFee(fee.amountVND) }
        guard let legalBasis else { return .missingLegalSource(field: "legalBasis") }
        for (field, value) in [
            ("legalBasis.timeLimit", Optional(legalBasis.timeLimit)), ("legalBasis.fee", Optional(legalBasis.fee)),
            ("legalBasis.afterCutOffCountsFromNextWorkingDay", legalBasis.afterCutOffCountsFromNextWorkingDay),
        ] {
            guard let value else { continue }
            if value.isBlank { return .missingLegalSource(field: field) }
            if !value.isNFC { return .notNFC(field: field) }
        }
        if !timeLimit.isPositive { return .nonPositiveTimeLimit }
        if let failure = componentFailure() { return failure }
        return processFailure()
    }

    private func componentFailure() -> CatalogueError.Reason? {
        guard !components.isEmpty else { return .noComponents }
        var seen: Set<String> = []
        for (index, component) in components.enumerated() {
            guard Self.isKey(component.code, allowingDigits: true) else { return .invalidComponentCode(component.code) }
            guard seen.insert(component.code).inserted else { return .duplicateComponentCode(component.code) }
            for (field, value) in [("nameVi", component.nameVi), ("nameEn", component.nameEn)] {
                let path = "components[\(index)].\(field)"
                if value.isBlank { return .emptyText(field: path) }
                if !value.isNFC { return .notNFC(field: path) }
            }
        }
        return nil
    }

    private func processFailure() -> CatalogueError.Reason? {
        let steps = process.map(\.step)
        guard steps == ProcessStep.allCases else { return .wrongSteps(found: steps) }
        for spec in process {
            let expected = ProcessStepSpec.expectedRole(for: spec.step)
            guard spec.role == expected else { return .wrongRole(step: spec.step, expected: expected, found: spec.role) }
            guard spec.share.isFinite, spec.share > 0 else { return .nonPositiveShare(step: spec.step) }
        }
        let sum = process.reduce(0) { $0 + $1.share }
        guard abs(sum - 1) <= Self.shareTolerance else { return .sharesDoNotSumToOne(sum: sum) }
        return nil
    }

    /// A provisional local code: `BN-` followed by upper-case letters, digits and hyphens.
    static func isProvisionalCode(_ code: String) -> Bool {
        guard code.hasPrefix("BN-"), code.count > 3 else { return false }
        return code.utf8.dropFirst(3).allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    /// A lower-case snake_case key such as `civil_status` or `birth_certificate`.
    static func isKey(_ text: String, allowingDigits: Bool) -> Bool {
        guard let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
                || (allowingDigits && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte))
        }
    }
}
