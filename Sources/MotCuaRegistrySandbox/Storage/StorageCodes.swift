import MotCuaDomain

// One-byte codes of the public record enums in the compact rows. The order is part of the storage format.

extension CivilStatusRegistration.Kind {
    var code: UInt8 {
        switch self {
        case .birth: 0
        case .marriage: 1
        case .divorce: 2
        case .death: 3
        }
    }

    init?(code: UInt8) {
        switch code {
        case 0: self = .birth
        case 1: self = .marriage
        case 2: self = .divorce
        case 3: self = .death
        default: return nil
        }
    }
}

extension MaritalStatus {
    var code: UInt8 {
        switch self {
        case .single: 0
        case .married: 1
        case .divorced: 2
        case .widowed: 3
        }
    }

    init(code: UInt8) {
        switch code {
        case 1: self = .married
        case 2: self = .divorced
        case 3: self = .widowed
        default: self = .single
        }
    }
}

extension LandParcel.Use {
    var code: UInt8 { UInt8(Self.allCases.firstIndex(of: self)!) }
    init(code: UInt8) { self = Self.allCases[Int(code) % Self.allCases.count] }
}
