import Foundation
import MotCuaDomain
import MotCuaStorage

/// Demo accounts for a new installation: one complete team at a ward (commune-level procedures), the
/// service centre's desk and a department (province-level procedures), and the operations centre.
public struct DemoSeeder: Sendable {
    let platform: Platform

    public init(platform: Platform) {
        self.platform = platform
    }

    /// The demo password, printed with the accounts. Demo installations only.
    public static let demoPassword = "MotCua@2026"

    /// A created (or already existing) account.
    public struct Account: Sendable {
        public let username: String
        public let role: Role
        public let agencyID: String
        public let agencyName: String
        public let created: Bool
    }

    /// Creates the accounts that do not exist yet; returns all of them.
    public func seed() async throws -> [Account] {
        let hash = try await AuthService.hash(Self.demoPassword, cost: platform.configuration.bcryptCost)
        var accounts: [Account] = []
        for (username, role, agency) in planned() {
            let created = try await platform.officials.create(
                Official(
                    id: username, username: username, fullName: Self.demoName(role) + " (" + agency.nameVi + ")", role: role,
                    agencyID: agency.id, passwordHash: hash))
            accounts.append(Account(username: username, role: role, agencyID: agency.id, agencyName: agency.nameVi, created: created))
        }
        return accounts
    }

    /// The active demo accounts in the database (a production instance refuses to start with any).
    public func present() async throws -> [String] {
        try await platform.officials.active(usernames: planned().map(\.username))
    }

    /// The demo team: usernames, roles and agencies.
    private func planned() -> [(username: String, role: Role, agency: Agency)] {
        let agencies = platform.reference.agencies
        var team: [(prefix: String, agency: Agency, roles: [Role])] = []
        // Phường Kinh Bắc (09187), for commune-level procedures such as birth registration.
        if let ward = agencies.agencies.first(where: { $0.administrativeCode == "09187" }) ?? agencies.agencies.first(where: { $0.kind == .commune }) {
            team.append(("kinhbac", ward, [.receptionOfficer, .specialist, .leader, .resultClerk, .agencyAdministrator]))
        }
        if let centre = agencies.agencies.first(where: { $0.kind == .serviceCentre }) {
            team.append(("hcc", centre, [.receptionOfficer, .resultClerk, .operationsMonitor, .auditor]))
        }
        // The Department of Justice's data steward, who runs civil-status cleaning campaigns.
        if let justice = agencies.agency(id: "so-tu-phap") ?? agencies.agencies.first(where: { $0.kind == .department }) {
            team.append(("stp", justice, [.dataSteward]))
        }
        // The department that handles the most department-level procedures in the catalogue.
        let departmentCounts = Dictionary(grouping: platform.reference.catalogue.procedures.compactMap(\.department), by: { $0 })
        if let busiest = departmentCounts.max(by: { $0.value.count < $1.value.count })?.key, let department = agencies.agency(id: busiest) {
            team.append(("so", department, [.specialist, .leader]))
        }
        return team.flatMap { prefix, agency, roles in roles.map { (username: prefix + "." + Self.suffix($0), role: $0, agency: agency) } }
    }

    /// A table for the terminal.
    public static func describe(_ accounts: [Account]) -> String {
        var lines = ["Demo accounts (password: \(demoPassword)) — tài khoản dùng thử:"]
        for account in accounts {
            let role = account.role.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
            lines.append("  \(account.username.padding(toLength: 18, withPad: " ", startingAt: 0)) \(role) \(account.agencyName) [\(account.agencyID)]")
        }
        return lines.joined(separator: "\n")
    }

    private static func suffix(_ role: Role) -> String {
        switch role {
        case .receptionOfficer: "tiepnhan"
        case .specialist: "chuyenvien"
        case .leader: "lanhdao"
        case .resultClerk: "trakq"
        case .agencyAdministrator: "quantri"
        case .operationsMonitor: "giamsat"
        case .dataSteward: "dulieu"
        case .auditor: "thanhtra"
        }
    }

    private static func demoName(_ role: Role) -> String {
        switch role {
        case .receptionOfficer: "Nguyễn Thị Lan"
        case .specialist: "Trần Văn Minh"
        case .leader: "Lê Quang Huy"
        case .resultClerk: "Phạm Thu Hà"
        case .agencyAdministrator: "Đỗ Đức Anh"
        case .operationsMonitor: "Vũ Hồng Nhung"
        case .dataSteward: "Hoàng Minh Tuấn"
        case .auditor: "Ngô Thanh Bình"
        }
    }
}
