import CSVM
import DataIO
import Dispatch
import Randomness

/// One-class SVM (Schölkopf et al., 2001) trained by **libsvm** (`svm_train`, ONE_CLASS, RBF
/// kernel), as scikit-learn's `OneClassSVM` wraps it: `nu` = 0.5, `gamma` = `scale`
/// (1 / (d · Var(X)), the variance over every training value) or `auto` (1/d) or a number,
/// tolerance 1e-3, shrinking on. Score = −decision value (higher = more anomalous).
/// Training is O(n²) or worse, so training sets above `max_train` rows are subsampled
/// (seeded; the count used is reported in `trainedRows`). Scoring runs on two threads.
public struct OneClassSVM: Detector, @unchecked Sendable {
    public var nu: Double
    public var gamma: String
    public var maxTrain: Int
    public private(set) var trainedRows = 0
    public private(set) var gammaValue = 0.0
    private var model: Model?

    public init(nu: Double = 0.5, gamma: String = "scale", maxTrain: Int = 10_000) {
        self.nu = nu
        self.gamma = gamma
        self.maxTrain = maxTrain
    }

    public static let info = DetectorInfo(
        name: "ocsvm", summary: "One-class SVM, RBF kernel, trained by libsvm",
        defaultScaling: .standard,
        parameters: [ParameterInfo("nu", "0.5", "upper bound on the training outlier fraction"),
                     ParameterInfo("gamma", "scale", "RBF width: scale, auto or a positive number"),
                     ParameterInfo("max_train", "10000", "training rows kept (seeded subsample beyond it)")],
        make: { p in
            let gamma = p.text("gamma") ?? "scale"
            if gamma != "scale" && gamma != "auto" && !((Double(gamma) ?? 0) > 0) {
                throw DataError("usage", "ocsvm: --param gamma=\(gamma): expected scale, auto or a positive number")
            }
            return OneClassSVM(nu: try p.double("nu", default: 0.5, range: 1e-6...1), gamma: gamma,
                               maxTrain: try p.integer("max_train", default: 10_000, range: 2...Int.max))
        })

    /// The trained libsvm model and the training nodes it points into (libsvm keeps pointers to
    /// the support vectors inside the problem's arrays, so they live as long as the model).
    final class Model: @unchecked Sendable {
        let nodes: UnsafeMutablePointer<svm_node>
        let rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>
        let labels: UnsafeMutablePointer<Double>
        var model: UnsafeMutablePointer<svm_model>?
        let dimension: Int

        init(_ x: Matrix) {
            dimension = x.columns
            let n = x.rows, d = x.columns
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

        deinit {
            if model != nil { svm_free_and_destroy_model(&model) }
            nodes.deallocate(); rows.deallocate(); labels.deallocate()
        }
    }

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        var x = train
        if train.rows > maxTrain {
            var indices = IsolationForest.sampleWithoutReplacement(train.rows, maxTrain, &generator)
            indices.sort()
            x = train.selecting(rows: indices)
        }
        trainedRows = x.rows
        let d = Double(x.columns)
        switch gamma {
        case "auto": gammaValue = 1 / d
        case "scale":
            let count = Double(x.values.count)
            let mean = x.values.reduce(0, +) / count
            let variance = x.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            gammaValue = variance > 0 ? 1 / (d * variance) : 1
        default: gammaValue = Double(gamma)!
        }
        let holder = Model(x)
        var problem = svm_problem(l: Int32(x.rows), y: holder.labels, x: holder.rows)
        var parameter = svm_parameter(
            svm_type: Int32(ONE_CLASS), kernel_type: Int32(RBF), degree: 3, gamma: gammaValue, coef0: 0,
            cache_size: 200, eps: 1e-3, C: 1, nr_weight: 0, weight_label: nil, weight: nil, nu: nu, p: 0.1,
            shrinking: 1, probability: 0)
        svm_set_print_string_function { _ in }   // libsvm prints progress dots otherwise
        if let problemText = svm_check_parameter(&problem, &parameter) {
            throw DataError("usage", "ocsvm: libsvm rejects the parameters: \(String(cString: problemText))")
        }
        holder.model = svm_train(&problem, &parameter)
        guard holder.model != nil else { throw DataError("internal", "ocsvm: libsvm could not train") }
        model = holder
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        guard let model, let trained = model.model else { throw DataError("internal", "ocsvm: not fitted") }
        nonisolated(unsafe) let svm = trained
        let n = x.rows, d = x.columns
        var out = [Double](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            let parts = n >= 256 ? 2 : 1
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let row = UnsafeMutablePointer<svm_node>.allocate(capacity: d + 1)
                defer { row.deallocate() }
                var decision = 0.0
                for i in (n * part / parts)..<(n * (part + 1) / parts) {
                    for j in 0..<d { row[j] = svm_node(index: Int32(j + 1), value: x[i, j]) }
                    row[d] = svm_node(index: -1, value: 0)
                    _ = svm_predict_values(svm, row, &decision)
                    results[i] = -decision
                }
            }
        }
        _ = model
        return out
    }
}
