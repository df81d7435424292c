import Foundation
import MotCuaDomain
import Testing

/// Validates the data files the app ships (Sources/MotCuaApp/Resources) with the same loaders the app uses.
@Suite struct ResourceFileTests {
    @Test func everyShippedJSONFileIsNFCByteForByte() throws {
        var files = try ReferenceResources.jsonFiles(in: "catalogue") + ReferenceResources.jsonFiles(in: "calendar")
        files.append(("agencies.json", try ReferenceResources.data("agencies.json")))
        for file in files {
            let text = String(decoding: file.data, as: UTF8.self)
            #expect(text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars), "\(file.name) is not NFC")
        }
    }

    @Test func calendarFilesCoverTheirYearsWithASource() throws {
        let files = try ReferenceResources.jsonFiles(in: "calendar")
        #expect(files.map(\.name) == ["vn-2025.json", "vn-2026.json", "vn-2027.json"])
        for file in files {
            let object = try #require(try JSONSerialization.jsonObject(with: file.data) as? [String: Any])
            #expect((object["source"] as? String)?.isEmpty == false, "\(file.name) needs a source")
            #expect((object["unverified"] as? [String])?.isEmpty == false, "\(file.name) should list what is unverified")
        }
        #expect(try ReferenceResources.publishedSchedule().coveredYears == [2025, 2026])
        #expect(try ReferenceResources.publishedSchedule().provisionalYears == [2027])
    }

    @Test("catalogue errata of the 2026-11 law review are corrected, and every entry cites its time limit and fee")
    func catalogueErrata() throws {
        let catalogue = try ReferenceResources.catalogue()
        for procedure in catalogue.procedures {
            let basis = try #require(procedure.legalBasis, "\(procedure.code)")
            #expect(!basis.timeLimit.isEmpty && !basis.fee.isEmpty)
        }
        let guardianship = try #require(catalogue.procedure(code: "1.004837"))
        #expect(guardianship.fee.noteVi?.contains("Miễn lệ phí") == true)
        #expect(guardianship.legalBasis?.fee.contains("11(1)(b)") == true)
        let ending = try #require(catalogue.procedure(code: "1.004845"))
        #expect(ending.note?.contains("art. 22(2)") == true)
        #expect(ending.legalBasis?.timeLimit.contains("22(2)") == true)
        let lost = try #require(catalogue.procedure(code: "BN-BHYT-01"))
        let damaged = try #require(catalogue.procedure(code: "BN-BHYT-02"))
        #expect(lost.nameVi == "Cấp lại thẻ bảo hiểm y tế do bị mất" && lost.legalBasis?.timeLimit.contains("18(3)") == true)
        #expect(damaged.nameVi == "Đổi thẻ bảo hiểm y tế do bị hỏng" && damaged.legalBasis?.timeLimit.contains("19(3)") == true)
        for card in [lost, damaged] {
            #expect(card.fee.noteEn?.contains("does not mean free") == true)
            #expect(card.fee.noteVi?.contains("Không thu phí") == false)
        }
        #expect(catalogue.procedure(code: "1.013225")?.timeLimit == .calendarDays(15))
        #expect(catalogue.procedure(code: "BN-LT-01")?.countingOptions.afterCutOffCountsFromNextWorkingDay?.contains("63/2024") == true)
        #expect(catalogue.procedure(code: "1.004222")?.countingOptions == .standard)
    }

    @Test func agencyDirectoryHasAll99CommunesAndWards() throws {
        let directory = try ReferenceResources.agencies()
        let communes = directory.communes
        #expect(communes.count == 99)
        #expect(communes.filter { $0.nameVi.hasPrefix("Phường ") && $0.nameEn.hasSuffix(" Ward") }.count == 33)
        #expect(communes.filter { $0.nameVi.hasPrefix("Xã ") && $0.nameEn.hasSuffix(" Commune") }.count == 66)
        #expect(Set(communes.compactMap(\.administrativeCode)).count == 99)
        #expect(Set(directory.agencies.map(\.identifier)).count == directory.agencies.count)

        let tuanDao = try #require(directory.agency(id: "xa-07663"))
        #expect(tuanDao.nameVi == "Xã Tuấn Đạo" && tuanDao.nameEn == "Tuan Dao Commune" && tuanDao.administrativeCode == "07663")
        let kinhBac = try #require(directory.agency(id: "xa-09187"))
        #expect(kinhBac.nameVi == "Phường Kinh Bắc" && kinhBac.nameEn == "Kinh Bac Ward")

        #expect(directory.level1Code == "H10")
        #expect(directory.agency(id: "ubnd-tinh")?.identifier == "000.00.00.H10")
        #expect(directory.agency(id: "ubnd-tinh")?.kind == .provincialCommittee)
        #expect(directory.agency(id: "trung-tam-phuc-vu-hcc")?.identifier == "000.00.01.H10")
        #expect(directory.agency(id: "trung-tam-phuc-vu-hcc")?.kind == .serviceCentre)
        #expect(directory.note.contains("PROVISIONAL"))
        for id in ["so-tu-phap", "so-nong-nghiep-moi-truong", "so-xay-dung", "so-tai-chinh", "so-y-te", "bhxh", "dien-luc-bac-ninh"] {
            #expect(directory.agency(id: id)?.kind == .department, "\(id) should be a department")
        }
    }

