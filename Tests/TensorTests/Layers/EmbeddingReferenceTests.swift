import Foundation
import Randomness
import Tensor
import Testing
import TestSupport

/// `Fixtures/tensor/sparse-embedding-reference.json`, written by
/// `Fixtures/scripts/sparse-embedding-reference.py` (PyTorch): `nn.Embedding(12, 4, padding_idx=0)`
/// with `sparse=True` + `torch.optim.SparseAdam`, and `sparse=False` + `torch.optim.Adam`, over four
/// batches of padded id lists with `L = Σ R ⊙ E + ½ Σ E ⊙ E`.
struct SparseEmbeddingReference: Decodable, Sendable {
    struct Batch: Decodable, Sendable {
        let ids: [Int]
        let shape: [Int]
        let weights: [Float]
    }
    struct Step: Decodable, Sendable {
        let loss: Float
        let gradRows: [Int]
        let gradValues: [Float]
        let table: [Float]
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let sparse: Bool
        let optimizer: String
        let learningRate: Float
        let beta1: Float
        let beta2: Float
        let epsilon: Float
        let steps: [Step]
        var testDescription: String { name }
    }
    struct Accumulation: Decodable, Sendable {
        let batches: [Int]
        let rows: [Int]
        let values: [Float]
    }
    let vocabulary: Int
    let dimension: Int
    let paddingIndex: Int
    let initialTable: [Float]
    let batches: [Batch]
    let cases: [Case]
    let accumulation: Accumulation

    /// `Fixtures/tensor/sparse-embedding-reference.json`.
    static let document: SparseEmbeddingReference = decodedFixture("tensor/sparse-embedding-reference.json")

    /// A fresh embedding holding the recorded initial table.
    func embedding(sparse: Bool) throws -> Embedding {
        var g = Xoshiro256StarStar(seed: 0)
        let embedding = Embedding(vocabulary, dimension, paddingIndex: paddingIndex, sparse: sparse, generator: &g)
        try embedding.loadStateDict(["weight": ([vocabulary, dimension], initialTable)])
        return embedding
    }

    /// `L = Σ R ⊙ E + ½ Σ E ⊙ E` for batch `k`.
    func loss(_ embedding: Embedding, batch k: Int) -> Tensor {
        let batch = batches[k]
        let e = embedding(batch.ids)
        return (e * Tensor(batch.weights, shape: e.shape)).sum() + (e * e).sum() * 0.5
    }
}

@Suite struct EmbeddingReferenceTests {
    /// Loss, coalesced gradient and table after every step agree with PyTorch's (SparseAdam for
    /// the sparse cases, Adam for the dense one).
    @Test(arguments: SparseEmbeddingReference.document.cases)
    func trajectoryMatchesPyTorch(_ c: SparseEmbeddingReference.Case) throws {
        let reference = SparseEmbeddingReference.document
        let embedding = try reference.embedding(sparse: c.sparse)
        let adam = Adam(embedding.parameters, learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2,
                        epsilon: c.epsilon)
        for (k, expected) in c.steps.enumerated() {
            adam.zeroGrad()
            let loss = reference.loss(embedding, batch: k)
            loss.backward()
            #expect(Swift.abs(loss.item - expected.loss) <= 1e-4 * Swift.max(1, Swift.abs(expected.loss)), "step \(k) loss")
            if c.sparse {
                let gradient = try #require(embedding.table.sparseGrad)
                #expect(gradient.rows == expected.gradRows, "step \(k) rows")
                expectClose(gradient.values, expected.gradValues)
            } else {
                #expect(embedding.table.sparseGrad == nil)
                let dense = try #require(embedding.table.grad)
                let d = reference.dimension
                expectClose(expected.gradRows.flatMap { dense[($0 * d)..<(($0 + 1) * d)] }, expected.gradValues)
            }
            adam.step()
            expectClose(embedding.table.data, expected.table, tolerance: 1e-6)
        }
    }

    /// Two backward passes before reading the gradient: PyTorch's coalesced sum.
    @Test func accumulationMatchesPyTorch() throws {
        let reference = SparseEmbeddingReference.document
        let embedding = try reference.embedding(sparse: true)
        for k in reference.accumulation.batches { reference.loss(embedding, batch: k).backward() }
        let gradient = try #require(embedding.table.sparseGrad)
        #expect(gradient.rows == reference.accumulation.rows)
        expectClose(gradient.values, reference.accumulation.values)
    }
}
