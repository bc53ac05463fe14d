import CBLAS
import CSVM
import DataIO
import Dispatch
import Randomness
#if canImport(Glibc)
import Glibc
#endif

/// One-class SVM (Schölkopf et al., 2001) trained by **libsvm** (`svm_train`, ONE_CLASS, RBF
/// kernel), as scikit-learn's `OneClassSVM` wraps it: `nu` = 0.5, `gamma` = `scale`
/// (1 / (d · Var(X)), the variance over every training value) or `auto` (1/d) or a number,
/// tolerance 1e-3, shrinking on. Score = −decision value (higher = more anomalous), where the
/// decision value is libsvm's Σᵢ αᵢ·exp(−γ‖x − svᵢ‖²) − ρ over the support vectors.
///
/// Training is O(n²) or worse, so training sets above `max_train` rows are subsampled (seeded;
/// the count used is `trainedRows`). Scoring evaluates the same sum with the support vectors
/// copied out of the model: the cross products x·svᵢ of a block of rows come from one BLAS
/// `dgemm` (libsvm's `svm_predict_values` computes them one pair at a time, about ten times
/// slower on KDD-sized data; a test checks both agree), on two threads.
public struct OneClassSVM: Detector, DescribesFit {
    public var nu: Double
    public var gamma: String
    public var maxTrain: Int
    public private(set) var trainedRows = 0
    public private(set) var gammaValue = 0.0
    /// Support vectors (row-major, `supportCount × dimension`), their coefficients αᵢ and ρ.
    private var supportVectors: [Double] = []
    private var supportNorms: [Double] = []
    private var coefficients: [Double] = []
    private var rho = 0.0
    private var dimension = 0
    public var supportCount: Int { coefficients.count }

    public var fitSummary: String {
        "trained by libsvm on \(trainedRows) rows\(trainedRows < sourceRows ? " (a seeded subsample of \(sourceRows))" : ""), gamma \(gammaValue), \(supportCount) support vectors"
    }
    private var sourceRows = 0

    public enum Parameter {
        public static let nu = DetectorParameter(number: "nu", default: 0.5, range: 1e-6...1,
                                                 help: "upper bound on the training outlier fraction")
        public static let gamma = DetectorParameter(
            "gamma", default: "scale", shown: "scale", expected: "scale, auto or a positive number",
            help: "RBF width: scale, auto or a positive number") { text in
                text == "scale" || text == "auto" || (Double(text) ?? 0) > 0 ? text : nil
            }
        public static let maxTrain = DetectorParameter(integer: "max_train", default: 10_000, range: 2...Int.max,
                                                       help: "training rows kept (seeded subsample beyond it)")
    }

    public init(nu: Double = Parameter.nu.defaultValue, gamma: String = Parameter.gamma.defaultValue,
                maxTrain: Int = Parameter.maxTrain.defaultValue) {
        self.nu = nu
        self.gamma = gamma
        self.maxTrain = maxTrain
    }

    public static let info = DetectorInfo(
        name: "ocsvm", summary: "One-class SVM, RBF kernel, trained by libsvm",
        defaultScaling: .standard,
        parameters: [Parameter.nu.info, Parameter.gamma.info, Parameter.maxTrain.info],
        make: { p in
            let gamma = try p.value(Parameter.gamma)
            return OneClassSVM(nu: try p.value(Parameter.nu), gamma: gamma, maxTrain: try p.value(Parameter.maxTrain))
        })

    /// libsvm's training problem for the rows of `x` (dense rows as sparse nodes, label 1);
    /// the nodes must outlive a model trained on it, which points into them.
    final class Problem {
        let nodes: UnsafeMutablePointer<svm_node>
        let rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>
        let labels: UnsafeMutablePointer<Double>
        let count: Int

        init(_ x: Matrix) {
            let n = x.rows, d = x.columns
            count = n
            nodes = .allocate(capacity: n * (d + 1))
            rows = .allocate(capacity: n)
            labels = .allocate(capacity: n)
            for i in 0..<n {
                let base = nodes + i * (d + 1)
                for j in 0..<d { base[j] = svm_node(index: Int32(j + 1), value: x[i, j]) }
                base[d] = svm_node(index: -1, value: 0)
                rows[i] = base
                labels[i] = 1
            }
        }

        deinit { nodes.deallocate(); rows.deallocate(); labels.deallocate() }

        /// libsvm's kernel cache, in MB: room for the whole kernel matrix (n² floats), so that each
        /// kernel value is computed once, between 100 MB (libsvm's default) and 2 GB. The cache
        /// changes the time, never the model (a value is the same computed or cached); libsvm
        /// takes the memory only as rows are filled. At the default 10,000 training rows this is
        /// 398 MB (peak memory of a connect4 run 385 MB, against 298 MB with a 200 MB cache), and
        /// a connect4 run is about 12 % faster alone and 20 % faster with a second run beside it
        /// (the two then stop streaming evicted rows through the shared cache and memory).
        static func cacheMegabytes(rows n: Int) -> Double {
            let matrix = Double(n) * Double(n) * Double(MemoryLayout<Float>.size) / 1_048_576
            return min(max(100, (matrix * 1.02).rounded(.up) + 8), 2048)
        }

