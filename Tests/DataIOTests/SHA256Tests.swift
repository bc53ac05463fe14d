import Testing
@testable import DataIO

/// SHA-256 through Nettle against the FIPS 180-4 example messages.
@Suite struct SHA256Tests {
    static func hex(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        return hasher.hexDigest()
    }

    @Test func fipsExamples() {
        #expect(Self.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func oneMillionAsInUnevenPieces() {
        // The same digest whatever the pieces: 1,000,000 'a' fed 1, 63, 64, 65, 4096 … bytes at a time.
        var hasher = SHA256()
        var left = 1_000_000, sizes = [1, 63, 64, 65, 4096, 100_000], i = 0
        while left > 0 {
            let n = min(sizes[i % sizes.count], left)
            hasher.update([UInt8](repeating: 0x61, count: n))
            left -= n
            i += 1
        }
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Asking for the digest leaves the state: asked again, the same digest; one more byte, the
        // digest of 1,000,001 'a' (Python's hashlib).
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        hasher.update([0x61])
        #expect(hasher.hexDigest() == "9710f0882e9694259bf237c37b53b170f63b30b2addce6d498107ab6e4f9c3a5")
    }
}
