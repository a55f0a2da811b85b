import Testing
@testable import Rhizome

@Suite struct CitationsTests {
    @Test func citedNumbersAreReadInEveryUsualForm() {
        #expect(Citations.numbers(in: "A [1]. B [2, 3] and C [4][5]; D [6–8], E [9-10].") == Set(1...10))
        #expect(Citations.numbers(in: "No sources here; an array a[i] and [see above] cite nothing.") == [])
        #expect(Citations.numbers(in: "unclosed [1") == [])
    }
}
