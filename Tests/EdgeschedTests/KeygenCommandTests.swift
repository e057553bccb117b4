import Foundation
import Testing

/// `edgesched keygen`: a key pair the agent's CURVE options read, written
/// without overwriting one that exists.
struct KeygenCommandTests {
    @Test func writesASecretOnlyItsOwnerMayReadAndAPublicKeyThatMatchesIt() throws {
        let folder = try TemporaryFiles.folder(named: "keygen")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("gw-01").path
        let result = try Edgesched.run(["keygen", prefix])
        #expect(result.status == 0, "\(result.error)")
        let secret = try String(contentsOfFile: prefix + ".key", encoding: .utf8)
        let publicKey = try String(contentsOfFile: prefix + ".pub", encoding: .utf8)
        #expect(secret.count == 41 && secret.hasSuffix("\n"))
        #expect(publicKey.count == 41 && publicKey.hasSuffix("\n"))
        #expect(secret != publicKey)
        #expect(result.output.contains("public \(publicKey.dropLast())"))
        let mode = try FileManager.default.attributesOfItem(atPath: prefix + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let python = """
            import sys, zmq
            secret, public = (open(sys.argv[1] + ext).read().strip().encode() for ext in (".key", ".pub"))
            sys.exit(0 if zmq.curve_public(secret) == public else 1)
            """
        let check = try Edgesched.run(command: ["/usr/bin/env", "python3", "-c", python, prefix])
        #expect(check.status == 0, "libzmq derives the same public key from the secret: \(check.error)")

        let again = try Edgesched.run(["keygen", prefix])
        #expect(again.status != 0)
        #expect(again.error.contains("gw-01.key: cannot write: File exists (it exists; remove it or pass --force)"))
        #expect(try String(contentsOfFile: prefix + ".key", encoding: .utf8) == secret, "the old key is kept")
        let forced = try Edgesched.run(["keygen", prefix, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try String(contentsOfFile: prefix + ".key", encoding: .utf8) != secret)
    }
}
