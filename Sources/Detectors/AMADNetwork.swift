import Randomness
import Tensor

/// AMAD's network (Gao et al., DLP-KDD 2019, §3, Eqs. 1-15), for a group of `K` blocks of `T`
/// consecutive instances each (`B = K·T` instances, `F` attributes, embeddings of size `d`, an
/// LSTM of `H` units), `f` = leaky ReLU:
///
///     v_F = embedding(id)                                      (Eq. 1, sparse gradient)
///     v_A = Σ_ids softmax(u_Fᵀ tanh(W_F v_F + b_F)) v_F          [B, F, d]   (masked: no id → 0)
///     v_S = Σ_a softmax(u_Aᵀ tanh(W_A v_A + b_A)) v_A            [B, d]      (Eq. 2)
///     v_R = Σ_a softmax(u_Rᵀ tanh(W_R [f(v_A), v_Mem] + b_R)) v_A [B, d]     (Eq. 3)
///     v_I = batchnorm([v_S, v_R])                               [B, 2d]     (Eq. 4)
///     h = W_enc (f(v_I) + Δ) + b_enc,  v_I* = f(W_dec f(h) + b_dec) − Δ      (Eq. 6)
///     v_B = LSTM(f(v_I) of the block, from the previous block's state)       (Eq. 5)
///     v_B* = the same LSTM, its weights held (no gradient), over f(v_I*)     (Eq. 7)
///     ŷ_I = σ(W_I x + b_I), x ∈ {v_I, v_I*};  ŷ_B = σ(W_B x + b_B), x ∈ {v_B, v_B*}  (Eqs. 8-9)
///
/// `v_Mem` is the previous block's `v_B`, which is also the LSTM's initial state (hidden and cell)
/// for the block. `attributes: .concatenate` is the authors' code's variant of Eqs. 2-3: the
/// weighted attribute vectors concatenated (`F·d` each) instead of summed. Without `relative`
/// (the paper's "−RelRep" ablation), `v_I = batchnorm(v_S)`.
///
/// State-dict names: `embedding.weight`, `feature_attention.*`, `self_attention.*`,
/// `relative_attention.*`, `batch_norm.*`, `encoder.*`, `decoder.*`, `block_rnn.*`,
/// `instance_discriminator.*`, `block_discriminator.*`.
final class AMADNetwork: Module {
    enum AttributePooling: String, CaseIterable, Sendable { case sum, concatenate }

    let embedding: Embedding
    let featureAttention: AttentionPooling
    let selfAttention: AttentionPooling
    let relativeAttention: AttentionPooling?
    let batchNorm: BatchNorm1d
    let encoder: Linear, decoder: Linear
    let blockRNN: LSTM
    let instanceDiscriminator: Linear, blockDiscriminator: Linear
    let attributes: Int, dimension: Int, hidden: Int
    let pooling: AttributePooling
    var isTraining = true

    /// The size of `v_I`.
    var instanceSize: Int {
        let part = pooling == .sum ? dimension : attributes * dimension
        return relativeAttention == nil ? part : 2 * part
    }

    init(vocabulary: Int, attributes: Int, dimension: Int, code: Int, hidden: Int, pooling: AttributePooling,
         relative: Bool, generator: inout Xoshiro256StarStar) {
        self.attributes = attributes
        self.dimension = dimension
        self.hidden = hidden
        self.pooling = pooling
        embedding = Embedding(vocabulary, dimension, paddingIndex: 0, sparse: true, generator: &generator)
        featureAttention = AttentionPooling(dimension, generator: &generator)
        selfAttention = AttentionPooling(dimension, generator: &generator)
        relativeAttention = relative ? AttentionPooling(dimension + hidden, generator: &generator) : nil
        let part = pooling == .sum ? dimension : attributes * dimension
        let size = relative ? 2 * part : part
        batchNorm = BatchNorm1d(size)
        encoder = Linear(size, code, generator: &generator)
        decoder = Linear(code, size, generator: &generator)
        blockRNN = LSTM(size, hidden, generator: &generator)
        instanceDiscriminator = Linear(size, 1, generator: &generator)
        blockDiscriminator = Linear(hidden, 1, generator: &generator)
    }

    var children: [(name: String, module: any Module)] {
        var list: [(name: String, module: any Module)] = [("embedding", embedding), ("feature_attention", featureAttention),
                                                          ("self_attention", selfAttention)]
        if let relativeAttention { list.append(("relative_attention", relativeAttention)) }
        list += [("batch_norm", batchNorm), ("encoder", encoder), ("decoder", decoder), ("block_rnn", blockRNN),
                 ("instance_discriminator", instanceDiscriminator), ("block_discriminator", blockDiscriminator)]
        return list
    }

    /// The generator's parameters (everything but the two discriminators).
    var generatorParameters: [Tensor] {
        children.filter { !$0.name.hasSuffix("discriminator") }.flatMap { $0.module.parameters }
    }

    var discriminatorParameters: [Tensor] { instanceDiscriminator.parameters + blockDiscriminator.parameters }

