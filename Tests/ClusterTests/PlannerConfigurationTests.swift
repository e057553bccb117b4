import Cluster
import Testing

@Suite struct PlannerConfigurationTests {
    private static let variant = PlannedVariant(name: "fp32", serviceMilliseconds: 10, memoryBytes: 1, accuracy: 0.9)

    @Test(
        "a value out of range is refused, naming it",
        arguments: [
            ([PlannedModel](), 0.85, 4, "no models"),
            (
                [PlannedModel(name: "a", variants: [variant]), PlannedModel(name: "a", variants: [variant])], 0.85, 4,
                "\"a\" is listed twice"
            ),
            ([PlannedModel(name: "a", variants: [])], 0.85, 4, "model \"a\" has no variants"),
            (
                [
                    PlannedModel(
                        name: "a",
                        variants: [PlannedVariant(name: "v", serviceMilliseconds: 0, memoryBytes: 1, accuracy: 1)])
                ],
                0.85, 4, "variant \"v\": serviceMilliseconds 0.0 must be above 0"
            ),
            ([PlannedModel(name: "a", variants: [variant])], 1.5, 4, "headroom 1.5 must be above 0 and at most 1"),
            ([PlannedModel(name: "a", variants: [variant])], 0.85, 0, "maximumMovesPerRound 0 must be 1 or more"),
        ] as [([PlannedModel], Double, Int, String)]
    )
    func refusesOutOfRangeValues(models: [PlannedModel], headroom: Double, moves: Int, message: String) {
        #expect {
            try PlannerConfiguration(models: models, headroom: headroom, maximumMovesPerRound: moves)
        } throws: { error in
            (error as? ClusterError)?.kind == .invalidPlannerConfiguration && "\(error)".contains(message)
        }
    }

    @Test func sortsModelsByName() throws {
        let configuration = try PlannerConfiguration(models: [
            PlannedModel(name: "b", variants: [Self.variant]), PlannedModel(name: "a", variants: [Self.variant]),
        ])
        #expect(configuration.models.map(\.name) == ["a", "b"])
    }
}
