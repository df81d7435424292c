import MotCuaDomain
import Synchronization

/// Look-ups, as the national databases answer them to a provincial system.
extension NationalRegistry {
    /// The overlay as of now; copying it is cheap (its collections are copy-on-write) and keeps the lock short.
    func snapshot() -> Overlay { overlay.withLock { $0 } }

    func index(of id: CitizenID) -> Int32? {
        guard let key = UInt64(id.value) else { return nil }
        return citizenIndex.find(key)
    }

    func index(of legacyID: LegacyID) -> Int32? {
        guard let key = UInt64(legacyID.value) else { return nil }
        return legacyIndex.find(key)
    }

    /// The population record of a citizen ID.
    public func person(id: CitizenID) -> PopulationRecord? {
        guard let index = index(of: id) else { return nil }
        return record(index, snapshot())
    }

    /// The population record of the holder of an old 9-digit ID.
    public func person(legacyID: LegacyID) -> PopulationRecord? {
        guard let index = index(of: legacyID) else { return nil }
        return record(index, snapshot())
    }

    /// The record at a position `0..<personCount`, in the registry's fixed order (for sampling and export).
    public func person(at position: Int) -> PopulationRecord? {
        guard storage.people.indices.contains(position) else { return nil }
        return record(Int32(position), snapshot())
    }

    /// Everyone registered in the same household as a citizen, the living and the deceased, head included.
    public func householdMembers(of id: CitizenID) -> [PopulationRecord] {
        guard let index = index(of: id) else { return [] }
        let state = snapshot()
        let household = storage.households[Int(storage.people[Int(index)].household)]
        let members = household.firstMember..<(household.firstMember + Int32(household.memberCount))
        return members.map { record($0, state) }
    }

    /// A citizen's own civil-status registrations (birth, marriages, divorces, death), oldest first.
    public func civilStatus(for id: CitizenID) -> [CivilStatusRegistration] {
        guard let index = index(of: id) else { return [] }
        let state = snapshot()
        return civilIndices(of: index, state).map { registration($0, state) }.sorted { $0.date < $1.date }
    }

    /// The rows of a person's registrations: generated ones, then those added by updates.
    func civilIndices(of person: Int32, _ state: Overlay) -> [Int32] {
        Array(civilByPerson.rows(of: Int(person))) + (state.civilByPerson[person] ?? [])
    }

    /// A registration by its number, e.g. "KH-09187-2019-000123".
    public func civilStatusRegistration(number: String) -> CivilStatusRegistration? {
        let parts = number.split(separator: "-")
        guard parts.count == 4, let kind = CivilStatusRegistration.Kind(numberPrefix: String(parts[0])),
            let commune = Commune.indexByCode[String(parts[1])], let year = Int(parts[2]), let sequence = UInt32(parts[3])
        else { return nil }
        let key = RegistryStorage.civilKey(kind: kind.code, commune: UInt8(commune), year: year, sequence: sequence)
        let state = snapshot()
        guard let index = civilByNumber.find(key) ?? state.civilByNumber[key] else { return nil }
        return registration(index, state)
    }

    /// The registration at a position `0..<civilStatusCount` (generated first, then added ones).
    public func civilStatusRegistration(at position: Int) -> CivilStatusRegistration? {
        let state = snapshot()
        guard position >= 0, position < storage.civil.count + state.civil.count else { return nil }
        return registration(Int32(position), state)
    }

    /// A citizen's insurance record, whether the insurance database keys it by the citizen ID or, not yet
    /// converted, by the citizen's old ID (then ``InsuranceRecord/holderID`` is `nil`).
    public func insurance(for id: CitizenID) -> InsuranceRecord? {
        guard let index = index(of: id) else { return nil }
        return insuranceRecord(index, snapshot())
    }

    /// The insurance record keyed by an old ID, as a system that only knows the old ID would find it.
    public func insurance(legacyID: LegacyID) -> InsuranceRecord? {
        guard let index = index(of: legacyID), let record = insuranceRecord(index, snapshot()),
            record.holderLegacyID == legacyID
        else { return nil }
        return record
    }

    /// Parcels held by a citizen: those naming the citizen ID and those naming the citizen's old ID.
    public func landParcels(owner id: CitizenID) -> [LandParcel] {
        guard let index = index(of: id) else { return [] }
        return parcelRows(of: index, snapshot())
    }

    /// The parcels a person holds now: the generated index plus holders set by updates, less those an update
    /// has given to someone else.
    private func parcelRows(of person: Int32, _ state: Overlay) -> [LandParcel] {
        var seen = Set<Int32>()
        return (Array(parcelsByOwner.rows(of: Int(person))) + (state.parcelsByOwner[person] ?? []))
            .filter { parcel in
                let row = parcelRow(parcel, state)
                // A parcel given away and later back is listed by both indices: once is enough.
                return (row.firstOwner == person || row.secondOwner == person) && seen.insert(parcel).inserted
            }
            .map { landParcel($0, state) }
    }

    /// Parcels whose register entry names this old ID (not those already converted to the citizen ID).
    public func landParcels(legacyOwner legacyID: LegacyID) -> [LandParcel] {
        guard let index = index(of: legacyID) else { return [] }
        return parcelRows(of: index, snapshot())
            .filter { $0.owners.contains(.legacyID(legacyID)) }
    }

    /// A parcel by its ID, e.g. "07444-3-127".
    public func landParcel(id: String) -> LandParcel? {
        guard let index = parcelIndex(id) else { return nil }
        return landParcel(index, snapshot())
    }

    func parcelIndex(_ id: String) -> Int32? {
        let parts = id.split(separator: "-")
        guard parts.count == 3, let commune = Commune.indexByCode[String(parts[0])], let sheet = Int(parts[1]),
            let number = Int(parts[2]), sheet >= 1, (1...Self.parcelsPerSheet).contains(number)
        else { return nil }
        let rows = parcelsByCommune.rows(of: commune)
        let position = (sheet - 1) * Self.parcelsPerSheet + number - 1
        guard position < rows.count else { return nil }
        return rows[rows.startIndex + position]
    }

    /// The parcel at a position `0..<landParcelCount`.
    public func landParcel(at position: Int) -> LandParcel? {
        guard storage.parcels.indices.contains(position) else { return nil }
        return landParcel(Int32(position), snapshot())
    }

    /// A citizen's tax registration.
    public func tax(for id: CitizenID) -> TaxRecord? {
        guard let index = index(of: id) else { return nil }
        return taxRecord(index)
    }

    /// Household businesses owned by a citizen.
    public func businesses(owner id: CitizenID) -> [HouseholdBusiness] {
        guard let index = index(of: id) else { return [] }
        return businessesByOwner.rows(of: Int(index)).map { business($0) }
    }

    /// The business at a position `0..<businessCount`.
    public func business(at position: Int) -> HouseholdBusiness? {
        guard storage.businesses.indices.contains(position) else { return nil }
        return business(Int32(position))
    }
}