        /// Trains a model (free it with `svm_free_and_destroy_model` before this problem goes).
        func train(nu: Double, gamma: Double, cacheMegabytes: Double? = nil) throws -> UnsafeMutablePointer<svm_model> {
            var problem = svm_problem(l: Int32(count), y: labels, x: rows)
            var parameter = svm_parameter(
                svm_type: Int32(ONE_CLASS), kernel_type: Int32(RBF), degree: 3, gamma: gamma, coef0: 0,
                cache_size: cacheMegabytes ?? Problem.cacheMegabytes(rows: count), eps: 1e-3, C: 1, nr_weight: 0,
                weight_label: nil, weight: nil, nu: nu, p: 0.1, shrinking: 1, probability: 0)
            svm_set_print_string_function { _ in }   // libsvm prints progress dots otherwise
            if let problemText = svm_check_parameter(&problem, &parameter) {
                throw DataError(.usage, "ocsvm: libsvm rejects the parameters: \(String(cString: problemText))")
            }
            guard let model = svm_train(&problem, &parameter) else { throw DataError(.internal, "ocsvm: libsvm could not train") }
            return model
        }
    }

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        sourceRows = train.rows
        let x = train.subsampled(toAtMost: maxTrain, generator: &generator)
        trainedRows = x.rows
        dimension = x.columns
        gammaValue = try OneClassSVM.gamma(gamma, for: x)
        let problem = Problem(x)
        var trained: UnsafeMutablePointer<svm_model>? = try problem.train(nu: nu, gamma: gammaValue)
        defer { svm_free_and_destroy_model(&trained) }
        guard let model = trained, let modelCoefficients = model.pointee.sv_coef[0] else {
            throw DataError(.internal, "ocsvm: libsvm returned no model")
        }
        let l = Int(model.pointee.l), d = dimension
        supportVectors = [Double](repeating: 0, count: l * d)
        coefficients = [Double](repeating: 0, count: l)
        for i in 0..<l {
            coefficients[i] = modelCoefficients[i]
            guard var node = model.pointee.SV[i] else { throw DataError(.internal, "ocsvm: libsvm's support vector \(i) is missing") }
            while node.pointee.index != -1 {
                supportVectors[i * d + Int(node.pointee.index) - 1] = node.pointee.value
                node += 1
            }
        }
        rho = model.pointee.rho[0]
        // With nu · rows = rows every coefficient sits at its bound and libsvm's offset (the mean
        // of the free ones' gradients) is infinite, as in scikit-learn: every score would be too.
        guard rho.isFinite else {
            throw DataError(.usage, "ocsvm: nu=\(nu == 1 ? "1" : String(nu)) puts every one of the \(x.rows) training rows at its bound, so the decision offset is undefined (infinite); give a nu below 1")
        }
        supportNorms = (0..<l).map { i in (0..<d).reduce(0) { $0 + supportVectors[i * d + $1] * supportVectors[i * d + $1] } }
        withExtendedLifetime(problem) {}
    }

    static func gamma(_ text: String, for x: Matrix) throws -> Double {
        let d = Double(x.columns)
        switch text {
        case "auto": return 1 / d
        case "scale":
            let count = Double(x.values.count)
            let mean = x.values.reduce(0, +) / count
            let variance = x.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            return variance > 0 ? 1 / (d * variance) : 1
        default:
            guard let value = Double(text) else {
                throw DataError(.usage, "ocsvm: gamma \(text): expected scale, auto or a positive number")
            }
            return value
        }
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        let n = x.rows, d = x.columns, l = supportCount
        guard l > 0 else { throw DataError(.internal, "ocsvm: not fitted") }
        var out = [Double](repeating: 0, count: n)
        let block = 1024, blocks = (n + block - 1) / block
        let sv = supportVectors, norms = supportNorms, alpha = coefficients, rho = self.rho, gamma = gammaValue
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            let workers = min(2, max(blocks, 1))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var cross = [Double](repeating: 0, count: block * l)
                var b = worker
                while b < blocks {
                    let start = b * block, rows = min(block, n - start)
                    x.values.withUnsafeBufferPointer { xs in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(l), Int32(d), 1,
                                    xs.baseAddress! + start * d, Int32(d), sv, Int32(d), 0, &cross, Int32(l))
                        for i in 0..<rows {
                            var own = 0.0
                            for j in 0..<d { own += xs[(start + i) * d + j] * xs[(start + i) * d + j] }
                            var sum = 0.0
                            for j in 0..<l {
                                let distance = max(own + norms[j] - 2 * cross[i * l + j], 0)
                                sum += alpha[j] * exp(-gamma * distance)
                            }
                            results[start + i] = -(sum - rho)
                        }
                    }
                    b += workers
                }
            }
        }
        return out
    }

    /// libsvm's own `svm_predict_values` decision values for a model trained on `train` (for
    /// the test that checks the BLAS scoring against it).
    static func libsvmDecisionValues(train: Matrix, nu: Double, gamma: String, x: Matrix) throws -> [Double] {
        let problem = Problem(train)
        var model: UnsafeMutablePointer<svm_model>? = try problem.train(nu: nu, gamma: try OneClassSVM.gamma(gamma, for: train))
        defer { svm_free_and_destroy_model(&model) }
        let d = x.columns
        let row = UnsafeMutablePointer<svm_node>.allocate(capacity: d + 1)
        defer { row.deallocate() }
        var decision = 0.0
        return (0..<x.rows).map { i in
            for j in 0..<d { row[j] = svm_node(index: Int32(j + 1), value: x[i, j]) }
            row[d] = svm_node(index: -1, value: 0)
            _ = svm_predict_values(model, row, &decision)
            return decision
        }
    }
}
