extension RegistryUpdate {
    /// What the update changes, as keys such as `person:<citizen ID>` or `parcel:<parcel ID>`. Two updates that
    /// share a key must reach the registries in the order they were decided: a divorce sent before the marriage
    /// it ends is refused ("not married to each other"), and the earlier of two transfers of one parcel applied
    /// last leaves the wrong holder. The outbox holds back a request while an older one with a shared key is
    /// still undelivered, across registries (a person's marriage and insurance updates stay in order too).
    ///
    /// An update that only names a registration (``applyMarriageRegistration(registrationNumber:)``) is keyed
    /// by that registration; the people in it are known only to the registry.
    public var subjects: [String] {
        switch self {
        case .registerMarriage(let husband, let wife, _, _), .registerDivorce(let husband, let wife, _, _, _):
            ["person:" + husband.value, "person:" + wife.value]
        case .applyMarriageRegistration(let number):
            ["registration:" + number]
        case .registerDeath(let person, _, _), .convertInsuranceHolder(let person):
            ["person:" + person.value]
        case .updateLandParcel(let parcelID, _, _, _), .convertLandOwner(let parcelID, _):
            ["parcel:" + parcelID]
        }
    }
}
