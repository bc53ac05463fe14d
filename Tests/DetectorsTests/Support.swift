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
