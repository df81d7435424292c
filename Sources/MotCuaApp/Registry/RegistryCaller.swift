import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage

/// Who is looking at a person's national data, in the terms of both the X-Road metadata and the access log.
struct RegistryCaller: Sendable, Hashable {
    let actorKind: RegistryAccessEntry.ActorKind
    let actorID: String
    /// The platform agency id (e.g. "xa-09187"); nil for citizens.
    let agencyID: String?
    /// The agency's identifier in the national catalogue, sent as `X-Road-Client`.
    let agencyIdentifier: String

    static func official(_ principal: Principal, agencies: AgencyDirectory) -> RegistryCaller {
        RegistryCaller(
            actorKind: .official, actorID: principal.officialID, agencyID: principal.agencyID,
            agencyIdentifier: agencies.agency(id: principal.agencyID)?.identifier ?? principal.agencyID)
    }

    /// A citizen looking at their own data, through the platform (identified as the provincial service centre).
    static func citizen(agencies: AgencyDirectory) -> RegistryCaller {
        let identifier = agencies.agencies.first { $0.kind == .serviceCentre }?.identifier ?? "MOTCUA"
        return RegistryCaller(actorKind: .citizen, actorID: "citizen", agencyID: nil, agencyIdentifier: identifier)
    }

    /// The platform acting for a dossier's receiving agency (background retries).
    static func system(_ job: String, for dossier: Dossier, agencies: AgencyDirectory) -> RegistryCaller {
        RegistryCaller(
            actorKind: .system, actorID: job, agencyID: dossier.receivingAgencyID,
            agencyIdentifier: agencies.agency(id: dossier.receivingAgencyID)?.identifier ?? dossier.receivingAgencyID)
    }

    func context(_ purpose: RegistryCallContext.Purpose) -> RegistryCallContext {
        RegistryCallContext(
            agencyIdentifier: agencyIdentifier, userID: actorKind == .official ? actorID : actorKind.rawValue + ":" + actorID,
            purpose: purpose)
    }
}
