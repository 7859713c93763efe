import IMAPProtocol
import Testing

@Suite("TagGenerator")
struct TagGeneratorTests {
    @Test func countsUpWithThreeDigitsThenMore() {
        var generator = TagGenerator()
        #expect(generator.next() == "A001")
        #expect(generator.next() == "A002")
        for _ in 3...999 { _ = generator.next() }
        #expect(generator.next() == "A1000")
    }

    @Test func tagsAreAcceptedByTheEncoder() throws {
        var generator = TagGenerator(prefix: "P")
        let tag = generator.next()
        #expect(try CommandEncoder().encode(.noop, tag: tag).transcript == "P001 NOOP")
    }
}
