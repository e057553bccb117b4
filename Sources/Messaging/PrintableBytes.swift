/// Bytes shown in an error: quoted text when every byte is printable ASCII (most routing ids clients choose),
/// otherwise hexadecimal (libzmq's generated ids start with a zero byte); at most 32 bytes, then `…`.
struct PrintableBytes: CustomStringConvertible {
    let bytes: [UInt8]

    init(_ bytes: some Collection<UInt8>) {
        self.bytes = Array(bytes)
    }

    var description: String {
        let shown = bytes.prefix(32)
        let suffix = bytes.count > shown.count ? "…" : ""
        if !shown.isEmpty && shown.allSatisfy({ (0x20...0x7E).contains($0) }) {
            return "\"\(String(decoding: shown, as: UTF8.self))\(suffix)\""
        }
        let hex = shown.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 0x10 ? "0" + digits : digits
        }
        return "0x\(hex.joined())\(suffix)"
    }
}
