package import NIOCore

/// The string members of an answer's JSON body the generator reads without
/// decoding the whole document (a shedding server answers many refusals,
/// and the client must keep up): a refusal's `reason`
/// (`{"error": "...", "reason": "queue_full"}`) and the `model_version`
/// (the variant, for the agent) of a 200 answer.
package enum AnswerMember {
    /// The longest value kept; longer ones are not read.
    static let lengthLimit = 64

    /// The refusal's `reason`, when it is a plain identifier; nil otherwise.
    package static func reason(in body: ByteBuffer) -> String? {
        firstString(named: "reason", in: body)
    }

    /// The answer's `model_version`, the Open Inference Protocol's name for
    /// the version that ran (the agent writes its variant there), when it is
    /// a plain identifier; nil otherwise.
    package static func modelVersion(in body: ByteBuffer) -> String? {
        firstString(named: "model_version", in: body)
    }

    /// The string value of the first `"name"` member in `body`, when it is
    /// a plain identifier (letters, digits, `_`, `-`, `.`) of at most
    /// ``lengthLimit`` bytes; nil otherwise.
    static func firstString(named name: String, in body: ByteBuffer) -> String? {
        body.withUnsafeReadableBytes { bytes -> String? in
            let key = Array("\"\(name)\"".utf8)
            var index = 0
            while index + key.count <= bytes.count {
                guard bytes[index] == key[0], bytes[index..<index + key.count].elementsEqual(key) else {
                    index += 1
                    continue
                }
                var cursor = index + key.count
                skipSpaces(bytes, &cursor)
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else {
                    index += 1
                    continue
                }
                cursor += 1
                skipSpaces(bytes, &cursor)
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") else { return nil }
                cursor += 1
                let start = cursor
                while cursor < bytes.count, cursor - start <= lengthLimit, isIdentifier(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\""), cursor > start,
                    cursor - start <= lengthLimit
                else { return nil }
                return String(decoding: bytes[start..<cursor], as: UTF8.self)
            }
            return nil
        }
    }

    private static func skipSpaces(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int) {
        while cursor < bytes.count,
            [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
                .contains(bytes[cursor])
        {
            cursor += 1
        }
    }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
