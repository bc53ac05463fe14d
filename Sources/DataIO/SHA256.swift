import CNettle

/// Incremental SHA-256 through Nettle's `sha256_*` (FIPS 180-4; the checksums of the manifests
/// and of known source files). A value type: copying it copies the running state.
public struct SHA256: Sendable {
    private var context = sha256_ctx()

    public init() { nettle_sha256_init(&context) }

    /// Adds `bytes` to the message.
    public mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        nettle_sha256_update(&context, bytes.count, base.assumingMemoryBound(to: UInt8.self))
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(bufferPointer: $0) }
    }

    /// The 32-byte digest of everything added (the hasher itself is left as it was).
    public func finalize() -> [UInt8] {
        var copy = context
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_SIZE))
        nettle_sha256_digest(&copy, digest.count, &digest)
        return digest
    }

    /// The digest as 64 lowercase hex digits.
    public func hexDigest() -> String {
        Hex.lowercase(finalize())
    }
}
