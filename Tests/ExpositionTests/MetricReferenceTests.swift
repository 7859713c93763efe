import TestSupport
import Testing

@testable import Exposition

/// README's metric reference lists every family the agent exports, with its type and labels, and nothing else.
@Suite struct MetricReferenceTests {
    @Test func everyFamilyIsDocumentedWithItsTypeAndLabels() throws {
        let readme = try ReadmeTables()
        let rows = ReadmeTables.table(at: "| metric | type | labels | meaning |", in: readme.section("Metric reference"))
        let documented = Dictionary(
            rows.compactMap { row in ReadmeTables.code(row.first ?? "").map { ($0, row) } },
            uniquingKeysWith: { first, _ in first })
        #expect(documented.count >= MetricCatalog.all.count, "\(documented.keys.sorted())")
        for family in MetricCatalog.all {
            guard let row = documented[family.name] else {
                Issue.record("\(family.name) is missing from README's metric reference")
                continue
            }
            let kind: String =
                switch family.kind {
                case .gauge: "gauge"
                case .counter: "counter"
                case .histogram: "histogram"
                }
            #expect(row[1] == kind, "\(family.name): \(row[1]) in README, \(kind) exported")
            let labels = row[2].split(separator: ",").compactMap { ReadmeTables.code(String($0)) }
            #expect(labels == family.labelNames, "\(family.name): labels \(labels) in README, \(family.labelNames) exported")
            #expect(row[2].hasPrefix("target labels") == family.isPerTarget, "\(family.name): target labels")
        }
        let exported = Set(MetricCatalog.all.map(\.name))
        for name in documented.keys where !exported.contains(name) {
            Issue.record("README documents \(name), which is not exported")
        }
    }
}