    /// What one forward pass over a group of blocks gives.
    struct Pass {
        let instance: Tensor, resembled: Tensor            // v_I, v_I*  [B, D]
        let block: Tensor, resembledBlock: Tensor          // v_B, v_B*  [K, H]
        let state: RecurrentState                          // the blocks' final LSTM states (memory for the next)
    }

    /// The forward pass over instances `rows` of `lists` (stream-major: block k's `T` rows in
    /// order, then block k+1's), `streams` blocks of `T = rows.count / streams` rows, starting
    /// from `memory` (`[K, H]` hidden and cell; nil = zeros), with noise `noise` (`[B, D]` or nil).
    func forward(_ lists: IdLists, rows: [Int], streams: Int, memory: RecurrentState?, noise: Tensor?) -> Pass {
        let (b, f, d, h) = (rows.count, attributes, dimension, hidden)
        let t = b / streams
        precondition(t * streams == b && t > 0, "AMAD: \(b) rows do not make \(streams) blocks")

        // Eq. 1: the ids of every (instance, attribute), padded to the longest list.
        var length = 1
        for r in rows {
            for a in 0..<f { length = max(length, lists.list(row: r, attribute: a).count) }
        }
        var ids = [Int](repeating: 0, count: b * f * length)
        var valid = [Bool](repeating: false, count: b * f * length)
        for (i, r) in rows.enumerated() {
            for a in 0..<f {
                var k = (i * f + a) * length
                for id in lists.list(row: r, attribute: a) {
                    ids[k] = Int(id)
                    valid[k] = true
                    k += 1
                }
            }
        }
        let vectors = embedding(ids).reshaped([b * f, length, d])
        let attributeVectors = featureAttention(vectors, valid: valid).reshaped([b, f, d])   // v_A

        // Eqs. 2-4.
        let all = [Bool](repeating: true, count: b * f)
        func pool(_ weights: Tensor) -> Tensor {
            switch pooling {
            case .sum: return weights.reshaped([b, 1, f]).matmul(attributeVectors).reshaped([b, d])
            case .concatenate: return (attributeVectors * weights.reshaped([b, f, 1])).reshaped([b, f * d])
            }
        }
        let selfVector = pool(selfAttention.weights(attributeVectors, valid: all))
        var parts = [selfVector]
        let previous = memory?.hidden ?? Tensor.zeros([streams, h])
        if let relativeAttention {
            let perInstance = previous.reshaped([streams, 1, 1, h]).expanded(to: [streams, t, f, h]).reshaped([b, f, h])
            let input = Tensor.concatenate([attributeVectors.leakyRelu(), perInstance], axis: 2)
            parts.append(pool(relativeAttention.weights(input, valid: all)))
        }
        let instance = batchNorm(parts.count == 1 ? parts[0] : Tensor.concatenate(parts, axis: 1))   // v_I

        // Eq. 6.
        var encoderInput = instance.leakyRelu()
        if let noise { encoderInput = encoderInput + noise }
        var resembled = decoder(encoder(encoderInput).leakyRelu()).leakyRelu()
        if let noise { resembled = resembled - noise }

        // Eqs. 5 and 7.
        let size = instanceSize
        let real = Tensor.lstm(instance.leakyRelu().reshaped([streams, t, size]), inputWeight: blockRNN.inputWeight,
                               hiddenWeight: blockRNN.hiddenWeight, inputBias: blockRNN.inputBias,
                               hiddenBias: blockRNN.hiddenBias, hidden: memory?.hidden, cell: memory?.cell)
        let fake = Tensor.lstm(resembled.leakyRelu().reshaped([streams, t, size]), inputWeight: blockRNN.inputWeight.detached(),
                               hiddenWeight: blockRNN.hiddenWeight.detached(), inputBias: blockRNN.inputBias?.detached(),
                               hiddenBias: blockRNN.hiddenBias?.detached(), hidden: memory?.hidden, cell: memory?.cell)
        return Pass(instance: instance, resembled: resembled, block: real.hidden, resembledBlock: fake.hidden,
                    state: RecurrentState(hidden: real.hidden.detached(), cell: real.cell.detached()))
    }

    /// Elementwise binary cross-entropy of logits `z` against targets `y` in [0, 1],
    /// `max(z, 0) − z·y + log(1 + e^{−|z|})`.
    static func crossEntropy(_ z: Tensor, _ y: Tensor) -> Tensor {
        z.relu() - z * y + (-z.abs()).softplus()
    }

    /// Eqs. 10-11 per row: the cross-entropy between `σ(real)` and `σ(resembled)`, summed over
    /// the row (the paper's dot products) or, with `mean`, averaged (the authors' code).
    static func generatorLoss(real: Tensor, resembled: Tensor, mean: Bool) -> Tensor {
        let perElement = crossEntropy(resembled, real.sigmoid())
        return mean ? perElement.mean(axis: 1) : perElement.sum(axis: 1)
    }

    /// Eqs. 13-14 per row: `−log ŷ(real) − log(1 − ŷ(resembled))` of a discriminator.
    static func discriminatorLoss(_ discriminator: Linear, real: Tensor, resembled: Tensor) -> Tensor {
        let n = real.shape[0]
        return ((-discriminator(real)).softplus() + discriminator(resembled).softplus()).reshaped([n])
    }
}
