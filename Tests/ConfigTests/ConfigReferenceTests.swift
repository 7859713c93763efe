import TestSupport
import Testing

@testable import Config

/// README's configuration reference names exactly the keys the loader accepts, each where it is accepted.
@Suite struct ConfigReferenceTests {
    static func keys(_ heading: String) throws -> [String] {
        let rows = ReadmeTables.table(at: heading, in: try ReadmeTables().section("Configuration reference"))
        return rows.compactMap { ReadmeTables.code($0.first ?? "") }
    }

    @Test(arguments: [
        ("**Top level**", ConfigKeys.topLevel),
        ("**`thresholds:`**", ConfigKeys.thresholds),
        ("**`alerting:`**", AlertKeys.policy),
        ("**`alerts:`**", AlertKeys.alerts),
        ("**A receiver**", AlertKeys.receiver),
        ("**A route**", AlertKeys.route),
    ])
    func eachSectionListsExactlyTheKeysTheLoaderAccepts(heading: String, accepted: [String]) throws {
        let documented = try Self.keys(heading)
        #expect(Set(documented) == Set(accepted), "\(heading): README \(documented.sorted()), loader \(accepted.sorted())")
        #expect(documented.count == Set(documented).count, "\(heading): a key twice")
    }

    @Test func probeKeysAreDocumentedWhereTheyAreAccepted() throws {
        let heading = "**Targets, modules and defaults**"
        let rows = ReadmeTables.table(at: heading, in: try ReadmeTables().section("Configuration reference"))
        var documented: [String: Set<String>] = [:]
        for row in rows {
            guard let key = ReadmeTables.code(row.first ?? ""), row.count > 1 else { continue }
            let places = row[1] == "all" ? ["defaults", "module", "target"] : row[1].components(separatedBy: ", ")
            documented[key] = Set(places)
        }
        let sections: [(String, [String])] = [
            ("defaults", ConfigKeys.defaults), ("module", ConfigKeys.module), ("target", ConfigKeys.target),
        ]
        var accepted: [String: Set<String>] = [:]
        for (place, keys) in sections {
            for key in keys { accepted[key, default: []].insert(place) }
        }
        #expect(Set(documented.keys) == Set(accepted.keys), "README \(documented.keys.sorted()), loader \(accepted.keys.sorted())")
        for (key, places) in accepted {
            #expect(documented[key] == places, "\(key): README says \(documented[key]?.sorted() ?? []), accepted in \(places.sorted())")
        }
    }
}