    @Test func everyCatalogueDepartmentExistsInTheDirectory() throws {
        let directory = try ReferenceResources.agencies()
        let catalogue = try ReferenceResources.catalogue()
        for procedure in catalogue.procedures where procedure.level == .department {
            let department = try #require(procedure.department.flatMap(directory.agency(id:)), "\(procedure.code)")
            #expect(department.kind == .department)
        }
    }

    @Test func catalogueHoldsTheProceduresTheProvinceNamed() throws {
        let catalogue = try ReferenceResources.catalogue()
        #expect(catalogue.procedures.count >= 25)
        #expect(catalogue.procedures.map(\.code) == catalogue.procedures.map(\.code).sorted())

        #expect(catalogue.procedure(code: "1.001193")?.timeLimit == .sameDay)  // birth
        #expect(catalogue.procedure(code: "1.000894")?.timeLimit == .sameDay)  // marriage
        #expect(catalogue.procedure(code: "1.004873")?.timeLimit == .workingDays(3))  // marital status
        #expect(catalogue.procedure(code: "1.000656")?.timeLimit == .sameDay)  // death
        #expect(catalogue.procedure(code: "1.004222")?.sector == "residence")  // permanent residence
        #expect(catalogue.procedure(code: "BN-BHYT-01")?.department == "bhxh")  // health-insurance card reissue
        #expect(catalogue.procedure(code: "BN-DL-01")?.department == "dien-luc-bac-ninh")  // electricity supply
        #expect(catalogue.procedure(code: "BN-DD-01")?.sector == "land")  // first land certificate
        #expect(catalogue.procedure(code: "BN-DD-02")?.department == "so-nong-nghiep-moi-truong")  // land transfer
        #expect(catalogue.procedure(code: "BN-LT-01")?.timeLimit == .workingDays(3))  // under-6 bundle

        for procedure in catalogue.procedures {
            #expect(procedure.level == .commune ? procedure.department == nil : procedure.department != nil)
            #expect(procedure.hasNationalCode || procedure.code.hasPrefix("BN-"))
            if !procedure.hasNationalCode {
                #expect(procedure.note?.contains("rovisional") == true, "\(procedure.code) must say its code is provisional")
            }
        }
        let civilStatus = catalogue.procedures.filter { ["civil_status", "residence"].contains($0.sector) }
        #expect(civilStatus.allSatisfy { $0.level == .commune })
    }

    @Test func catalogueMarksDocumentsTheStateAlreadyHolds() throws {
        let catalogue = try ReferenceResources.catalogue()
        let birth = try #require(catalogue.procedure(code: "1.001193"))
        #expect(birth.components.first { $0.code == "requester_id" }?.registrySource == .population)
        #expect(birth.components.first { $0.code == "parents_marriage" }?.registrySource == .civilStatus)
        let transfer = try #require(catalogue.procedure(code: "BN-DD-02"))
        #expect(transfer.components.first { $0.code == "certificate" }?.registrySource == .land)
        let card = try #require(catalogue.procedure(code: "BN-BHYT-01"))
        #expect(card.components.contains { $0.registrySource == .socialInsurance })
        // Identity is never asked on paper: every identity component points at the population register.
        for procedure in catalogue.procedures {
            for component in procedure.components where component.code.hasSuffix("_id") {
                #expect(component.registrySource == .population, "\(procedure.code) \(component.code)")
            }
        }
    }

    @Test func everyCatalogueFileStatesItsSource() throws {
        for file in try ReferenceResources.jsonFiles(in: "catalogue") {
            let object = try #require(try JSONSerialization.jsonObject(with: file.data) as? [String: Any], "\(file.name)")
            #expect((object["source"] as? String)?.isEmpty == false, "\(file.name) needs a source")
            #expect((object["note"] as? String)?.isEmpty == false, "\(file.name) needs a note")
        }
    }

    @Test func stepDeadlinesOfEveryProcedureEndAtItsDueDate() throws {
        let calendar = try ReferenceResources.publishedCalendar()
        let received = VietnamTime.at(2025, 4, 25, 14, 20)
        for procedure in try ReferenceResources.catalogue().procedures {
            let deadlines = calendar.stepDeadlines(shares: procedure.process.map(\.share), limit: procedure.timeLimit, receivedAt: received)
            #expect(deadlines.count == 5)
            #expect(deadlines.last == calendar.dueDate(for: procedure.timeLimit, receivedAt: received), "\(procedure.code)")
        }
    }
}

/// The one-stop rules file says, for every rule of Decree 118/2025 the platform applies, how sure it is.
@Suite struct OneStopRulesFileTests {
    @Test("every one-stop rule has a status (verified, kept or chosen), a source, and says what is unverified")
    func everyRuleIsAccountedFor() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: try ReferenceResources.data("legal/one-stop-rules.json")) as? [String: Any])
        #expect((object["source"] as? String)?.contains("118/2025") == true)
        let rules = try #require(object["rules"] as? [[String: String]])
        #expect(
            Set(rules.compactMap { $0["topic"] })
                == ["forms", "dossier_code", "supplement", "extension_and_apology", "stopped_processing", "status_6_financial_obligation"])
        for rule in rules {
            #expect(["verified", "kept", "chosen"].contains(rule["status"] ?? ""), "\(rule["topic"] ?? "?")")
            #expect(rule["source"]?.isEmpty == false && rule["unverified"]?.isEmpty == false && rule["rule"]?.isEmpty == false)
        }
    }
}
