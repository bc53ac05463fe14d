import Tensor
import Testing

@Suite struct ModuleStateDictTests {
    static func state(of model: TinyModel) -> [String: (shape: [Int], values: [Float])] {
        Dictionary(uniqueKeysWithValues: model.stateDict().map { ($0.name, ($0.tensor.shape, $0.tensor.data)) })
    }

    @Test func loadCopiesValuesInPlace() throws {
        let a = TinyModel(seed: 1), b = TinyModel(seed: 2)
        a.norm.runningMean.data = [1, 2, 3, 4]
        let weight = b.head.weight
        try b.loadStateDict(Self.state(of: a))
        #expect(b.head.weight === weight)                     // same tensor, new values
        #expect(b.stateDict().map(\.tensor.data) == a.stateDict().map(\.tensor.data))
    }

    @Test func strictLoadingNamesMissingAndUnexpectedTensors() {
        let a = TinyModel(seed: 1), b = TinyModel(seed: 2)
        var state = Self.state(of: a)
        state["head.bias"] = nil
        state["head.scale"] = ([2], [1, 1])
        let before = b.stateDict().map(\.tensor.data)
        let error = #expect(throws: StateDictError.self) { try b.loadStateDict(state) }
        #expect(error?.description == "state dict does not match the module: missing head.bias; unexpected head.scale")
        #expect(b.stateDict().map(\.tensor.data) == before)
        // Not strict: what matches is loaded, the rest is left alone.
        state["head.scale"] = nil
        #expect(throws: Never.self) { try b.loadStateDict(state, strict: false) }
        #expect(b.head.weight.data == a.head.weight.data && b.head.bias?.data != a.head.bias?.data)
    }

    @Test func aShapeMismatchChangesNothing() {
        let a = TinyModel(seed: 1), b = TinyModel(seed: 2)
        var state = Self.state(of: a)
        state["head.weight"] = ([2, 4], [Float](repeating: 0, count: 8))
        let before = b.stateDict().map(\.tensor.data)
        let error = #expect(throws: StateDictError.self) { try b.loadStateDict(state) }
        #expect(error?.description == "head.weight: shape [2, 4] in the state dict, [4, 2] in the module")
        #expect(b.stateDict().map(\.tensor.data) == before)
    }
}
