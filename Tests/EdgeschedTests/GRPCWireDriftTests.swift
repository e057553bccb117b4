import TestFixtures
import Testing

/// The gRPC ingress's hand-written schema against Triton's, as the
/// descriptor tritonclient[grpc] ships holds it (Tests/Clients/grpc_wire_drift.py).
@Suite struct GRPCWireDriftTests {
    @Test func everyMessageFieldAndRPCOfTheSchemaIsTritons() throws {
        let check = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/grpc_wire_drift.py",
            FixtureTrees.packageRoot + "/Sources/OpenInferenceGRPC/grpc_service.proto",
        ])
        #expect(check.status == 0, "\(check.output)\(check.error)")
        #expect(check.output.contains("match Triton's"))
    }
}
