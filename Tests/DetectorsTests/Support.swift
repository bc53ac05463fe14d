import Foundation
import Metrics
import Randomness
import Tensor
@testable import Detectors

/// Seeded test data: `normal` rows from N(0, I) in `dimensions`, then `anomalies` rows
/// uniform in [−6, 6]^d shifted away from the origin; labels 0/1.
func blobs(normal: Int, anomalies: Int, dimensions: Int = 5, seed: UInt64 = 1) -> (x: Matrix, labels: [Bool]) {
    var g = Xoshiro256StarStar(seed: seed)
    var values: [Double] = []
    for _ in 0..<normal { for _ in 0..<dimensions { values.append(g.standardNormal()) } }
    for _ in 0..<anomalies {
        for _ in 0..<dimensions {
            let v = g.uniformUnit() * 6 + 3
            values.append(g.bernoulli(0.5) ? v : -v)
        }
    }
    return (Matrix(rows: normal + anomalies, columns: dimensions, values: values),
            Array(repeating: false, count: normal) + Array(repeating: true, count: anomalies))
}

/// Fits on normal-only training blobs and returns the AUROC on a mixed test set.
func auroc(of detector: some Detector, seed: UInt64 = 7, dimensions: Int = 5) throws -> Double {
    var model = detector
    let train = blobs(normal: 600, anomalies: 0, dimensions: dimensions, seed: seed)
    let test = blobs(normal: 300, anomalies: 30, dimensions: dimensions, seed: seed + 1)
    var g = Xoshiro256StarStar(seed: seed)
    try model.fit(train.x, generator: &g)
    let scores = try model.scores(test.x)
    return try BinaryCurve(scores: scores, labels: test.labels).auroc
}

/// Seeded test data that only a trained model separates: `normal` rows near the closed curve
/// c(t) = (cos t, sin t, cos 2t, sin 2t), t uniform, in a fixed random 4-d subspace of 8
/// dimensions, then `anomalies` rows uniform on the sphere of c's radius (√2) in that subspace;
/// every row gets N(0, 0.05²) noise in all 8 coordinates; labels 0/1.
/// Both kinds have the same norm and the same mean and covariance (each coordinate of c and of
/// the sphere has variance ½, uncorrelated), so neither ‖x‖ nor the range of a coordinate nor
/// any linear projection tells them apart (unlike ``blobs(normal:anomalies:dimensions:seed:)``,
/// where ‖x‖ alone has AUROC 1): a detector must have learned the curve from the training rows.
/// Measured on curve rows (``curveAUROC(of:seed:)``, 12 seeds), the detectors' networks freshly
/// initialised score AUROC 0.41-0.67; the tests' thresholds are in their files.
func offCurve(normal: Int, anomalies: Int, seed: UInt64 = 1) -> (x: Matrix, labels: [Bool]) {
    let (d, k) = (8, 4)
    func dot(_ p: [Double], _ q: [Double]) -> Double { zip(p, q).map(*).reduce(0, +) }
    // The subspace: Gram-Schmidt on Gaussian vectors of a fixed seed (the same for every data seed).
    var b = Xoshiro256StarStar(seed: 2024)
    var basis: [[Double]] = []
    for _ in 0..<k {
        var w = (0..<d).map { _ in b.standardNormal() }
        for u in basis { let c = dot(w, u); w = zip(w, u).map { $0 - c * $1 } }
        let n = dot(w, w).squareRoot()
        basis.append(w.map { $0 / n })
    }
    var g = Xoshiro256StarStar(seed: seed)
    func embed(_ c: [Double]) -> [Double] {
        (0..<d).map { i in (0..<k).map { c[$0] * basis[$0][i] }.reduce(0, +) + 0.05 * g.standardNormal() }
    }
    var values: [Double] = []
    for _ in 0..<normal {
        let t = 2 * Double.pi * g.uniformUnit()
        values += embed([cos(t), sin(t), cos(2 * t), sin(2 * t)])
    }
    for _ in 0..<anomalies {
        let w = (0..<k).map { _ in g.standardNormal() }
        let n = dot(w, w).squareRoot()
        values += embed(w.map { $0 / n * 2.0.squareRoot() })
    }
    return (Matrix(rows: normal + anomalies, columns: d, values: values),
            Array(repeating: false, count: normal) + Array(repeating: true, count: anomalies))
}

/// Fits on normal-only ``offCurve(normal:anomalies:seed:)`` rows (600) and returns the AUROC
/// on a mixed test set (300 normal, 30 anomalies) of the next seed.
func curveAUROC(of detector: some Detector, seed: UInt64 = 7) throws -> Double {
    var model = detector
    let train = offCurve(normal: 600, anomalies: 0, seed: seed)
    let test = offCurve(normal: 300, anomalies: 30, seed: seed + 1)
    var g = Xoshiro256StarStar(seed: seed)
    try model.fit(train.x, generator: &g)
    return try BinaryCurve(scores: try model.scores(test.x), labels: test.labels).auroc
}

/// The mean ``curveAUROC(of:seed:)`` over `seeds` of a detector trained and of the same
/// detector untrained (0 epochs or iterations: its freshly initialised networks).
func curveAUROC(trained: some Detector, untrained: some Detector, seeds: [UInt64]) throws -> (trained: Double, untrained: Double) {
    let a = try seeds.map { try curveAUROC(of: trained, seed: $0) }
    let b = try seeds.map { try curveAUROC(of: untrained, seed: $0) }
    return (a.reduce(0, +) / Double(seeds.count), b.reduce(0, +) / Double(seeds.count))
}

/// Scores of the same detector fitted twice with the same seed.
/// (Inside a ``BLAS/steadyThreadCount(_:)`` section: tests run concurrently, and one that
/// changes OpenBLAS's process-wide thread count between the two fits would change the rounding.)
func twice(_ detector: some Detector, seed: UInt64 = 3) throws -> ([Double], [Double]) {
    let data = blobs(normal: 300, anomalies: 20, seed: 11)
    return try BLAS.steadyThreadCount {
        var a = detector, b = detector
        var g1 = Xoshiro256StarStar(seed: seed), g2 = Xoshiro256StarStar(seed: seed)
        try a.fit(data.x, generator: &g1)
        try b.fit(data.x, generator: &g2)
        return (try a.scores(data.x), try b.scores(data.x))
    }
}
