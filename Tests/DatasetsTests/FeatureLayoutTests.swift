import DataIO
import Recipe
import Testing
@testable import Datasets

@Suite struct FeatureLayoutTests {
    let inputs: [ColumnSchema] = [.categorical("colour", cardinality: 3, values: ["blue", "green", "red"]),
                                  .numeric("size"), .categorical("shape", cardinality: 2), .numeric("weight")]

    @Test func valuesKeepsTheColumns() throws {
        let layout = try FeatureLayout(inputs: inputs)
        #expect(layout.outputs.map(\.name) == ["colour", "size", "shape", "weight"])
        #expect(layout.positions == [0, 1, 2, 3])
    }

    @Test func oneHotPutsIndicatorsAfterTheOtherColumnsLikeGetDummies() throws {
        let layout = try FeatureLayout(inputs: inputs, options: OutputSpec(encode: .onehot))
        #expect(layout.outputs.map(\.name) == ["size", "weight", "colour=blue", "colour=green", "colour=red", "shape=0", "shape=1"])
        #expect(layout.positions == [2, 0, 5, 1])
        #expect(layout.outputs[2].type == .indicator && layout.outputs[2].source == "colour" && layout.outputs[2].value == "blue")
    }

    @Test func scalingUsesTrainStatistics() throws {
        let stats = ["size": ColumnStatistics([2, 4, 6]), "weight": ColumnStatistics([5, 5])]
        let minmax = try FeatureLayout(inputs: inputs, options: OutputSpec(scale: .minmax), trainStatistics: stats)
        #expect(minmax.scalings[1] == .init(method: "minmax", offset: 2, factor: 0.25))
        #expect(minmax.scalings[3] == .init(method: "minmax", offset: 5, factor: 0))  // constant column -> 0
        let standard = try FeatureLayout(inputs: inputs, options: OutputSpec(scale: .standard), trainStatistics: stats)
        #expect(standard.scalings[1]!.offset == 4)
        #expect(abs(standard.scalings[1]!.factor - 1 / (8.0 / 3).squareRoot()) < 1e-15)
        #expect {
            _ = try FeatureLayout(inputs: inputs, options: OutputSpec(scale: .standard))
        } throws: { ($0 as? DataError)?.code == .badOutput }
    }

    @Test func statisticsArePopulationMoments() {
        let s = ColumnStatistics([1, 2, 3, 4])
        #expect(s.minimum == 1 && s.maximum == 4 && s.mean == 2.5)
        #expect(abs(s.standardDeviation - 1.25.squareRoot()) < 1e-15)
    }
}
