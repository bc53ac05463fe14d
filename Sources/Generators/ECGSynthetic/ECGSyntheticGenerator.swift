import Datasets
import Randomness
import Recipe

/// ECG5000-like heartbeats simulated with McSharry et al.'s dynamical ECG model (recipe
/// `ecg-synthetic`, and `ecg5000` when no `--source` is given): one beat of 140 samples per row,
/// columns `t0` ... `t139`, five classes shaped like ECG5000's (``Heartbeat`` has the model, the
/// window, the variability and each class's morphology).
///
/// Split, mirroring `ecg5000`'s UCR split: a "TRAIN" part of `beats.train` beats and a "TEST"
/// part of `beats.test` beats, each with exact class counts (the class weights apportioned by
/// largest remainder over the part's size) in a uniformly random order (streams `classes-train`,
/// `classes-test`). train = the normal beats of TRAIN (the others dropped, as `ecg5000` drops
/// them), test = every beat of TEST, classes other than `normal_classes` anomalies with kind
/// `class:N`. Ids are positions in TRAIN then TEST (TRAIN beat i → id i, TEST beat j → id
/// beats.train + j). Each beat is a function of the seed, its id and its class alone (counter
/// stream `beats`, indexed by id).
public struct ECGSyntheticGenerator: Generator {
    public let spec: ECGSyntheticSpec

    public init(spec: ECGSyntheticSpec) { self.spec = spec }

    static let length = Heartbeat.length

    public var columns: [ColumnSchema] { (0..<Self.length).map { .numeric("t\($0)") } }
    public var info: Manifest.GeneratorInfo {
        .init(kind: ECGSyntheticSpec.kind, version: 1,
              description: "ECGSYN heartbeats (McSharry et al. 2003, RK4), 140 samples z-normalised per beat; ECG5000's five classes; UCR-like split")
    }
    public var source: String { "synthetic" }

    /// Exact class counts of a part of `total` beats (classes with weight 0 get none).
    func classCounts(_ total: Int) -> [Int] {
        let positive = spec.classWeights.indices.filter { spec.classWeights[$0] > 0 }
        let shares = Apportionment.counts(total: total, weights: positive.map { spec.classWeights[$0] })
        var counts = Array(repeating: 0, count: ECGSyntheticSpec.classCount)
        for (k, c) in zip(positive, shares) { counts[k] = c }
        return counts
    }

    /// The class (1-5) of each beat of a part, in order.
    func classes(_ total: Int, stream: String, context: GenerationContext) -> [Int] {
        var dealer = KindSequencer(counts: classCounts(total), generator: context.stream(stream))
        return (0..<total).map { _ in dealer.next() + 1 }
    }

    public var totalRows: Int {
        // Only the train part's normal beats are kept; its class counts are exact.
        let counts = classCounts(spec.beats.train)
        return spec.normalClasses.reduce(0) { $0 + counts[$1 - 1] } + spec.beats.test
    }

    public func generate(into writer: DatasetWriter, context: GenerationContext,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        let trainClasses = classes(spec.beats.train, stream: "classes-train", context: context)
        let testClasses = classes(spec.beats.test, stream: "classes-test", context: context)
        let beats = context.counterStream("beats")
        var written = 0
        func write(_ split: Split, id: Int, beatClass: Int) throws {
            var g = beats.generator(at: id)
            let values = Heartbeat.values(class: beatClass, spec: spec, generator: &g)
            try writer.beginRow(split, id: id)
            for x in values { try writer.write(number: x) }
            let anomalous = !spec.normalClasses.contains(beatClass)
            try writer.endRow(label: anomalous, kind: anomalous ? "class:\(beatClass)" : "")
            written += 1
            if written & 255 == 0 { progress(written) }
        }
        for (i, c) in trainClasses.enumerated() where spec.normalClasses.contains(c) {
            try write(.train, id: i, beatClass: c)
        }
        for (j, c) in testClasses.enumerated() {
            try write(.test, id: spec.beats.train + j, beatClass: c)
        }
        progress(written)
        let testCounts = classCounts(spec.beats.test)
        var described: [String: JSONValue] = [:]
        for c in 1...ECGSyntheticSpec.classCount where !spec.normalClasses.contains(c) && testCounts[c - 1] > 0 {
            described["class:\(c)"] = .object(["count": .int(testCounts[c - 1]), "weight": .double(spec.classWeights[c - 1]),
                                               "description": .string(Self.classDescriptions[c - 1])])
        }
        return described
    }

    /// ECG5000's class names, and how the simulated beats of each class are made.
    static let classDescriptions = [
        "normal beat (ECGSYN defaults)",
        "R-on-T premature ventricular contraction: wide tall QRS without P, large inverted T, coupled at 0.30-0.42 R-R onto the previous T wave; compensatory pause",
        "premature ventricular contraction: wide tall QRS without P, large inverted T, coupled at 0.55-0.75 R-R; compensatory pause",
        "supraventricular premature beat: early (0.60-0.80 R-R), ectopic inverted or small P with a short PR, normal narrow QRS; no compensatory pause",
        "unclassified beat: aberrant conduction, notched widened QRS (R'), depressed ST, flat or inverted T; normal timing",
    ]
}
