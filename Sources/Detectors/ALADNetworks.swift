import Randomness
import Tensor

/// The five networks of ALAD (Zenati et al., ICDM 2018) for tabular data, as the authors'
/// `kdd_utilities.py` and `arrhythmia_utilities.py` build them: dense layers with Xavier-uniform
/// weights and zero biases, leaky ReLU slope 0.2, dropout only in training, batch norm with
/// TensorFlow's defaults (moving-average momentum 0.99, ε 10⁻³).
///
/// | net | `kdd` (x 121, z 32) | `arrhythmia` (x 274, z 64) |
/// |---|---|---|
/// | encoder E | x→64 lrelu→z | x→256 lrelu→128 lrelu→z |
/// | generator G | z→64 relu→128 relu→x | z→128 relu→256 relu→x |
/// | D_xz | x→128 BN lrelu ‖ z→128 lrelu drop .5; →128 lrelu drop .5 →1 | the same, joint layer 256 |
/// | D_xx | [x, x′]→128 lrelu drop .2 (features) →1 | [x, x′]→256 lrelu drop .2 →128 lrelu drop .2 (features) →1 |
/// | D_zz | [z, z′]→32 lrelu drop .2 →1 | [z, z′]→64 lrelu drop .2 →32 lrelu drop .2 →1 |
///
/// The input and latent widths are free: `kdd` and `arrhythmia` name the layer sizes.
final class ALADNetworks: Module {
    /// The layer sizes of one of the code's two tabular architectures.
    enum Architecture: String, CaseIterable, Sendable {
        case kdd, arrhythmia

        var encoderHidden: [Int] { self == .kdd ? [64] : [256, 128] }
        var generatorHidden: [Int] { self == .kdd ? [64, 128] : [128, 256] }
        var jointWidth: Int { self == .kdd ? 128 : 256 }
        var pairXXHidden: [Int] { self == .kdd ? [128] : [256, 128] }
        var pairZZHidden: [Int] { self == .kdd ? [32] : [64, 32] }
        /// The latent size the code uses with it.
        var defaultLatent: Int { self == .kdd ? 32 : 64 }
        /// The epochs that reached the paper's figures best here (README, "ALAD"): the code
        /// leaves the count open.
        var defaultEpochs: Int { self == .kdd ? 100 : 1000 }
    }

    let encoder: Sequential
    let generator: Sequential
    let xzX: Sequential
    let xzZ: Sequential
    let xzJoint: Sequential
    let xzOut: Linear
    let xxFeatures: Sequential
    let xxOut: Linear
    let zzFeatures: Sequential
    let zzOut: Linear
    var isTraining = true

    init(inputs: Int, latent: Int, architecture a: Architecture, generator g: inout Xoshiro256StarStar) {
        func dense(_ from: Int, _ to: Int) -> Linear {
            Linear(from, to, initialization: .xavierUniform(), generator: &g)
        }
        func stack(_ from: Int, _ widths: [Int], activation: Activation.Kind, dropout: Float?,
                   output: Int?) -> Sequential {
            var layers: [any Layer] = []
            var width = from
            for next in widths {
                layers.append(dense(width, next))
                layers.append(Activation(activation))
                if let dropout { layers.append(Dropout(dropout, seed: g.next())) }
                width = next
            }
            if let output { layers.append(dense(width, output)) }
            return Sequential(layers)
        }
        let lrelu = Activation.Kind.leakyRelu(slope: 0.2)
        encoder = stack(inputs, a.encoderHidden, activation: lrelu, dropout: nil, output: latent)
        generator = stack(latent, a.generatorHidden, activation: .relu, dropout: nil, output: inputs)
        xzX = Sequential([dense(inputs, 128), BatchNorm1d(128, momentum: 0.01, epsilon: 1e-3), Activation(lrelu)])
        xzZ = Sequential([dense(latent, 128), Activation(lrelu), Dropout(0.5, seed: g.next())])
        xzJoint = Sequential([dense(256, a.jointWidth), Activation(lrelu), Dropout(0.5, seed: g.next())])
        xzOut = dense(a.jointWidth, 1)
        xxFeatures = stack(2 * inputs, a.pairXXHidden, activation: lrelu, dropout: 0.2, output: nil)
        xxOut = dense(a.pairXXHidden.last ?? 2 * inputs, 1)  // the features' width: the input's when no hidden layer
        zzFeatures = stack(2 * latent, a.pairZZHidden, activation: lrelu, dropout: 0.2, output: nil)
        zzOut = dense(a.pairZZHidden.last ?? 2 * latent, 1)
    }

    var children: [(name: String, module: any Module)] {
        [("encoder", encoder), ("generator", generator), ("dxz_x", xzX), ("dxz_z", xzZ), ("dxz_joint", xzJoint),
         ("dxz_out", xzOut), ("dxx_features", xxFeatures), ("dxx_out", xxOut), ("dzz_features", zzFeatures),
         ("dzz_out", zzOut)]
    }

    var encoderAndGenerator: [Tensor] { encoder.parameters + generator.parameters }
    var discriminators: [Tensor] {
        let modules: [any Module] = [xzX, xzZ, xzJoint, xzOut, xxFeatures, xxOut, zzFeatures, zzOut]
        return modules.flatMap(\.parameters)
    }

    /// D_xz(x, z): one logit per row.
    func dxz(_ x: Tensor, _ z: Tensor) -> Tensor {
        xzOut(xzJoint(Tensor.concatColumns([xzX(x), xzZ(z)])))
    }

    /// D_xx(x, x′): the feature layer and the logit.
    func dxx(_ x: Tensor, _ other: Tensor) -> (features: Tensor, logit: Tensor) {
        let features = xxFeatures(Tensor.concatColumns([x, other]))
        return (features, xxOut(features))
    }

    /// D_zz(z, z′): the logit.
    func dzz(_ z: Tensor, _ other: Tensor) -> Tensor {
        zzOut(zzFeatures(Tensor.concatColumns([z, other])))
    }
}
