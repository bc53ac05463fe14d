/// Bytes as lowercase hexadecimal, two digits per byte, most significant first (the spelling of
/// SHA-256 digests in manifests and of GNU build IDs in `readelf -n`).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }
}
