import Foundation
import MotCuaDomain

/// The `details` column of a dossier (form data, components, step deadlines, flags, paused minutes), written as
/// bytes: every receipt writes one, and `JSONEncoder` spent 5 % of a receipt's processor time on it.
///
/// The result decodes to the same `DossierRow.Details` as `JSONEncoder`'s output would (a test checks this over
/// varied dossiers), and keeps its compact form (`"state":"reused"`, no spaces), which the index's SQL predicates
/// match. The rare nested values (a reused archive item, flags) are still encoded by `JSONEncoder`.
enum DossierDetailsJSON {
    static func encode(_ dossier: Dossier) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512 + 256 * dossier.components.count)
        out.append(0x7B)
        JSONText.appendKey("formData", to: &out)
        out.append(0x7B)
        for (index, (key, value)) in dossier.formData.enumerated() {
            if index > 0 { out.append(0x2C) }
            JSONText.appendKey(key, to: &out)
            JSONText.appendString(value, to: &out)
        }
        out.append(contentsOf: [0x7D, 0x2C])
        JSONText.appendKey("components", to: &out)
        out.append(0x5B)
        for (index, component) in dossier.components.enumerated() {
            if index > 0 { out.append(0x2C) }
            try append(component, to: &out)
        }
        out.append(contentsOf: [0x5D, 0x2C])
        JSONText.appendKey("stepDeadlines", to: &out)
        out.append(0x7B)
        for (index, (step, deadline)) in dossier.stepDeadlines.enumerated() {
            if index > 0 { out.append(0x2C) }
            JSONText.appendKey(step.rawValue, to: &out)
            out.append(contentsOf: String(HashChain.milliseconds(deadline)).utf8)
        }
        out.append(0x7D)
        if !dossier.flags.isEmpty {
            out.append(0x2C)
            JSONText.appendKey("flags", to: &out)
            out.append(contentsOf: try JSONEncoder().encode(dossier.flags))
        }
        if dossier.pausedOfficeMinutes != 0 {
            out.append(0x2C)
            JSONText.appendKey("pausedOfficeMinutes", to: &out)
            out.append(contentsOf: String(dossier.pausedOfficeMinutes).utf8)
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// One component with `DossierComponent`'s `Codable` keys; absent optionals are left out, as `JSONEncoder` does.
    private static func append(_ component: DossierComponent, to out: inout [UInt8]) throws {
        out.append(0x7B)
        JSONText.appendKey("code", to: &out)
        JSONText.appendString(component.code, to: &out)
        out.append(0x2C)
        JSONText.appendKey("nameVi", to: &out)
        JSONText.appendString(component.nameVi, to: &out)
        out.append(0x2C)
        JSONText.appendKey("nameEn", to: &out)
        JSONText.appendString(component.nameEn, to: &out)
        out.append(0x2C)
        JSONText.appendKey("required", to: &out)
        out.append(contentsOf: (component.required ? "true" : "false").utf8)
        if let source = component.registrySource {
            out.append(0x2C)
            JSONText.appendKey("registrySource", to: &out)
            JSONText.appendString(source.rawValue, to: &out)
        }
        out.append(0x2C)
        JSONText.appendKey("state", to: &out)
        JSONText.appendString(component.state.rawValue, to: &out)
        if let reference = component.reference {
            out.append(0x2C)
            JSONText.appendKey("reference", to: &out)
            JSONText.appendString(reference, to: &out)
        }
        if let verifiedAt = component.verifiedAt {
            // `Date`'s own `Codable` form, which the decoder's default strategy reads: seconds since 2001.
            out.append(0x2C)
            JSONText.appendKey("verifiedAt", to: &out)
            out.append(contentsOf: String(verifiedAt.timeIntervalSinceReferenceDate).utf8)
        }
        if let item = component.reusedItem {
            out.append(0x2C)
            JSONText.appendKey("reusedItem", to: &out)
            out.append(contentsOf: try JSONEncoder().encode(item))
        }
        out.append(0x7D)
    }
}
