import Testing
@testable import Detectors

@Suite struct ListEncodingTests {
    @Test func namesMapToEncodings() {
        #expect(ListEncoding.names == ["multi-hot", "embedding", "hashed-embedding"])
        #expect(ListEncoding(name: "multi-hot", dimension: 8) == .multiHot)
        #expect(ListEncoding(name: "embedding", dimension: 8) == .embedding(dimension: 8, kind: .learned))
        #expect(ListEncoding(name: "hashed-embedding", dimension: 32) == .embedding(dimension: 32, kind: .hashed))
        #expect(ListEncoding.embedding(dimension: 16, kind: .learned).name == "embedding (16 dimensions)")
        #expect(ListEncoding.defaultDimension == 16)
    }
}
