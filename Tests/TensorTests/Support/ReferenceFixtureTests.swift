import Testing

/// The PyTorch reference fixtures behind the parameterised tests, counted: those tests take
/// their cases by filtering a fixture by a name (`op`, `kind`), so an op renamed in a
/// regenerated fixture would leave them with no case, running nothing and reporting nothing.
/// Here every case must belong to a filter that a test uses, and each filter has its count.
@Suite struct ReferenceFixtureTests {
    @Test("tensor-ops-reference.json: 4 logSoftmax, 10 crossEntropy, 2 nllLoss cases, nothing else")
    func tensorOps() {
        #expect(TorchReference.cases("logSoftmax").count == 4)
        #expect(TorchReference.cases("crossEntropy").count == 10)
        #expect(TorchReference.cases("nllLoss").count == 2)
        #expect(TorchReference.document.cases.count == 16)
    }

    @Test("rnn-reference.json: 4 LSTM and 4 GRU cases, 2 of each bidirectional, nothing else")
    func recurrent() {
        #expect(RNNReference.cases("lstm", bidirectional: false).count == 4)
        #expect(RNNReference.cases("gru", bidirectional: false).count == 4)
        #expect(RNNReference.cases("lstm", bidirectional: true).count == 2)
        #expect(RNNReference.cases("gru", bidirectional: true).count == 2)
        #expect(RNNReference.document.cases.count == 12)
    }

    @Test("sparse-embedding-reference.json: 3 cases")
    func sparseEmbedding() {
        #expect(SparseEmbeddingReference.document.cases.count == 3)
    }
}
