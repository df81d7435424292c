import MotCuaDomain
import Testing

@Suite("Access policy: who may call what, with which scope")
struct AccessPolicyTests {
    @Test("Every operation has at least one grant, and raw values are unique")
    func everyOperationHasARule() {
        for operation in PlatformOperation.allCases {
            #expect(!AccessPolicy.grants(for: operation).isEmpty, "\(operation.rawValue)")
        }
        #expect(Set(PlatformOperation.allCases.map(\.rawValue)).count == PlatformOperation.allCases.count)
    }

    @Test("Anonymous callers reach only public data")
    func anonymousOnlyPublic() {
        for operation in PlatformOperation.allCases {
            if let scope = AccessPolicy.scope(of: operation, for: .anonymous) {
                #expect(scope == .publicData, "\(operation.rawValue)")
            }
        }
        #expect(AccessPolicy.scope(of: .getDossier, for: .anonymous) == nil)
        #expect(AccessPolicy.scope(of: .getPublicStatus, for: .anonymous) == .publicData)
    }

    @Test("Citizens never get an agency or the province; level 1 follows dossiers but cannot submit or act")
    func citizensOwnPersonOnly() {
        for operation in PlatformOperation.allCases {
            for level in [1, 2] {
                if let scope = AccessPolicy.scope(of: operation, for: .citizen(level: level)) {
                    #expect(scope <= .ownPerson, "\(operation.rawValue) level \(level)")
                }
            }
        }
        #expect(AccessPolicy.scope(of: .getDossier, for: .citizen(level: 1)) == .ownPerson)
        #expect(AccessPolicy.scope(of: .createDossier, for: .citizen(level: 1)) == nil)
        #expect(AccessPolicy.scope(of: .transitionDossier, for: .citizen(level: 1)) == nil)
        #expect(AccessPolicy.scope(of: .createDossier, for: .citizen(level: 2)) == .ownPerson)
        #expect(AccessPolicy.scope(of: .lookUpProfile, for: .citizen(level: 2)) == nil)
    }

    @Test("Only provincial operations monitors read every agency's dossiers; other roles their own agency's")
    func provinceScope() {
        #expect(AccessPolicy.scope(of: .listDossiers, for: .official(.operationsMonitor, provincial: true)) == .province)
        #expect(AccessPolicy.scope(of: .listDossiers, for: .official(.operationsMonitor, provincial: false)) == .ownAgency)
        #expect(AccessPolicy.scope(of: .getDossier, for: .official(.leader, provincial: true)) == .ownAgency)
        for role in [Role.auditor, .dataSteward, .agencyAdministrator] {
            #expect(AccessPolicy.scope(of: .getDossier, for: .official(role, provincial: true)) == nil, "\(role)")
        }
        #expect(AccessPolicy.scope(of: .searchAccessLog, for: .official(.auditor, provincial: false)) == .ownAgency)
        #expect(AccessPolicy.scope(of: .searchAccessLog, for: .official(.auditor, provincial: true)) == .province)
    }

    @Test("National-data look-ups are for reception officers and specialists; counter purposes for reception officers only")
    func lookUps() {
        for role in Role.allCases {
            let allowed = AccessPolicy.scope(of: .lookUpProfile, for: .official(role, provincial: false)) != nil
            #expect(allowed == [.receptionOfficer, .specialist].contains(role), "\(role)")
        }
        #expect(LookUpPurpose.counterBeforeReceipt.roles == [.receptionOfficer])
        #expect(LookUpPurpose.dossier.roles == [.receptionOfficer, .specialist])
        #expect(PlatformOperation(operationID: "lookUpProfile") == .lookUpProfile)
        #expect(PlatformOperation(operationID: "GET /metrics") == nil)
    }

    @Test("The two numbering series share the four-digit space without overlap")
    func numberingSeries() {
        let counter = DossierNumberingSeries(agencyIdentifier: "000.00.19.H04", online: false)
        let online = DossierNumberingSeries(agencyIdentifier: "000.00.19.H04", online: true)
        #expect(counter.capacity + online.capacity == DossierCode.maximumSequence)
        #expect(counter.first + counter.capacity == online.first)
        #expect(DossierNumberingSeries(key: online.key) == online)
        #expect(DossierNumberingSeries(key: counter.key) == counter)
        #expect(online.key != counter.key)
    }
}
