/// One person of the population register, in the compact form the matcher works on.
///
/// Strings are not kept: `offset` points back at the row in the file so that findings can quote the
/// register's own values.
struct RegisterPerson: Sendable {
    var citizenID: UInt64
    var legacyID: UInt64
    var spouseID: UInt64
    var name: NameKeys
    var dateOfBirth: Int32
    var commune: UInt32
    var offset: Int
    var sex: UInt8
    var maritalStatus: UInt8
    var vitalStatus: UInt8
    /// Fields that were damaged and read for what could be trusted (``DamagedField`` bits).
    var damaged: UInt8 = 0
}
